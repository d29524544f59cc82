// Settings' "Languages I understand" card: the languages whose rooms come first in the hallway
// (docs/api.md, Me.languages). Each change is saved at once; the interface language counts while the
// list is empty, which the card says.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { updateMe } from '../core/api.js';
import { setMe, currentMe } from '../core/session.js';
import { formAlert } from '../core/ui/forms.js';
import { errorMessage } from '../core/ui/errors.js';
import { languageName, languageOptions } from '../rooms/languages.js';

/** The most languages a member lists (kernel.SpokenLanguages.MAX_PER_MEMBER). */
const MAX = 10;

export function spokenLanguagesCard() {
  const alert = formAlert('spoken-languages-error');
  const chosen = h('ul', { class: 'spoken-list', 'data-testid': 'spoken-languages' });
  const empty = h('p', { class: 'section-sub', 'data-testid': 'spoken-languages-empty' }, t('settings.spokenEmpty'));
  const add = h('select', { id: 'spoken-add', class: 'input', 'data-testid': 'spoken-add' });

  async function save(codes) {
    alert.clear();
    try {
      setMe(await updateMe({ languages: codes }));
    } catch (error) {
      if (error.name !== 'AbortError') alert.show(errorMessage(error));
    }
    draw();
  }

  function draw() {
    const codes = currentMe()?.languages || [];
    chosen.replaceChildren(...codes.map((code) => h('li', { class: 'spoken-item', lang: code },
      h('span', {}, languageName(code)),
      h('button', {
        type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': `spoken-remove-${code}`,
        'aria-label': t('settings.spokenRemove', { language: languageName(code) }),
        onclick: () => save(codes.filter((c) => c !== code)),
      }, '×'))));
    empty.hidden = codes.length > 0;
    add.replaceChildren(h('option', { value: '' }, t('settings.spokenAdd')),
      ...languageOptions().filter(([code]) => !codes.includes(code)).map(([code, name]) => h('option', { value: code }, name)));
    add.disabled = codes.length >= MAX;
  }

  add.addEventListener('change', () => {
    if (add.value) save([...(currentMe()?.languages || []), add.value]);
  });
  draw();
  return h('section', { class: 'card', 'data-testid': 'spoken-languages-card' },
    h('h2', { class: 'card-title' }, t('settings.spokenTitle')),
    h('p', { class: 'section-sub' }, t('settings.spokenExplain')),
    alert.element, chosen, empty,
    h('label', { class: 'visually-hidden', for: 'spoken-add' }, t('settings.spokenAdd')), add);
}
