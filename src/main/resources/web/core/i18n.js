// Message catalogues and locale-aware lookup.
//
// Each feature keeps its own catalogue next to its code (rooms/i18n/en.json, …) and the shared
// messages (navigation, errors, common words) live in /i18n/<locale>.json; initI18n merges them into
// one flat key → message map, so a key means the same wherever it is used. Messages use {name}
// placeholders; plural messages are split into keys ending in an Intl.PluralRules category
// (`followers.count.one`, `followers.count.other`, and `few`/`many` for Romanian and Russian);
// an optional `.zero` key is used for exactly 0.
// Adding a language: drop <locale>.json next to each en.json, list the locale in SUPPORTED and in
// the server's profiles.Languages; I18nCatalogueTest checks that every catalogue has every key.
//
// Which language: an explicit choice (the member's saved one, or this browser's while signed out:
// core/language.js), else the first of navigator.languages Parley speaks, else English.

const SUPPORTED = ['en', 'de', 'nl', 'ro', 'ru'];
const FALLBACK = 'en';

let locale = FALLBACK;
let formatLocale = FALLBACK; // e.g. en-GB: the reader's own variant of the catalogue's language
let messages = {};
let fallbackMessages = {};
let pluralRules = new Intl.PluralRules(FALLBACK);
let numberFormat = new Intl.NumberFormat(FALLBACK);
let features = []; // folders whose i18n/ holds a feature's catalogue, from initI18n
const changeListeners = new Set();

/** The languages Parley has catalogues for, in the order a switcher lists them. */
export function supportedLocales() {
  return [...SUPPORTED];
}

/** A language's own name for itself, capitalised as a menu item ("Deutsch", "Русский"). */
export function languageName(tag) {
  let name = tag;
  try {
    name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) || tag;
  } catch {
    // an engine without DisplayNames shows the tag
  }
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** The first of the reader's preferred languages that Parley has a catalogue for, else English. */
export function pickLocale(preferred = navigator.languages || [navigator.language]) {
  for (const tag of preferred) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    const exact = SUPPORTED.find((s) => s.toLowerCase() === lower);
    if (exact) return exact;
    const base = SUPPORTED.find((s) => s.toLowerCase() === lower.split('-')[0]);
    if (base) return base;
  }
  return FALLBACK;
}

async function fetchPart(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`catalogue ${path}: HTTP ${response.status}`);
  return response.json();
}

/** The shared catalogue and every feature's, fetched in parallel and merged into one map. */
async function fetchCatalogue(tag) {
  const paths = [`/i18n/${tag}.json`, ...features.map((feature) => `/${feature}/i18n/${tag}.json`)];
  const parts = await Promise.all(paths.map(fetchPart));
  return Object.assign({}, ...parts);
}

/**
 * Dates and numbers follow the reader's own regional variant (en-GB writes 22 November 2026) as long
 * as it is a variant of the catalogue's language; otherwise the catalogue's language, so a German
 * date never sits inside an English sentence.
 */
export function pickFormatLocale(catalogue, preferred = navigator.languages || [navigator.language]) {
  const base = catalogue.toLowerCase().split('-')[0];
  const match = preferred.find((tag) => tag && tag.toLowerCase().split('-')[0] === base);
  if (!match) return catalogue;
  try {
    return Intl.getCanonicalLocales(match)[0];
  } catch {
    return catalogue;
  }
}

/** The locale for an explicit choice (a supported tag), else from the browser's languages. */
export function resolveLocale(choice) {
  return choice && SUPPORTED.includes(choice) ? choice : pickLocale();
}

async function load(tag) {
  let next = tag;
  let nextMessages = fallbackMessages;
  if (next !== FALLBACK) {
    try {
      nextMessages = await fetchCatalogue(next);
    } catch {
      next = FALLBACK; // a missing catalogue must not break the app
    }
  }
  locale = next;
  messages = nextMessages;
  formatLocale = pickFormatLocale(locale);
  pluralRules = new Intl.PluralRules(locale);
  numberFormat = new Intl.NumberFormat(formatLocale);
  document.documentElement.lang = locale;
}

/**
 * Loads the reader's catalogue (and English as fallback) and sets <html lang>. `featureFolders` name
 * the features with catalogues of their own, e.g. ['rooms', 'people']; `choice` is an explicit
 * language (core/language.js) or null to follow the browser.
 */
export async function initI18n(featureFolders = [], choice = null) {
  features = featureFolders;
  fallbackMessages = await fetchCatalogue(FALLBACK);
  await load(resolveLocale(choice));
}

/**
 * Switches the interface to `choice` (null: the browser's languages) without reloading: loads the
 * catalogue, then waits for every onLocaleChange listener (the app redraws the page with it).
 */
export async function setLocale(choice) {
  const next = resolveLocale(choice);
  if (next === locale) return;
  await load(next);
  await Promise.all([...changeListeners].map((listener) => listener(locale)));
}

/** Runs `listener(locale)` after each switch of language; returns its unsubscribe. */
export function onLocaleChange(listener) {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** The catalogue's language, as in <html lang>. */
export function currentLocale() {
  return locale;
}

/** The locale for Intl date, relative-time and number formats. */
export function currentFormatLocale() {
  return formatLocale;
}

/** True when the catalogue (or the English fallback) has this exact key. */
export function has(key) {
  return key in messages || key in fallbackMessages;
}

function lookup(key) {
  if (key in messages) return messages[key];
  if (key in fallbackMessages) return fallbackMessages[key];
  return undefined;
}

/** Resolves a plural family (`key.one`, `key.other`, …) when params.count is a number. */
function resolve(key, params) {
  if (params && typeof params.count === 'number') {
    // An explicit `.zero` message wins for 0 (like ICU's =0), whatever the language's categories.
    if (params.count === 0 && lookup(`${key}.zero`) !== undefined) return lookup(`${key}.zero`);
    const category = pluralRules.select(params.count);
    const plural = lookup(`${key}.${category}`) ?? lookup(`${key}.other`);
    if (plural !== undefined) return plural;
  }
  return lookup(key);
}

function formatParam(value) {
  return typeof value === 'number' ? numberFormat.format(value) : String(value);
}

/** Translates a key into a string; missing keys show the key itself so gaps are visible. */
export function t(key, params = {}) {
  const message = resolve(key, params);
  if (message === undefined) return key;
  return message.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? formatParam(params[name]) : whole));
}

/**
 * Translates a key into DOM nodes, so placeholders can hold elements (e.g. a profile link)
 * while translators still decide the word order: t('profile.invitedBy', {inviter: linkElement}).
 */
export function tNodes(key, params = {}) {
  const message = resolve(key, params) ?? key;
  const nodes = [];
  let last = 0;
  for (const match of message.matchAll(/\{(\w+)\}/g)) {
    if (match.index > last) nodes.push(document.createTextNode(message.slice(last, match.index)));
    const value = params[match[1]];
    if (value instanceof Node) nodes.push(value);
    else nodes.push(document.createTextNode(value === undefined ? match[0] : formatParam(value)));
    last = match.index + match[0].length;
  }
  if (last < message.length) nodes.push(document.createTextNode(message.slice(last)));
  return nodes;
}

/** Fills static markup: elements with data-i18n get their text from the catalogue. */
export function translateStatic(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
}
