// "/search": the search screen — the phone's way in (the top bar's button), and where Enter in the top
// bar's box leads on a laptop. Results as you type, grouped, with more of one kind on demand.
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { requireMe } from '../core/auth.js';
import { pageHeading } from '../core/ui/page.js';
import { errorMessage } from '../core/ui/errors.js';
import { typeahead, search } from './searcher.js';
import { drawGroups, arrowKeys } from './results.js';

const PAGE = 20;

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const input = h('input', {
    type: 'search', id: 'search-q', class: 'search-input', 'data-testid': 'search-input', autocomplete: 'off',
    spellcheck: 'false', maxlength: '100', placeholder: t('search.placeholder'), value: ctx.query.get('q') || '',
  });
  const status = h('p', { class: 'search-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'search-status' });
  const results = h('div', { class: 'search-results', 'data-testid': 'search-results' });
  let groups = [];
  let query = '';

  const draw = () => {
    results.replaceChildren(...drawGroups(groups, { onMore: more }));
  };
  // "More": the next page of one kind, appended to its group.
  async function more(kind, offset) {
    try {
      const page = await search(query, { kind, offset, limit: PAGE }, { signal: ctx.signal });
      const next = page.groups[0];
      groups = groups.map((g) => (g.kind === kind ? { ...g, items: [...g.items, ...next.items], next: next.next } : g));
      draw();
    } catch (error) {
      status.textContent = errorMessage(error);
    }
  }
  const type = typeahead({
    onResult(answer, q) {
      query = q;
      groups = answer ? answer.groups : [];
      draw();
      const found = groups.some((g) => g.items.length);
      status.textContent = !answer ? t('search.hint') : found ? t('search.found') : t('search.empty', { q });
      status.classList.toggle('visually-hidden', found);
      history.replaceState(history.state, '', q ? `/search?q=${encodeURIComponent(q)}` : '/search');
    },
    onBusy(busy) {
      if (busy) {
        status.classList.remove('visually-hidden');
        status.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('search.searching'));
      }
    },
    onError(error) {
      status.classList.remove('visually-hidden');
      status.textContent = errorMessage(error);
    },
  });
  input.addEventListener('input', () => type(input.value));
  arrowKeys(input, results, () => {});
  ctx.signal.addEventListener('abort', () => type(''));

  status.textContent = t('search.hint');
  ctx.view.replaceChildren(h('div', { class: 'narrow search-page', 'data-testid': 'search-page' },
    pageHeading(t('search.title')),
    h('form', { class: 'search-form', role: 'search', onsubmit: (e) => { e.preventDefault(); type(input.value); } },
      h('label', { class: 'visually-hidden', for: 'search-q' }, t('search.label')),
      h('span', { class: 'search-input-icon', 'aria-hidden': 'true' }, icon('search', 20)), input),
    status, results));
  ctx.ready(t('search.title'));
  input.focus();
  if (input.value.trim()) type(input.value);
}
