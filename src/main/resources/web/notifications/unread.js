// How many notifications the member has not read: fetched when they sign in and whenever the live
// connection (re)opens, then kept current by the live `notification` messages (docs/protocol.md) and
// by reading them on the notifications page.
import { createStore } from '../core/store.js';
import { listNotifications } from '../core/api.js';
import { onMessage } from '../core/socket/dispatcher.js';
import { onMeChange } from '../core/session.js';
import { onOpen } from '../core/socket/connection.js';

export const unread = createStore(0);
/** Each new notification as it arrives, for a page that shows the list. */
export const arrivals = createStore(null);

// Live messages seen so far: a fetched count is older than a live one that arrived while the fetch
// was on its way (the server counted before that notification), so it is dropped then.
let live = 0;

export function startUnread() {
  onMessage('notification', (message) => {
    live += 1;
    unread.set(message.unread);
    arrivals.set(message.notification);
  });
  onMeChange((me) => (me ? refresh() : unread.set(0)));
  // Whatever arrived while the connection was down (or before it first opened) is in the count.
  onOpen(refresh);
}

async function refresh() {
  const seen = live;
  try {
    const count = (await listNotifications({ limit: 1 }, { quiet401: true })).unread;
    if (live === seen) unread.set(count);
  } catch {
    // The count shows again with the next notification or visit; a failed fetch shows nothing wrong.
  }
}
