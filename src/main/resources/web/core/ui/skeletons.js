// Grey placeholders for a page that is still loading; shown late, so fast pages never flash them.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { PROGRESS_DELAY_MS } from './buttons.js';

/** Puts a skeleton into the container if the page is still loading after PROGRESS_DELAY_MS. */
export function delayedSkeleton(container, build) {
  const timer = setTimeout(() => {
    container.replaceChildren(h('div', { class: 'skeleton-wrap', 'aria-busy': 'true', 'data-testid': 'skeleton' },
      h('span', { class: 'visually-hidden' }, t('common.loading')), build()));
  }, PROGRESS_DELAY_MS);
  return () => clearTimeout(timer);
}

export function skeletonLines(count = 3, className = 'skeleton-line') {
  return Array.from({ length: count }, (_, i) => h('div', { class: className, style: `width:${90 - i * 15}%` }));
}
