// A failed request in words: the catalogue's sentence for its problem code. The server's `detail` is
// English, so it is shown only to English readers and only for a code the catalogue does not know
// yet (I18nCatalogueTest keeps every code the server sends in the catalogue); others get a general
// sentence in their language.
import { t, has, currentLocale } from '../i18n.js';

function serverText(detail) {
  return currentLocale() === 'en' && detail ? detail : t('error.unknown');
}
import { formatRelativeMillis } from '../format.js';

/** A sentence for a failed request: catalogue by problem code, else (in English) the server's detail. */
export function errorMessage(error) {
  if (!error || error.name === 'AbortError') return '';
  if (error.code === 'rate_limited' && typeof error.retryAfter === 'number') {
    return t('error.rate_limited.retry', { when: formatRelativeMillis(error.retryAfter * 1000) });
  }
  const key = `error.${error.code}`;
  if (error.code && has(key)) return t(key);
  return serverText(error.detail);
}

/** A sentence for one entry of problem.errors[]: field-specific, then generic, then server detail. */
export function fieldErrorMessage({ field, code, detail }) {
  const specific = `error.field.${field}.${code}`;
  if (has(specific)) return t(specific);
  const generic = `error.field.${code}`;
  if (has(generic)) return t(generic);
  return serverText(detail);
}
