// Spoken languages in the client: a room's floor language and the languages a member understands,
// as ISO 639-1 codes (the server accepts any; kernel.SpokenLanguages). Names come from
// Intl.DisplayNames in the reader's language, so nothing here needs translating.
import { h } from '../core/dom.js';
import { currentLocale, currentFormatLocale, languageName as ownName } from '../core/i18n.js';

/** The languages offered in pickers: Parley's five first, then widely spoken ones. */
export const OFFERED = ['en', 'de', 'nl', 'ro', 'ru', 'ar', 'bg', 'cs', 'da', 'el', 'es', 'fa', 'fi', 'fr', 'he',
  'hi', 'hr', 'hu', 'id', 'it', 'ja', 'ko', 'lt', 'lv', 'nb', 'pl', 'pt', 'sk', 'sl', 'sr', 'sv', 'th', 'tr',
  'uk', 'vi', 'zh'];

/** "Română", "Deutsch"…: a language's name in the reader's language, capitalised as a label. */
export function languageName(code) {
  let name = code;
  try {
    name = new Intl.DisplayNames([currentFormatLocale()], { type: 'language' }).of(code) || code;
  } catch {
    // an engine without DisplayNames shows the code
  }
  return name.charAt(0).toLocaleUpperCase(currentFormatLocale()) + name.slice(1);
}

/**
 * "Русский", "English": a language's name in that language, so a listener finds their own in a menu
 * whatever the interface language is ("Listen in: Original · English · Русский").
 */
export const autonym = ownName;

/** The offered languages (and any extra codes given) as [code, name], sorted by name for the reader. */
export function languageOptions(extra = []) {
  const codes = [...new Set([...OFFERED, ...extra])];
  const collator = new Intl.Collator(currentFormatLocale());
  return codes.map((c) => [c, languageName(c)]).sort((a, b) => collator.compare(a[1], b[1]));
}

/** A <select> of languages with `value` chosen (default: the reader's interface language). */
export function languageSelect({ id, name = 'language', value = currentLocale(), testid }) {
  return h('select', { id, name, class: 'input', 'data-testid': testid },
    languageOptions([value]).map(([code, label]) => h('option', { value: code, selected: code === value, lang: code }, label)));
}

/** A small label with the language's name, for cards and headers. */
export function languageBadge(code) {
  if (!code) return null;
  return h('span', { class: 'badge badge-soft badge-language', 'data-testid': 'room-language', lang: code },
    languageName(code));
}
