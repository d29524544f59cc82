// On any page: a scheduled event starting now (with a Join link into its room) or about to start
// (with a link to its page) becomes a toast as its notification arrives over the live connection.
import { t } from '../core/i18n.js';
import { actionToast } from '../core/ui/toasts.js';
import { arrivals } from '../notifications/unread.js';

export function listenForEvents() {
  arrivals.subscribe((n) => {
    if (n?.kind === 'event_starting' && n.room) {
      actionToast(t('events.live.starting', { title: n.event.title }), {
        label: t('events.live.join'), href: `/room/${encodeURIComponent(n.room.id)}`, testid: 'event-starting-toast',
      });
    } else if (n?.kind === 'event_reminder' && n.event) {
      actionToast(t('events.live.reminder', { title: n.event.title }), {
        label: t('events.live.open'), href: `/events/${encodeURIComponent(n.event.id)}`, testid: 'event-reminder-toast',
      });
    }
  });
}
