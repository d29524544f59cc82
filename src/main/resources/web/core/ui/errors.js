// A failed request in words: the catalogue's sentence for its problem code, else the server's detail.
import { t, has } from '../i18n.js';
import { formatRelativeMillis } from '../format.js';

/** A sentence for a failed request: catalogue by problem code, else the server's detail. */
export function errorMessage(error) {
  if (!error || error.name === 'AbortError') return '';
  if (error.code === 'rate_limited' && typeof error.retryAfter === 'number') {
    return t('error.rate_limited.retry', { when: formatRelativeMillis(error.retryAfter * 1000) });
  }
  const key = `error.${error.code}`;
  if (error.code && has(key)) return t(key);
  return error.detail || t('error.unknown');
}

/** A sentence for one entry of problem.errors[]: field-specific, then generic, then server detail. */
export function fieldErrorMessage({ field, code, detail }) {
  const specific = `error.field.${field}.${code}`;
  if (has(specific)) return t(specific);
  const generic = `error.field.${code}`;
  if (has(generic)) return t(generic);
  return detail || t('error.unknown');
}
