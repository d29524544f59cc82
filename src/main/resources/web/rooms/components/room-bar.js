// The room's toolbar at the bottom of the page: mute — with the microphone menu joined to it as one
// control (mic-menu.js) — or raise a hand (whichever my place allows), ping someone in, leave. Why the
// microphone cannot be used shows right above it.
import { h, icon, replace } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { button, withBusy } from '../../core/ui/buttons.js';
import { command } from '../../core/socket/connection.js';
import { currentRoom, leaveRoom, forgetRoom } from '../store.js';
import { muteNow, resyncMic, ensureMic } from '../audio/microphone.js';
import { mayRaiseHand } from '../permissions.js';
import { openPingDialog, chooseLeave } from './dialogs.js';

/**
 * `act(button, work)` runs a command with the button busy and shows its failure; `mics` is the
 * page's microphone menu; onLeaving() is called once the reader chose how to leave, onLeft() after.
 * Returns {element, update(state, me)}.
 */
export function roomBar({ act, mics, onLeaving, onLeft }) {
  const micButton = button('', { class: 'btn bar-btn', 'data-testid': 'mute-toggle' });
  const handButton = button('', { class: 'btn bar-btn', 'data-testid': 'hand-toggle' });
  const pingButton = button(t('room.ping.open'), { class: 'btn bar-btn', 'data-testid': 'ping-open' });
  pingButton.prepend(icon('bell', 18));
  const leaveButton = button(t('room.leave.open'), { class: 'btn bar-btn bar-leave', 'data-testid': 'leave-open' });
  leaveButton.prepend(icon('leave', 18));
  const micControl = h('div', { class: 'mic-control', role: 'group', 'aria-label': t('audio.microphone') }, micButton, mics.picker);
  const element = h('div', { class: 'room-bar', role: 'toolbar', 'aria-label': t('room.controls') },
    h('div', { class: 'room-bar-trouble' }, mics.trouble),
    h('div', { class: 'room-bar-inner' }, micControl, handButton, pingButton, leaveButton));

  micButton.addEventListener('click', () => act(micButton, async () => {
    const muted = !currentRoom().me.muted;
    if (muted) muteNow(); // silent at once; unmuting waits for the server's word
    else if (!(await ensureMic())) {
      mics.explain(); // refused or missing: the mic menu says why; stay muted
      return undefined;
    }
    return command('setMuted', { muted }).catch((error) => {
      resyncMic();
      throw error;
    });
  }));
  handButton.addEventListener('click', () => act(handButton, () => command(currentRoom().me.handOrder > 0 ? 'lowerHand' : 'raiseHand')));
  pingButton.addEventListener('click', () => {
    const { state } = currentRoom();
    // Of those this page holds: in a big audience someone far back may still be offered a ping.
    openPingDialog({
      me: currentRoom().me,
      inRoom: (username) => [...state.participants.values()].some((p) => p.username.toLowerCase() === username.toLowerCase()),
    });
  });
  leaveButton.addEventListener('click', async () => {
    const choice = await chooseLeave();
    if (!choice) return;
    onLeaving();
    try {
      await withBusy(leaveButton, () => leaveRoom(choice));
    } catch {
      // Gone already (the connection dropped, the room ended): leaving locally is what matters.
      forgetRoom();
    }
    onLeft();
  });

  function update(state, me) {
    const onStage = me.role !== 'listener';
    mics.update(onStage);
    micButton.hidden = !onStage;
    micControl.hidden = !onStage;
    handButton.hidden = onStage;
    if (onStage) {
      micButton.dataset.state = me.muted ? 'muted' : 'unmuted';
      micButton.setAttribute('aria-pressed', String(me.muted));
      micButton.classList.toggle('is-muted', me.muted);
      replace(micButton, icon(me.muted ? 'micOff' : 'mic', 18), h('span', { class: 'btn-label' }, t(me.muted ? 'room.unmute' : 'room.mute')));
    } else {
      const raised = me.handOrder > 0;
      handButton.dataset.state = raised ? 'raised' : 'down';
      handButton.setAttribute('aria-pressed', String(raised));
      handButton.disabled = !raised && !mayRaiseHand(state, me);
      handButton.classList.toggle('is-raised', raised);
      replace(handButton, icon('hand', 18), h('span', { class: 'btn-label' },
        t(raised ? 'room.hand.lower' : state.handRaisingEnabled ? 'room.hand.raise' : 'room.hand.off')));
    }
  }

  return { element, update };
}
