// Search results, grouped by kind (people, rooms, events, clubs), as links: the top bar's panel and the
// search screen draw the same list. Arrow keys move between the results and back to the box.
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { avatar, verifiedBadge } from '../core/ui/members.js';
import { formatShort } from '../schedule/when.js';

export const KINDS = ['member', 'room', 'event', 'club'];

/** Where a result leads. Clubs' pages are the clubs feature's (/clubs/{id}). */
export function hrefOf(item) {
  const s = item.shown;
  switch (item.kind) {
    case 'member': return `/u/${encodeURIComponent(s.username)}`;
    case 'room': return `/room/${encodeURIComponent(item.id)}`;
    case 'event': return `/events/${encodeURIComponent(item.id)}`;
    default: return `/clubs/${encodeURIComponent(item.id)}`;
  }
}

function picture(item) {
  if (item.kind === 'member') return avatar(item.shown, 'sm');
  const name = { room: 'radio', event: 'calendar', club: 'users' }[item.kind];
  return h('span', { class: `search-kind-icon search-kind-${item.kind}`, 'aria-hidden': 'true' }, icon(name, 20));
}

function lines(item) {
  const s = item.shown;
  switch (item.kind) {
    case 'member':
      return [h('span', { class: 'search-title' }, s.displayName, s.verified ? verifiedBadge({ verified: s.verified }, 14) : null),
        h('span', { class: 'search-sub' }, `@${s.username}`, s.bio ? ` · ${s.bio}` : '')];
    case 'room':
      return [h('span', { class: 'search-title' }, s.title),
        h('span', { class: 'search-sub' }, [t('search.live'), s.speakers, s.description].filter(Boolean).join(' · '))];
    case 'event':
      return [h('span', { class: 'search-title' }, s.title),
        h('span', { class: 'search-sub' }, [formatShort(s.startsAt), s.description].filter(Boolean).join(' · '))];
    default:
      return [h('span', { class: 'search-title' }, s.name || item.id), h('span', { class: 'search-sub' }, s.description || '')];
  }
}

/** The groups as sections of links; `onMore(kind)` (optional) draws a "more" button per group with a next page. */
export function drawGroups(groups, { onMore } = {}) {
  return groups.filter((g) => g.items.length).map((g) => h('section', { class: 'search-group', 'data-testid': `search-group-${g.kind}` },
    h('h2', { class: 'search-group-title' }, t(`search.group.${g.kind}`)),
    h('ul', { class: 'search-list' }, g.items.map((item) => h('li', {},
      h('a', { class: 'search-result', href: hrefOf(item), 'data-testid': 'search-result', 'data-kind': item.kind },
        picture(item), h('span', { class: 'search-lines' }, ...lines(item)))))),
    onMore && g.next !== null && g.next !== undefined
      ? h('button', { type: 'button', class: 'btn btn-quiet search-more', 'data-testid': `search-more-${g.kind}`,
        onclick: () => onMore(g.kind, g.next) }, t('search.more'))
      : null));
}

/**
 * Arrow keys: Down from the box to the first result, Up and Down between results, Up from the first
 * back to the box, Escape back to the box. `container` holds the results.
 */
export function arrowKeys(input, container, onEscape) {
  const links = () => [...container.querySelectorAll('.search-result')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) {
      e.preventDefault();
      links()[0].focus();
    } else if (e.key === 'Escape') {
      onEscape?.();
    }
  });
  container.addEventListener('keydown', (e) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      all[Math.min(all.length - 1, at + 1)].focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      input.focus();
      onEscape?.();
    }
  });
}
