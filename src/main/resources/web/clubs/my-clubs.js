// "/clubs": the clubs I am in (highest role first), and the way to found one.
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { requireMe } from '../core/auth.js';
import { notice, pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { listMyClubs } from './api.js';
import { clubPhoto } from './photo.js';

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const stop = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' }, h('div', { class: 'card' }, skeletonLines(4))));
  let clubs;
  try {
    ({ items: clubs } = await listMyClubs({ signal: ctx.signal }));
  } finally {
    stop();
  }
  const create = h('a', { class: 'btn btn-primary', href: '/c/new', 'data-testid': 'club-create' }, icon('plus'), ' ', t('clubs.create'));
  ctx.view.replaceChildren(h('div', { class: 'narrow clubs-page', 'data-testid': 'my-clubs' },
    h('div', { class: 'clubs-head' }, pageHeading(t('clubs.mine.title')), create),
    clubs.length
      ? h('ul', { class: 'club-list', 'data-testid': 'club-list' }, clubs.map(clubCard))
      : notice({ title: t('clubs.mine.emptyTitle'), body: t('clubs.mine.empty'), testid: 'clubs-empty' })));
  ctx.ready(t('clubs.mine.title'));
}

/** One club in a list: photo, name, topics and the reader's role. */
export function clubCard(c) {
  return h('li', {},
    h('a', { class: 'card club-card', href: c.url, 'data-testid': 'club-card', 'data-slug': c.slug },
      clubPhoto(c, 'md'),
      h('span', { class: 'club-card-text' },
        h('span', { class: 'club-card-name' }, c.name),
        c.topics.length ? h('span', { class: 'club-card-topics' }, c.topics.join(' · ')) : null),
      c.role ? h('span', { class: `badge badge-soft club-role club-role-${c.role}` }, t(`clubs.role.${c.role}`)) : null));
}
