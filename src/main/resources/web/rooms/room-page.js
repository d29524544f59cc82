// "/room/{id}": a live room. Joining happens on open; from then on everything on the page follows
// the room's deltas (store.js): the stage, the audience, raised hands, invitations, titles, the end.
// The sound itself is audio/audio.js's and audio/microphone.js's; this page shows who is speaking (the
// rings, from the latest `speaking` set, which a late joiner gets before this page draws), what the
// reader hears (components/listening.js), and the mute control with its microphone menu (room-bar.js).
import { h, icon, reconcile } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { withBusy } from '../core/ui/buttons.js';
import { toast } from '../core/ui/toasts.js';
import { notice } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { requireMe } from '../core/auth.js';
import { start, command } from '../core/socket/connection.js';
import { joinRoom, forgetRoom, currentRoom, onRoomChange, onSpeaking, speakingNow } from './store.js';
import { micMenu } from './components/mic-menu.js';
import { stage, handQueue } from './state.js';
import { autonym } from './languages.js';
import { roomHeader } from './components/header.js';
import { personTile, queueRow } from './components/tiles.js';
import { roomBar } from './components/room-bar.js';
import { speakInvitation } from './components/speak-invitation.js';
import { openParticipantMenu } from './components/menu.js';
import { followedBySpeakers } from './components/followed.js';
import { openAllowedDialog } from './components/allowed.js';
import { audienceSection } from './components/audience.js';
import { listeningStrip } from './components/listening.js';
import { listenInControl } from './components/listen-in.js';
import { listeningIn, onListeningChange } from './audio/interpretation.js';

/** Refusals of `join` that deserve their own page rather than the generic load error. */
const REFUSALS = ['room_not_found', 'room_ended', 'not_allowed', 'removed_from_room', 'room_full'];

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  start();
  const roomId = ctx.params.id;
  const stopSkeleton = delayedSkeleton(ctx.view, roomSkeleton);
  try {
    await joinRoom(roomId);
  } catch (error) {
    if (ctx.signal.aborted) return;
    if (!REFUSALS.includes(error.code)) throw error;
    showOutcome(ctx, error.code === 'room_ended' ? 'room_not_found' : error.code);
    return;
  } finally {
    stopSkeleton();
  }
  if (ctx.signal.aborted) return;
  mountRoom(ctx);
}

function roomSkeleton() {
  return h('div', { class: 'room-page' }, h('div', { class: 'room-head' }, skeletonLines(2)),
    h('div', { class: 'stage-grid' }, Array.from({ length: 3 }, () => h('div', { class: 'skeleton-avatar' }))));
}

/** The page for a room the reader is not (or no longer) in: ended, removed, refused. */
function showOutcome(ctx, code) {
  const back = h('a', { class: 'btn btn-primary', href: '/hallway', 'data-testid': 'back-to-hallway' }, t('room.backToHallway'));
  ctx.view.replaceChildren(notice({
    title: t(`room.outcome.${code}.title`), body: t(`room.outcome.${code}.body`), testid: `room-outcome`, action: back,
  }));
  ctx.view.querySelector('[data-testid="room-outcome"]').dataset.outcome = code;
  ctx.ready(t(`room.outcome.${code}.title`));
}

function mountRoom(ctx) {
  const roomId = ctx.params.id;
  let leaving = false;
  let unsubscribe = () => {};

  const header = roomHeader({
    onEnded() {
      forgetRoom();
      toast(t('room.youEnded'));
      ctx.navigate('/hallway');
    },
    onAllowed() {
      openAllowedDialog({ me: currentRoom().me });
    },
  });
  const stageList = h('ul', { class: 'stage-grid', 'data-testid': 'stage' });
  const queueList = h('ol', { class: 'member-list queue-list', 'data-testid': 'hand-queue' });
  const queueEmpty = h('p', { class: 'empty small', 'data-testid': 'queue-empty' }, t('room.queue.empty'));
  const queueCount = h('span', { class: 'section-count' });
  const queueSection = h('section', { class: 'room-section', 'data-testid': 'queue-section', hidden: true },
    h('h2', { class: 'section-title' }, icon('hand', 18), t('room.queue.title'), queueCount), queueList, queueEmpty);
  const audienceView = audienceSection();
  const stageCount = h('span', { class: 'section-count' });
  const mics = micMenu();
  let speaking = new Set(speakingNow()); // member ids from the latest `speaking` message
  let quality = 'good'; // of the sound this connection receives (listening.js)
  const listening = listeningStrip({
    roomId,
    onQuality(verdict) {
      quality = verdict;
      markSpeaking();
    },
  });
  const listenIn = listenInControl();
  const offListening = onListeningChange(() => markSpeaking());
  listening.element.append(listenIn.element);
  const invitation = speakInvitation({ act });
  const bar = roomBar({
    act,
    mics,
    onLeaving: () => { leaving = true; },
    onLeft: () => ctx.navigate('/hallway'),
  });

  const followed = followedBySpeakers({ signal: ctx.signal, onUpdate: () => draw(currentRoom()) });

  ctx.view.replaceChildren(h('div', { class: 'room-page', 'data-testid': 'room', 'data-room-id': roomId },
    header.element,
    listening.element,
    invitation.element,
    h('section', { class: 'room-section' }, h('h2', { class: 'section-title' }, t('room.stage'), stageCount), stageList),
    queueSection,
    audienceView.element,
    bar.element));

  async function act(btn, work) {
    try {
      await withBusy(btn, work);
    } catch (error) {
      toast(error.message, { kind: 'error' });
    }
  }

  function drawPeople(state, me) {
    const tile = (testid) => ({
      key: (p) => p.memberId,
      build: (p) => personTile(p, { meId: me.memberId, onOpen: openParticipantMenu, testid }),
    });
    const onStage = stage(state);
    followed.track(onStage);
    stageCount.textContent = String(onStage.length);
    reconcile(stageList, onStage, tile('stage-member'));

    const moderator = me.role === 'moderator';
    const queue = moderator ? handQueue(state) : [];
    queueSection.hidden = !moderator || (!state.handRaisingEnabled && !queue.length);
    queueCount.textContent = String(queue.length);
    queueEmpty.hidden = queue.length > 0;
    reconcile(queueList, queue.map((p, i) => ({ p, position: i + 1 })), {
      key: (item) => item.p.memberId,
      version: (item) => `${item.position}:${item.p.invitedToSpeak}:${item.p.away}`,
      build: (item) => queueRow(item.p, {
        position: item.position,
        onInvite: (p, btn) => act(btn, () => command('inviteToSpeak', { member: p.memberId })),
      }),
    });

    audienceView.draw(state, me, followed, tile);
    markSpeaking();
  }

  /**
   * The speaking rings, and the "breaking up" badge on those speaking while this connection loses
   * sound: tiles are rebuilt on changes, so this runs after every draw too.
   */
  function markSpeaking() {
    for (const tileElement of stageList.children) {
      const now = String(speaking.has(Number(tileElement.dataset.memberId)));
      if (tileElement.dataset.speaking !== now) tileElement.dataset.speaking = now;
      if (tileElement.dataset.quality !== quality) tileElement.dataset.quality = quality;
    }
    listening.update([...speaking], currentRoom().me?.memberId, currentRoom().state, listeningIn());
  }

  function announce(events, me) {
    for (const e of events) {
      if (e.memberId !== me.memberId) continue;
      if (e.type === 'muteChanged' && e.muted && e.by !== me.memberId) toast(t('room.notice.mutedByModerator'));
      if (e.type === 'roleChanged' && e.role === 'speaker') toast(t('room.notice.onStage'));
      if (e.type === 'roleChanged' && e.role === 'moderator') toast(t('room.notice.moderator'));
      if (e.type === 'roleChanged' && e.role === 'listener') toast(t('room.notice.toAudience'));
      if (e.type === 'interpreterChanged') {
        toast(e.language ? t('room.notice.interpreter', { language: autonym(e.language) }) : t('room.notice.toFloor'));
      }
    }
  }

  function draw(current, events = []) {
    if (leaving || ctx.signal.aborted) return;
    if (current.id !== roomId) return;
    const { state, me, gone } = current;
    if (!state) return; // resynchronising: the snapshot is on its way
    if (state.ended || gone) {
      unsubscribe();
      forgetRoom();
      const code = state.ended ? `ended_${state.endReason || 'ended'}` : gone === 'refused' ? 'not_allowed' : `gone_${gone}`;
      showOutcome(ctx, code);
      return;
    }
    if (!me) return;
    header.update(state, me);
    if (document.title !== `${state.title} · Parley`) document.title = `${state.title} · Parley`;
    invitation.update(me);
    bar.update(state, me);
    listenIn.update(state, me);
    drawPeople(state, me);
    announce(events, me);
  }

  unsubscribe = onRoomChange(draw);
  const offSpeaking = onSpeaking((message) => {
    if (message.room !== roomId) return;
    speaking = new Set(message.members);
    markSpeaking();
  });
  ctx.signal.addEventListener('abort', () => {
    unsubscribe();
    offSpeaking();
    mics.stop();
    listening.stop();
    listenIn.stop();
    offListening();
  });
  draw(currentRoom());
  ctx.ready(currentRoom().state?.title);
}
