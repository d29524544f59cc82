// The hallway's "Upcoming": events the reader hosts or asked to be notified about, and those hosted by
// people they follow, soonest first; and the "Schedule" action. Phone-first: one compact card each,
// a date tile, the title, and who hosts it.
import { h, icon } from '../core/dom.js';
import { t, currentFormatLocale } from '../core/i18n.js';
import { listUpcomingEvents } from '../core/api.js';
import { errorMessage } from '../core/ui/errors.js';
import { statusBadge } from './event-page.js';
import { formatShort } from './when.js';

/** The section, filled once the list arrives (the hallway's rooms do not wait for it). */
export function upcomingSection(signal) {
  const list = h('ul', { class: 'upcoming-list', 'data-testid': 'upcoming-list' });
  const empty = h('p', { class: 'upcoming-empty', 'data-testid': 'upcoming-empty', hidden: true }, t('events.upcoming.empty'));
  const schedule = h('a', { class: 'btn', href: '/events/new', 'data-testid': 'schedule-event' }, icon('plus'), ' ', t('events.schedule'));
  const section = h('section', { class: 'upcoming', 'aria-labelledby': 'upcoming-title', 'data-testid': 'upcoming' },
    h('div', { class: 'upcoming-head' }, h('h2', { class: 'section-title', id: 'upcoming-title' }, t('events.upcoming.title')), schedule),
    empty, list);
  listUpcomingEvents({ signal }).then(({ events }) => {
    list.replaceChildren(...events.map(card));
    empty.hidden = events.length > 0;
  }).catch((error) => {
    if (error.name === 'AbortError') return;
    empty.textContent = errorMessage(error);
    empty.hidden = false;
  });
  return section;
}

function card(e) {
  const start = new Date(e.startsAt);
  const locale = currentFormatLocale();
  const hosts = e.hosts.filter((host) => host.accepted).map((host) => host.displayName);
  return h('li', {},
    h('a', { class: 'card upcoming-card', href: e.url, 'data-testid': 'upcoming-event', 'data-event-id': e.id },
      h('span', { class: 'upcoming-date', 'aria-hidden': 'true' },
        h('span', { class: 'upcoming-day' }, new Intl.DateTimeFormat(locale, { day: 'numeric' }).format(start)),
        h('span', { class: 'upcoming-month' }, new Intl.DateTimeFormat(locale, { month: 'short' }).format(start))),
      h('h3', { class: 'upcoming-title' }, e.title),
      h('p', { class: 'upcoming-meta' },
        e.status === 'live' ? statusBadge('live') : h('time', { datetime: e.startsAt }, formatShort(e.startsAt))),
      h('p', { class: 'upcoming-meta' },
        t('events.upcoming.with', { names: new Intl.ListFormat(locale, { type: 'conjunction' }).format(hosts) }),
        e.you.rsvp ? h('span', { class: 'badge badge-soft', 'data-testid': 'upcoming-notified' }, t('events.upcoming.notified')) : null)));
}
