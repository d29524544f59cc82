// The language switcher (issue 14): a native <select> of the languages Parley speaks, each named in
// itself ("Deutsch", "Русский", marked with its lang so screen readers pronounce it), so a reader
// who cannot read the current language still finds theirs. Choosing applies at once without a reload
// (core/language.js saves it); the page is redrawn in the new language and focus comes back here.
import { h, icon, uid } from '../dom.js';
import { t, supportedLocales, languageName, pickLocale, currentLocale } from '../i18n.js';
import { chooseLanguage, chosenLanguage } from '../language.js';
import { errorMessage } from './errors.js';
import { toast } from './toasts.js';

const TESTID = 'language-select';

/** A select of the languages; `withBrowser` adds "the browser's language" (the empty value) first. */
function select(id, className, withBrowser) {
  const items = [];
  if (withBrowser) items.push(h('option', { value: '' }, t('language.browser', { language: languageName(pickLocale()) })));
  for (const tag of supportedLocales()) items.push(h('option', { value: tag, lang: tag }, languageName(tag)));
  const element = h('select', { id, class: className, 'data-testid': TESTID }, ...items);
  element.value = chosenLanguage() || (withBrowser ? '' : currentLocale());
  return element;
}

async function onChange(menu, saved) {
  const choice = menu.value || null;
  menu.disabled = true;
  try {
    await chooseLanguage(choice);
    if (saved) toast(t(saved));
  } catch (error) {
    toast(errorMessage(error), { kind: 'error' });
  } finally {
    menu.disabled = false;
    // The page was redrawn in the new language: put the reader back on the (new) switcher.
    document.querySelector(`[data-testid="${TESTID}"]`)?.focus();
  }
}

/**
 * The settings form's field: a labelled select with "the browser's language" as the first choice and
 * a hint, saving on the account. Returns the field's element.
 */
export function languageField() {
  const id = uid('language');
  const menu = select(id, 'input select', true);
  menu.setAttribute('aria-describedby', `${id}-hint`);
  menu.addEventListener('change', () => onChange(menu, 'settings.languageSaved'));
  return h('div', { class: 'field' },
    // The card's heading already says "Language": the label is for screen readers only.
    h('label', { for: id, class: 'visually-hidden' }, t('language.label')),
    menu,
    h('p', { id: `${id}-hint`, class: 'hint' }, t('settings.languageHint')));
}

/** The compact switcher of the signed-out pages: a globe, a hidden label and the select. */
export function languageSwitcher() {
  const id = uid('language');
  const menu = select(id, 'select select-compact', false);
  menu.addEventListener('change', () => onChange(menu, null));
  return h('div', { class: 'lang-switch' },
    h('label', { for: id, class: 'lang-switch-label' }, icon('globe', 18),
      h('span', { class: 'visually-hidden' }, t('language.label'))),
    menu);
}
