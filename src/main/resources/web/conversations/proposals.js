// "/proposals": the reader's proposals — received (answer them) and sent (see where they stand) —
// newest first, and the way to make one.
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { listProposals } from '../core/api.js';
import { errorMessage } from '../core/ui/errors.js';
import { pageHeading } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { formatRelative, timeElement } from '../core/format.js';
import { requireMe } from '../core/auth.js';
import { statusBadge } from './proposal-page.js';
import { storyLine } from './feed.js';

const BOXES = ['received', 'sent'];

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const box = BOXES.includes(ctx.query.get('box')) ? ctx.query.get('box') : 'received';
  const stopSkeleton = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' }, h('div', { class: 'card' }, skeletonLines(4))));
  let body;
  try {
    const { proposals } = await listProposals({ box }, { signal: ctx.signal });
    body = proposals.length
      ? h('ul', { class: 'proposal-list', 'data-testid': 'proposal-list' }, proposals.map(card))
      : h('p', { class: 'section-sub', 'data-testid': 'proposals-empty' }, t(`proposals.list.empty.${box}`));
  } catch (error) {
    if (error.name === 'AbortError') return;
    body = h('p', { class: 'alert', role: 'alert' }, errorMessage(error));
  } finally {
    stopSkeleton();
  }
  const tabs = h('nav', { class: 'proposal-tabs', 'aria-label': t('proposals.list.boxes') },
    BOXES.map((b) => h('a', { class: 'chip', href: `/proposals?box=${b}`, 'aria-current': b === box ? 'page' : null,
      'data-testid': `proposals-box-${b}` }, t(`proposals.list.${b}`))));
  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    h('div', { class: 'page-head' }, pageHeading(t('proposals.list.title')),
      h('a', { class: 'btn btn-primary', href: '/proposals/new', 'data-testid': 'proposals-new' }, icon('plus'), ' ', t('proposals.propose'))),
    h('p', { class: 'section-sub' }, t('proposals.list.explain')),
    tabs, body));
  ctx.ready(t('proposals.list.title'));
}

function card(p) {
  const waiting = p.you.recipient && p.you.answer === 'pending' && (p.status === 'open' || p.status === 'accepted');
  return h('li', {},
    h('article', { class: 'card proposal-list-card', 'data-testid': 'proposal-card', 'data-proposal-id': p.id },
      h('div', { class: 'event-badges' }, statusBadge(p.status),
        waiting ? h('span', { class: 'badge proposal-status-open', 'data-testid': 'proposal-your-turn' }, t('proposals.yourTurn')) : null,
        h('span', { class: 'badge badge-soft' }, icon(p.visibility === 'public' ? 'globe' : 'lock', 14), ' ',
          t(`proposals.visibility.${p.visibility}`))),
      h('h2', { class: 'proposal-list-topic' }, h('a', { href: p.url, 'data-testid': 'proposal-card-link' }, p.topic)),
      storyLine(p),
      h('p', { class: 'hint' }, timeElement(p.updatedAt, formatRelative(p.updatedAt)))));
}
