// The search box in the top bar. On a laptop: a field whose results open in a panel under it as the
// member types. On a phone the bar has no room for a field: a search button leads to /search instead.
import { h, icon, uid } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { onMeChange, currentMe } from '../core/session.js';
import { errorMessage } from '../core/ui/errors.js';
import { typeahead } from './searcher.js';
import { drawGroups, arrowKeys } from './results.js';

export function mountTopSearch(slot) {
  const panelId = uid('search-panel');
  const input = h('input', {
    type: 'search', class: 'top-search-input', 'data-testid': 'top-search-input', autocomplete: 'off', spellcheck: 'false',
    maxlength: '100', 'aria-controls': panelId,
  });
  const label = h('label', { class: 'visually-hidden', for: (input.id = uid('search')) });
  const status = h('p', { class: 'search-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'top-search-status' });
  const results = h('div', { class: 'search-results' });
  const panel = h('div', { class: 'top-search-panel', id: panelId, hidden: true, 'data-testid': 'top-search-panel' }, status, results);
  const phoneLink = h('a', { class: 'top-search-link', href: '/search', 'data-testid': 'nav-search' }, icon('search', 22),
    h('span', { class: 'visually-hidden' }));
  const box = h('div', { class: 'top-search', role: 'search' },
    h('span', { class: 'top-search-icon', 'aria-hidden': 'true' }, icon('search', 18)), label, input, panel);

  // A plain search field (not an ARIA combobox): the results are links after it, reached with Tab or
  // the arrow keys, and the status line tells screen readers they came.
  const open = (yes) => {
    panel.hidden = !yes;
  };
  const type = typeahead({
    onResult(answer, q) {
      if (!answer) {
        results.replaceChildren();
        status.textContent = '';
        open(false);
        return;
      }
      const groups = drawGroups(answer.groups);
      results.replaceChildren(...groups);
      // Found: the results speak for themselves; a screen reader hears that they came.
      status.textContent = groups.length ? t('search.found') : t('search.empty', { q });
      status.classList.toggle('visually-hidden', groups.length > 0);
      open(true);
    },
    onBusy(busy) {
      if (busy) {
        status.classList.remove('visually-hidden');
        status.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('search.searching'));
        open(true);
      }
    },
    onError(error) {
      status.classList.remove('visually-hidden');
      status.textContent = errorMessage(error);
      open(true);
    },
  });
  input.addEventListener('input', () => type(input.value));
  input.addEventListener('focus', () => {
    if (input.value.trim() && results.childElementCount) open(true);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && input.value.trim()) {
      e.preventDefault();
      const q = input.value.trim();
      open(false);
      navigate(`/search?q=${encodeURIComponent(q)}`);
    }
  });
  arrowKeys(input, panel, () => open(false));
  // The panel closes when focus leaves the box (a result followed, a click elsewhere).
  box.addEventListener('focusout', (e) => {
    if (!box.contains(e.relatedTarget)) open(false);
  });
  results.addEventListener('click', (e) => {
    if (e.target.closest('a')) {
      open(false);
      input.value = '';
      results.replaceChildren();
    }
  });

  const translate = () => {
    label.textContent = t('search.label');
    input.placeholder = t('search.placeholder');
    phoneLink.lastChild.textContent = t('search.label');
  };
  const show = (me) => {
    slot.hidden = !me;
    translate();
  };
  slot.replaceChildren(box, phoneLink);
  show(currentMe());
  onMeChange(show);
  return { translate };
}
