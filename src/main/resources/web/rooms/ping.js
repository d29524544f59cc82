// "Ada pinged you into a room": a `pinged` message becomes a toast with a Join link, on any page.
import { t } from '../core/i18n.js';
import { onMessage } from '../core/socket/dispatcher.js';
import { actionToast } from '../core/ui/toasts.js';

export function listenForPings() {
  onMessage('pinged', ({ from, room: target }) => {
    actionToast(t('live.pinged', { name: from.displayName, title: target.title }), {
      label: t('live.pingedJoin'),
      href: `/room/${encodeURIComponent(target.id)}`,
      testid: 'ping-toast',
    });
  });
}
