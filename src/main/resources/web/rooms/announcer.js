// What happens in the room the reader is in, told to screen readers through the polite live region
// (core/ui/announce.js): people coming on stage or going back, moderators' mutes and removals, and
// for moderators raised hands and invitations to speak. What concerns the reader themself is told
// already (toasts and the invitation card are live regions), so it is not repeated here.
// Speaking is announced sparingly: a person who starts speaking, at most once a minute each and one
// such sentence every 10 seconds, only while the room's own page is open.
import { t } from '../core/i18n.js';
import { announce } from '../core/ui/announce.js';
import { onRoomChange, onSpeaking, currentRoom } from './store.js';

const SPEAKER_QUIET_MS = 60_000;
const SPEAKING_GAP_MS = 10_000;

export function mountAnnouncer() {
  let names = new Map(); // memberId → display name, kept from the last state (a removed member is gone from the next)
  let speaking = new Set();
  const lastSpoken = new Map();
  let lastSpeakingNotice = 0;

  const nameOf = (state, id) => state?.participants.get(id)?.displayName ?? names.get(id);

  function sentence(e, state, me) {
    const name = nameOf(state, e.memberId);
    if (!name || e.memberId === me.memberId) return null;
    const moderator = me.role === 'moderator';
    switch (e.type) {
      case 'roleChanged':
        if (e.role === 'speaker') return t('room.announce.onStage', { name });
        if (e.role === 'moderator') return t('room.announce.moderator', { name });
        return t('room.announce.toAudience', { name });
      case 'muteChanged':
        return e.muted && e.by != null && e.by !== e.memberId ? t('room.announce.mutedByModerator', { name }) : null;
      case 'handChanged':
        return moderator && e.order > 0 ? t('room.announce.handRaised', { name }) : null;
      case 'speakInvitation':
        return moderator && e.pending ? t('room.announce.invited', { name }) : null;
      case 'participantLeft':
        return e.reason === 'removed' ? t('room.announce.removed', { name }) : null;
      default:
        return null;
    }
  }

  onRoomChange(({ state, me }, events = []) => {
    if (state && me) {
      const lines = events.map((e) => sentence(e, state, me)).filter(Boolean);
      if (lines.length) announce(lines.join(' '));
    }
    names = new Map(state ? [...state.participants].map(([id, p]) => [id, p.displayName]) : []);
    if (!state) speaking = new Set();
  });

  onSpeaking(({ room, members }) => {
    const { id, state, me } = currentRoom();
    const started = members.filter((m) => !speaking.has(m));
    speaking = new Set(members);
    if (room !== id || !state || !me || location.pathname !== `/room/${id}` || document.hidden) return;
    const now = Date.now();
    if (now - lastSpeakingNotice < SPEAKING_GAP_MS) return;
    const fresh = started.find((m) => m !== me.memberId && now - (lastSpoken.get(m) ?? -Infinity) > SPEAKER_QUIET_MS);
    if (fresh === undefined || !nameOf(state, fresh)) return;
    lastSpoken.set(fresh, now);
    lastSpeakingNotice = now;
    announce(t('room.announce.speaking', { name: nameOf(state, fresh) }));
  });
}
