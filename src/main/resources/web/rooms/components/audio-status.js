// What the room's sound is doing, on every page while in a room (audio/audio.js):
// - a line under the top bar, "Connecting audio…" / "Reconnecting audio…", once that has taken
//   longer than SHOW_AFTER_MS (a normal connection takes a few hundred ms and shows nothing); it
//   gives way to the live connection's own "Reconnecting…" banner while the WebSocket is down;
// - "Tap to listen" when the browser blocked playback until a gesture (autoplay policy).
// Screen readers hear both through one polite live region that is always in the page.
import { h, icon } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { audioStatus, onAudioChange, resumePlayback } from '../audio/audio.js';
import { connectionStatus, onStatus } from '../../core/socket/connection.js';

/** The "anything a user waits on for more than a second shows progress". */
const SHOW_AFTER_MS = 1000;
const LABELS = { connecting: 'audio.connecting', reconnecting: 'audio.reconnecting' };

export function mountAudioStatus() {
  const text = h('span', {});
  const line = h('div', { class: 'live-banner audio-banner', 'data-testid': 'audio-status', hidden: true },
    h('span', { class: 'spinner live-spinner', 'aria-hidden': 'true' }), text);
  const announcer = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': 'audio-announcer' });
  const unblock = h('button', { type: 'button', class: 'btn btn-primary audio-unblock', 'data-testid': 'audio-unblock', hidden: true,
    'aria-describedby': 'audio-unblock-why' },
  icon('volume', 22), h('span', { class: 'btn-label', 'data-i18n': 'audio.tapToListen' }, t('audio.tapToListen')));
  // Hidden: a description may come from hidden text, and hidden text is outside the landmarks rule.
  const why = h('span', { id: 'audio-unblock-why', hidden: true, 'data-i18n': 'audio.blocked' }, t('audio.blocked'));
  (document.querySelector('.live-banner') || document.querySelector('.topbar')).after(line);
  document.body.append(announcer, why, unblock);

  let timer = null;
  let shown = null; // the status the line shows, or null
  const waiting = () => {
    const { status } = audioStatus();
    return LABELS[status] && connectionStatus() === 'open' ? status : null;
  };
  // One message at a time; a blocked playback outranks the rest, as it needs the reader to act.
  const announce = (message) => {
    announcer.textContent = audioStatus().blocked ? t('audio.blocked') : message;
  };
  const show = (status) => {
    if (shown === status) return;
    const back = shown === 'reconnecting' && audioStatus().status === 'connected';
    shown = status;
    line.hidden = !status;
    line.dataset.status = status || '';
    text.textContent = status ? t(LABELS[status]) : '';
    announce(status ? t(LABELS[status]) : back ? t('audio.connected') : '');
  };
  const draw = () => {
    if (!waiting()) {
      clearTimeout(timer);
      timer = null;
      show(null);
    } else if (shown) {
      show(waiting()); // already visible: connecting may turn into reconnecting
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = null;
        show(waiting());
      }, SHOW_AFTER_MS);
    }
    const { blocked } = audioStatus();
    if (unblock.hidden === blocked) {
      unblock.hidden = !blocked;
      announce('');
    }
  };
  unblock.addEventListener('click', () => resumePlayback());
  onAudioChange(draw);
  onStatus(draw);
}
