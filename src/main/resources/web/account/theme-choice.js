// Settings' theme choice: three native radio buttons (arrow keys move between them), applied at once.
import { h, uid } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { THEMES, currentTheme, setTheme } from '../core/theme.js';

/** The settings card: a heading that names the radio group, the choices and a hint. */
export function themeCard() {
  const headingId = uid('theme');
  const hintId = `${headingId}-hint`;
  const name = uid('theme-choice');
  const selected = currentTheme();
  const choices = THEMES.map((theme) => h('label', { class: 'theme-option' },
    h('input', {
      type: 'radio', name, value: theme, checked: theme === selected, 'data-testid': `theme-${theme}`,
      onchange: () => setTheme(theme),
    }),
    h('span', {}, t(`settings.theme.${theme}`))));
  return h('section', { class: 'card', 'data-testid': 'theme-settings' },
    h('h2', { class: 'card-title', id: headingId }, t('settings.themeTitle')),
    h('div', { class: 'theme-options', role: 'radiogroup', 'aria-labelledby': headingId, 'aria-describedby': hintId }, choices),
    h('p', { class: 'hint', id: hintId }, t('settings.themeHint')));
}
