// "/notifications": what happened while the member was elsewhere, newest first, grouped by day;
// opening the page marks them read (the unread ones stay marked until the member leaves it).
import { h } from '../core/dom.js';
import { t, tNodes } from '../core/i18n.js';
import { listNotifications, markNotificationsRead } from '../core/api.js';
import { formatRelative, timeElement } from '../core/format.js';
import { currentFormatLocale } from '../core/i18n.js';
import { pageHeading } from '../core/ui/page.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { avatar, memberLink } from '../core/ui/members.js';
import { requireMe } from '../core/auth.js';
import { unread, arrivals } from './unread.js';

const PAGE = 30;

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const stopSkeleton = delayedSkeleton(ctx.view, () => h('div', { class: 'narrow' }, h('div', { class: 'card' }, skeletonLines(4))));
  let page;
  try {
    page = await listNotifications({ limit: PAGE }, { signal: ctx.signal });
  } finally {
    stopSkeleton();
  }
  const items = [...page.items];
  let next = page.next;
  const list = h('div', { class: 'notification-days', 'data-testid': 'notification-list' });
  const empty = h('p', { class: 'empty', 'data-testid': 'notifications-empty' }, t('notifications.empty'));
  const more = button(t('notifications.more'), { class: 'btn', 'data-testid': 'notifications-more' });
  const draw = () => {
    list.replaceChildren(...byDay(items).map(([day, group]) => h('section', { class: 'notification-day' },
      h('h2', { class: 'section-title' }, day),
      h('ul', { class: 'notification-list' }, group.map(item)))));
    empty.hidden = items.length > 0;
    more.hidden = next === null;
  };
  more.addEventListener('click', async () => {
    const older = await withBusy(more, () => listNotifications({ limit: PAGE, before: next }, { signal: ctx.signal }));
    items.push(...older.items);
    next = older.next;
    draw();
  });
  // A notification arriving while the page is open joins the list, already read: it is on screen.
  const stopArrivals = arrivals.subscribe((n) => {
    if (!n || items.some((i) => i.id === n.id)) return;
    items.unshift({ ...n, fresh: true });
    draw();
    markRead(n.id);
  });
  ctx.signal.addEventListener('abort', stopArrivals);
  draw();
  ctx.view.replaceChildren(h('div', { class: 'narrow' }, pageHeading(t('notifications.title')), empty, list, more));
  ctx.ready(t('notifications.title'));
  if (items.length && page.unread > 0) markRead(items[0].id);
}

async function markRead(upTo) {
  try {
    await markNotificationsRead(upTo);
    unread.set((await listNotifications({ limit: 1 })).unread);
  } catch {
    // Still unread on the server: the count stays, and the next visit tries again.
  }
}

/** [[day heading, items]] in order: "Today", "Yesterday", then dates in the reader's locale. */
function byDay(items) {
  const groups = new Map();
  const today = dayKey(new Date());
  const yesterday = dayKey(new Date(Date.now() - 24 * 3600 * 1000));
  for (const n of items) {
    const key = dayKey(new Date(n.createdAt));
    const heading = key === today ? t('notifications.today') : key === yesterday ? t('notifications.yesterday')
      : new Intl.DateTimeFormat(currentFormatLocale(), { dateStyle: 'full' }).format(new Date(n.createdAt));
    if (!groups.has(heading)) groups.set(heading, []);
    groups.get(heading).push(n);
  }
  return [...groups.entries()];
}

const dayKey = (date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

function item(n) {
  const who = n.actor
    ? memberLink(n.actor)
    : h('span', {}, t('notifications.formerMember'));
  const room = n.room ? h('a', { href: `/room/${encodeURIComponent(n.room.id)}` }, n.room.title) : null;
  // An event's notification names it; "starting now" leads into its room, the others to its page.
  const event = n.event ? h('a', {
    href: n.kind === 'event_starting' && n.room ? `/room/${encodeURIComponent(n.room.id)}` : `/events/${encodeURIComponent(n.event.id)}`,
    'data-testid': 'notification-event',
  }, n.event.title) : null;
  const topic = n.proposal ? h('a', { href: `/proposals/${encodeURIComponent(n.proposal.id)}`, 'data-testid': 'notification-proposal' },
    n.proposal.topic) : null;
  return h('li', {
    class: `notification${n.read || n.fresh ? '' : ' unread'}`, 'data-testid': 'notification', 'data-kind': n.kind,
  },
  n.actor ? avatar(n.actor, 'sm') : h('span', { class: 'avatar avatar-sm', 'aria-hidden': 'true' }, '?'),
  h('p', { class: 'notification-text' },
    tNodes(`notifications.kind.${n.kind}`, { name: who, room, event, topic }),
    ' ', h('span', { class: 'notification-when' }, timeElement(n.createdAt, formatRelative(n.createdAt)))),
  n.read || n.fresh ? null : h('span', { class: 'unread-dot' }, h('span', { class: 'visually-hidden' }, t('notifications.unreadMark'))));
}
