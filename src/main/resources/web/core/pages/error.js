// Not-found page and the generic "could not load" page.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { notice } from '../ui/page.js';
import { errorMessage } from '../ui/errors.js';
import { button } from '../ui/buttons.js';

export async function render(ctx) {
  ctx.view.replaceChildren(notice({
    title: t('notFound.title'),
    body: t('notFound.body'),
    testid: 'not-found',
    action: h('a', { class: 'btn btn-primary', href: '/' }, t('notFound.home')),
  }));
  ctx.ready(t('notFound.title'));
}

/** Shown when a page's data could not be loaded (server down, network gone). */
export function renderError(ctx, error) {
  const retry = button(t('common.retry'), { class: 'btn btn-primary', onclick: () => ctx.navigate(ctx.path + (ctx.query.size ? `?${ctx.query}` : ''), { replace: true }) });
  ctx.view.replaceChildren(notice({
    title: t('loadError.title'),
    body: errorMessage(error),
    testid: 'load-error',
    action: retry,
  }));
  ctx.ready(t('loadError.title'));
}
