// Asks the server as the member types: after a pause (DEBOUNCE_MS), cancelling a request a newer
// query made stale, and telling the page when a request takes longer than PROGRESS_AFTER_MS.
import { request } from '../core/api.js';

export const DEBOUNCE_MS = 180;
export const PROGRESS_AFTER_MS = 1000;

export function search(q, { kind, offset, limit } = {}, opts = {}) {
  const params = new URLSearchParams({ q });
  if (kind) params.set('kind', kind);
  if (offset) params.set('offset', String(offset));
  if (limit) params.set('limit', String(limit));
  return request('GET', `/api/search?${params}`, opts);
}

/**
 * Returns `type(text)`: call it on every keystroke. `onResult(answer, q)`, `onBusy(boolean)` and
 * `onError(error)` are called for the latest query only.
 */
export function typeahead({ onResult, onBusy, onError, limit }) {
  let timer = null;
  let progress = null;
  let controller = null;
  const stop = () => {
    clearTimeout(timer);
    clearTimeout(progress);
    controller?.abort();
    controller = null;
    onBusy(false);
  };
  return function type(text) {
    stop();
    const q = text.trim();
    if (!q) {
      onResult(null, '');
      return;
    }
    timer = setTimeout(async () => {
      const mine = new AbortController();
      controller = mine;
      progress = setTimeout(() => onBusy(true), PROGRESS_AFTER_MS);
      try {
        const answer = await search(q, { limit }, { signal: mine.signal });
        if (controller === mine) onResult(answer, q);
      } catch (error) {
        if (controller === mine && error.name !== 'AbortError') onError(error);
      } finally {
        if (controller === mine) {
          clearTimeout(progress);
          onBusy(false);
        }
      }
    }, DEBOUNCE_MS);
  };
}
