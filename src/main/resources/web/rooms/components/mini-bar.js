// While the reader browses other pages, they stay in their room (as in a phone app): this bar at
// the bottom says which room, leads back to it, and can leave it.
import { h, icon } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { button, withBusy } from '../../core/ui/buttons.js';
import { toast } from '../../core/ui/toasts.js';
import { currentRoom, onRoomChange, leaveRoom } from '../store.js';
import { listenerCount } from '../state.js';

export function mountMiniBar() {
  const link = h('a', { class: 'mini-bar-link', 'data-testid': 'mini-bar-return' });
  const leave = button(t('room.leave.open'), { class: 'btn btn-sm', 'data-testid': 'mini-bar-leave' });
  leave.querySelector('.btn-label').dataset.i18n = 'room.leave.open'; // follows a change of language
  // A landmark of its own ("Your room"), so it is not content outside every landmark.
  const bar = h('aside', { class: 'mini-bar', 'data-testid': 'mini-room-bar', hidden: true },
    h('div', { class: 'mini-bar-inner' }, link, leave));
  document.body.append(bar);
  let path = location.pathname;

  const draw = () => {
    const { id, state, me, gone } = currentRoom();
    const show = !!(id && state && me && !gone && !state.ended && path !== `/room/${id}`);
    bar.hidden = !show;
    document.body.classList.toggle('has-mini-bar', show);
    if (!show) return;
    bar.setAttribute('aria-label', t('room.miniBar.label'));
    link.href = `/room/${encodeURIComponent(id)}`;
    link.replaceChildren(h('span', { class: 'live-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'mini-bar-text' },
        h('span', { class: 'mini-bar-title' }, state.title),
        h('span', { class: 'mini-bar-sub' }, t('room.count.listening', { count: listenerCount(state) }))),
      icon('arrowUp', 18));
    link.setAttribute('aria-label', t('room.miniBar.return', { title: state.title }));
  };
  leave.addEventListener('click', async () => {
    try {
      await withBusy(leave, () => leaveRoom());
    } catch (error) {
      toast(error.message, { kind: 'error' });
    }
  });
  onRoomChange(draw);
  return {
    routeChanged(nextPath) {
      path = nextPath;
      draw();
    },
  };
}
