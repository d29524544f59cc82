// The room store: the one room this tab is in, kept by the server's snapshot and deltas (reduced by
// state.js), and resumed after a reconnect by joining again with `since` = the last version applied,
// so the server only sends what was missed. Pages subscribe with onRoomChange.
//
// The audio leg (audio/audio.js) hears of every `join` as it is sent (onRoomJoining) and once accepted
// (onRoomJoined), with the connection's serial number, so it can renegotiate after a reconnect; and
// of `speaking` messages (onSpeaking). The latest speaking set is kept (speakingNow): a joiner gets it
// right after the snapshot, before the page that asked to join has drawn anything.
import { applySnapshot, applyDelta, deltaFits, VersionGap } from './state.js';
import { command, connectionSerial, liveMember, onOpen, onStop, sendNow, whenOpen } from '../core/socket/connection.js';
import { onMessage } from '../core/socket/dispatcher.js';
import { createListeners } from '../core/store.js';

/** Survives a reload, so the tab goes back into its room instead of timing out there. */
const ROOM_KEY = 'parley.room';

/**
 * `gone` says why this member is no longer in the room (left, removed, timeout).
 * `self` is me as the state holds me when it does not: in a big audience the room's state need not
 * hold me (state.js), and then I am a listener with no hand up and no invitation.
 */
const room = { id: null, state: null, self: null, gone: null, resyncing: false, joining: null, speaking: [] };
const changed = createListeners();
const joining = createListeners();
const joined = createListeners();
const speaking = createListeners();

/** Takes the room messages off the connection and resumes the room after each reconnect. */
export function startRoomStore() {
  onMessage('snapshot', receiveSnapshot);
  onMessage('left', receiveLeft);
  onMessage('delta', receiveDelta);
  onMessage('speaking', (msg) => {
    if (msg.room === room.id) room.speaking = msg.members || [];
    speaking.emit({ room: msg.room, members: msg.members || [] });
  });
  onOpen(resume);
  onStop(() => {
    setRoom(null);
    sessionStorage.removeItem(ROOM_KEY);
  });
}

function receiveSnapshot(msg) {
  if (msg.room?.id !== room.id) return;
  room.state = applySnapshot(msg.room);
  // Not held: a listener somewhere in a big audience, hand down, not invited (rooms.RoomView).
  room.self = msg.you
    ? Object.freeze({ ...msg.you, role: 'listener', handOrder: 0, invitedToSpeak: false, away: false })
    : null;
  room.gone = null;
  notifyRoom();
}

/** This member is out of the room: removed, timed out, or left in another tab or window. */
function receiveLeft(msg) {
  if (msg.room === room.id && room.state && !room.gone) {
    room.gone = msg.reason;
    sessionStorage.removeItem(ROOM_KEY);
    notifyRoom();
  }
}

function receiveDelta(delta) {
  if (delta.room !== room.id || !room.state) return;
  const fit = deltaFits(room.state, delta);
  if (fit === 'stale') return;
  if (fit === 'gap') {
    // Deltas were missed: ask for them again (RoomFlow resumes from `since`). Later gap deltas
    // arriving meanwhile are dropped; the server resends everything after `since`.
    if (!room.resyncing) {
      room.resyncing = true;
      rejoin(room.id).catch(() => {}).finally(() => { room.resyncing = false; });
    }
    return;
  }
  try {
    room.state = applyDelta(room.state, delta);
  } catch (error) {
    if (!(error instanceof VersionGap)) throw error;
  }
  const mine = delta.events.find((e) => e.type === 'participantLeft' && e.memberId === liveMember()?.id);
  if (mine) {
    room.gone = mine.reason;
    sessionStorage.removeItem(ROOM_KEY);
  }
  if (room.state.ended) sessionStorage.removeItem(ROOM_KEY);
  notifyRoom(delta.events);
}

/** After (re)connecting: back into the room this tab was in. */
function resume() {
  const roomId = room.id || sessionStorage.getItem(ROOM_KEY);
  // A joinRoom() waiting for this connection sends its own join.
  if (roomId && roomId !== room.joining && !room.gone && !room.state?.ended) {
    room.id = roomId; // after a reload: the stored room, so its snapshot is taken in
    rejoin(roomId).catch(() => {});
  }
}

/** join with `since`: the server answers with the missed deltas, or a snapshot. */
async function rejoin(roomId) {
  try {
    const since = room.state && room.state.id === roomId ? room.state.version : undefined;
    const serial = connectionSerial();
    const answer = sendNow('join', { room: roomId, ...(since === undefined ? {} : { since }) });
    if (room.id === roomId) joining.emit({ room: roomId, connection: serial });
    const ack = await answer;
    if (room.id === roomId) joined.emit({ room: roomId, connection: serial });
    return ack;
  } catch (error) {
    if (room.id === roomId || !room.id) roomRefused(roomId, error);
    throw error;
  }
}

function roomRefused(roomId, error) {
  if (['room_not_found', 'room_ended'].includes(error.code)) {
    if (room.id === roomId && room.state) {
      room.state = { ...room.state, ended: true, participants: new Map() };
      notifyRoom();
    }
    sessionStorage.removeItem(ROOM_KEY);
  } else if (['removed_from_room', 'not_allowed'].includes(error.code)) {
    if (room.id === roomId) {
      room.gone = error.code === 'removed_from_room' ? 'removed' : 'refused';
      notifyRoom();
    }
    sessionStorage.removeItem(ROOM_KEY);
  }
}

function setRoom(id) {
  if (room.id === id) return;
  room.id = id;
  room.state = null;
  room.self = null;
  room.gone = null;
  room.resyncing = false;
  room.speaking = [];
  if (id) sessionStorage.setItem(ROOM_KEY, id);
  else sessionStorage.removeItem(ROOM_KEY);
  notifyRoom();
}

/**
 * Enters a room (or re-enters it, resuming from the version this tab holds). Resolves once the
 * snapshot or missed deltas were applied; rejects with a LiveError (not_allowed, room_not_found, …).
 */
export async function joinRoom(id) {
  if (room.id !== id || room.gone || room.state?.ended) {
    setRoom(null);
    setRoom(id);
  }
  room.joining = id;
  try {
    await whenOpen();
    return await rejoin(id);
  } catch (error) {
    if (room.id === id) {
      room.id = null;
      room.state = null;
      sessionStorage.removeItem(ROOM_KEY);
      notifyRoom();
    }
    throw error;
  } finally {
    if (room.joining === id) room.joining = null;
  }
}

/** Leaves the current room; `quietly` leaves without a notice to the others. */
export async function leaveRoom({ quietly = false } = {}) {
  if (!room.id) return;
  try {
    if (room.state && !room.gone && !room.state.ended) await command('leave', { quietly });
  } finally {
    setRoom(null);
  }
}

/** Forgets an ended or lost room without telling the server (there is nothing to leave). */
export function forgetRoom() {
  setRoom(null);
}

/** {id, state, gone, me}: the room this tab is in, its state (null until the snapshot) and my participant. */
export function currentRoom() {
  const member = liveMember();
  let me = null;
  if (room.state && member) {
    me = room.state.participants.get(member.id) || null;
    if (!me && room.self?.memberId === member.id && !room.gone && !room.state.ended) me = room.self;
  }
  return { id: room.id, state: room.state, gone: room.gone, me };
}

/** listener(currentRoom(), events) after every change; returns the unsubscribe function. */
export function onRoomChange(listener) {
  return changed.subscribe(listener);
}

function notifyRoom(events = []) {
  const current = currentRoom();
  // Tests compare the page's state with a fresh snapshot from the server (RoomFlowBrowserTest).
  window.__parleyRoomState = room.state;
  changed.emit(current, events);
}

/**
 * listener({room, connection}) after every accepted `join` of the current room: entering, resuming
 * after a reconnect (a new `connection` serial), resynchronising (the same serial). Returns the
 * unsubscribe function.
 */
export function onRoomJoined(listener) {
  return joined.subscribe(listener);
}

/**
 * listener({room, connection}) right after a `join` of the current room went out, before its answer.
 * The server takes a connection's messages in order, so a `mediaOffer` sent now is answered right
 * after the join: the audio leg need not wait a round trip for the join's ack. Returns the
 * unsubscribe function.
 */
export function onRoomJoining(listener) {
  return joining.subscribe(listener);
}

/** The member ids speaking in the current room, as the latest `speaking` message said. */
export function speakingNow() {
  return room.speaking;
}

/** listener({room, members}) for each `speaking` message; returns the unsubscribe function. */
export function onSpeaking(listener) {
  return speaking.subscribe(listener);
}
