// The room reducer: the client's copy of a room, changed only by the events of docs/protocol.md.
// It mirrors rooms.RoomState#apply on the server event for event, on the part of the room every
// client holds (rooms.RoomView: everyone on stage, every listener with a raised hand or a pending
// invitation, and the first page of the audience in full; the rest of the audience only as
// `listenerCount`; `audienceChanged` moves members in and out of it). So a client that applied every
// delta holds exactly the state the server would send in a fresh snapshot (RoomFlowBrowserTest
// compares the two). Pure: nothing here touches the DOM or the network.
//
// State: {id, title, description, language, interpretation: [language], type, creatorId, createdAt, handRaisingEnabled,
//         ended, endReason, version, listenerCount, participants: Map<memberId, Participant>, allowed: [memberId]}
// A participant named interpreter has `interpreting` (the language); nobody else has the field.
// Participant objects are immutable: a changed participant is a new object, so views can tell
// what changed with ===. The Map's order is the order members came into this client's view; the
// views below sort by when people entered the room, so every client shows the same order.

/** The state a `snapshot` message describes. */
export function applySnapshot(room) {
  return {
    id: room.id,
    title: room.title,
    description: room.description ?? '',
    language: room.language ?? null,
    interpretation: [...(room.interpretation || [])],
    type: room.type,
    creatorId: room.creatorId,
    createdAt: room.createdAt,
    handRaisingEnabled: room.handRaisingEnabled,
    ended: room.ended,
    endReason: null,
    version: room.version,
    listenerCount: room.listenerCount ?? 0,
    participants: new Map((room.participants || []).map((p) => [p.memberId, Object.freeze({ ...p })])),
    allowed: [...(room.allowed || [])],
    ...(room.club ? { club: room.club } : {}), // the club it was started in (name, url), when it was
  };
}

/**
 * How a delta relates to the state: `next` applies now; `stale` was already applied (a resync
 * can repeat deltas); `gap` means deltas were missed and the client must re-join with `since`.
 * A delta covers versions `from`..`version` (commands committed together share one delta).
 */
export function deltaFits(state, delta) {
  if (delta.version <= state.version) return 'stale';
  const from = delta.from ?? delta.version;
  return from === state.version + 1 ? 'next' : 'gap';
}

/** Thrown by applyDelta when a delta does not follow the state's version. */
export class VersionGap extends Error {
  constructor(have, got) {
    super(`room version gap: have ${have}, got ${got}`);
    this.name = 'VersionGap';
    this.have = have;
    this.got = got;
  }
}

/**
 * The state after a delta: a new object (the old one is untouched), the same object for a stale
 * delta, or a VersionGap thrown when versions were skipped.
 */
export function applyDelta(state, delta) {
  if (delta.room !== undefined && delta.room !== state.id) throw new Error(`delta for room ${delta.room}, not ${state.id}`);
  const fit = deltaFits(state, delta);
  if (fit === 'stale') return state;
  if (fit === 'gap') throw new VersionGap(state.version, delta.from ?? delta.version);
  const next = { ...state, participants: new Map(state.participants), allowed: state.allowed };
  for (const event of delta.events) applyEvent(next, event);
  next.version = delta.version;
  return next;
}

/** RoomState#apply: changes `s` (a private copy) for one event. Unknown events change nothing. */
function applyEvent(s, e) {
  const update = (memberId, change) => {
    const p = s.participants.get(memberId);
    // Map.set on an existing key keeps its position, like LinkedHashMap.computeIfPresent.
    if (p) s.participants.set(memberId, Object.freeze({ ...p, ...change }));
  };
  switch (e.type) {
    case 'participantJoined':
      s.participants.set(e.participant.memberId, Object.freeze({ ...e.participant }));
      break;
    case 'participantLeft':
      s.participants.delete(e.memberId);
      break;
    case 'roleChanged': {
      // Changing role also lowers the hand, ends a pending invitation and ends interpreting.
      update(e.memberId, { role: e.role, muted: e.muted, handOrder: 0, invitedToSpeak: false });
      dropInterpreting(s, e.memberId);
      break;
    }
    case 'interpreterChanged':
      update(e.memberId, { muted: e.muted });
      if (e.language) update(e.memberId, { interpreting: e.language });
      else dropInterpreting(s, e.memberId);
      break;
    case 'interpretationChanged':
      s.interpretation = [...e.languages];
      break;
    case 'muteChanged':
      update(e.memberId, { muted: e.muted });
      break;
    case 'handChanged':
      update(e.memberId, { handOrder: e.order });
      break;
    case 'speakInvitation':
      update(e.memberId, { invitedToSpeak: e.pending });
      break;
    case 'presenceChanged':
      update(e.memberId, { away: e.away });
      break;
    case 'settingsChanged':
      s.title = e.title;
      s.handRaisingEnabled = e.handRaisingEnabled;
      if (!e.handRaisingEnabled) {
        for (const [id, p] of s.participants) {
          if (p.handOrder !== 0) s.participants.set(id, Object.freeze({ ...p, handOrder: 0 }));
        }
      }
      break;
    case 'descriptionChanged':
      s.description = e.description;
      break;
    case 'allowedChanged':
      s.allowed = [...e.allowed];
      break;
    case 'roomEnded':
      s.ended = true;
      s.endReason = e.reason;
      s.participants = new Map();
      s.listenerCount = 0;
      break;
    case 'audienceChanged':
      // Members coming into view arrive in full; members going out of view are still in the room.
      for (const p of e.shown) s.participants.set(p.memberId, Object.freeze({ ...p }));
      for (const id of e.hidden) s.participants.delete(id);
      s.listenerCount = e.listenerCount;
      break;
    default:
      break; // a newer server's event: ignore rather than break the room
  }
}

/** Interpreting is absent, not null, for those who do not interpret (as in the server's JSON). */
function dropInterpreting(s, memberId) {
  const p = s.participants.get(memberId);
  if (p && 'interpreting' in p) {
    const { interpreting, ...rest } = p;
    s.participants.set(memberId, Object.freeze(rest));
  }
}

// ---- views of the state (RoomState#stage, #moderators, #handQueue) ----------------------------

export const onStage = (p) => p.role === 'moderator' || p.role === 'speaker';

/** Everyone this client holds, in the order they entered the room (ties by member id). */
export function participants(state) {
  const entered = (p) => Date.parse(p.joinedAt) || 0;
  return [...state.participants.values()].sort((a, b) => entered(a) - entered(b) || a.memberId - b.memberId);
}

export function stage(state) {
  return participants(state).filter(onStage);
}

/** The listeners this client holds: a page of the audience, plus raised hands and invitations. */
export function audience(state) {
  return participants(state).filter((p) => !onStage(p));
}

/** Every listener in the room, held or not. */
export function listenerCount(state) {
  return state.listenerCount;
}

export function moderators(state) {
  return participants(state).filter((p) => p.role === 'moderator');
}

/** Listeners with a raised hand, first raised first. */
export function handQueue(state) {
  return participants(state).filter((p) => p.handOrder > 0).sort((a, b) => a.handOrder - b.handOrder);
}

/** A plain JSON-able copy, shaped like a snapshot's `room` (participants by member id), for tests and debugging. */
export function toPlain(state) {
  const byId = [...state.participants.values()].sort((a, b) => a.memberId - b.memberId);
  return { ...state, participants: byId, allowed: [...state.allowed] };
}
