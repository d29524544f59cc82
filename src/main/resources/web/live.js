// The live connection (docs/protocol.md): one WebSocket per tab at /ws, carrying room commands and
// the room's snapshot and deltas, pings and hallway notices.
//
// - command(type, fields) sends with an incrementing id and resolves with the matching `ack`, or
//   rejects with a LiveError (code + translated message) for the matching `error`.
// - The connection comes back by itself with growing delays; while it is down a "Reconnecting…"
//   banner shows, and once back the current room is joined again with `since` = the last version
//   applied, so the server only sends what was missed.
// - The room store: the one room this tab is in, reduced by rooms/state.js; pages subscribe to it.
// - The audio leg (rooms/audio/audio.js) hears of every `join` as it is sent (onRoomJoining) and once accepted
//   (onRoomJoined), with the connection's serial number, so it can renegotiate after a reconnect;
//   and of `speaking` messages (onSpeaking).
import { applySnapshot, applyDelta, deltaFits, VersionGap } from './rooms/state.js';
import { t } from './core/i18n.js';
import { errorMessage } from './core/ui/errors.js';
import { actionToast } from './core/ui/toasts.js';
import { PROGRESS_DELAY_MS } from './core/ui/buttons.js';
import { h } from './core/dom.js';

/** Delays before reconnecting, then the last one forever; each gets up to 30% jitter. */
const BACKOFF_MS = [300, 1000, 2000, 4000, 8000, 15000];
/** The server answers within 10 s (SignallingSocket.COMMAND_TIMEOUT); allow for the network. */
const COMMAND_TIMEOUT_MS = 15000;
/** How long a command waits for a connection before giving up. */
const OPEN_WAIT_MS = 10000;
/** Survives a reload, so the tab goes back into its room instead of timing out there. */
const ROOM_KEY = 'parley.room';

export class LiveError extends Error {
  constructor(code, detail) {
    const plain = { code, detail };
    super(errorMessage(plain) || detail || code);
    this.name = 'LiveError';
    this.code = code;
    this.detail = detail || '';
  }
}

let socket = null;
let wanted = false; // true while signed in: keep a connection open
let status = 'idle'; // idle | connecting | open | reconnecting
let attempt = 0;
let reconnectTimer = null;
let nextId = 1;
let member = null; // from hello: {id, username, displayName}
let connectionSerial = 0; // counts `hello`s: a new serial is a new server-side connection
const pending = new Map(); // id → {resolve, reject, timer}
const openWaiters = new Set();

/**
 * The room store. `gone` says why this member is no longer in the room (left, removed, timeout).
 * `self` is me as the state holds me when it does not: in a big audience the room's state need not
 * hold me (rooms/state.js), and then I am a listener with no hand up and no invitation.
 */
const room = { id: null, state: null, self: null, gone: null, resyncing: false, joining: null };
const roomListeners = new Set();
const hallwayListeners = new Set();
const statusListeners = new Set();
const joiningListeners = new Set();
const joinedListeners = new Set();
const speakingListeners = new Set();

// ---- connection -------------------------------------------------------------------------------

/** Opens the connection (idempotent); called once someone is signed in. */
export function start() {
  wanted = true;
  if (!socket) connect();
}

/** Closes for good (logging out): no reconnecting, pending commands fail. */
export function stop() {
  wanted = false;
  clearTimeout(reconnectTimer);
  const s = socket;
  socket = null;
  s?.close(1000, 'bye');
  failPending('network');
  setRoom(null);
  sessionStorage.removeItem(ROOM_KEY);
  setStatus('idle');
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/ws`);
  socket = ws;
  setStatus(attempt === 0 ? 'connecting' : 'reconnecting');
  ws.addEventListener('message', (event) => {
    if (socket !== ws) return;
    let msg;
    try {
      msg = JSON.parse(event.data);
    } catch {
      return; // the server only sends JSON; ignore anything else
    }
    receive(msg);
  });
  ws.addEventListener('close', () => {
    if (socket !== ws) return;
    socket = null;
    failPending('network');
    if (!wanted) return;
    setStatus('reconnecting');
    const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
    attempt += 1;
    reconnectTimer = setTimeout(connect, base + Math.random() * base * 0.3);
  });
}

function setStatus(next) {
  if (status === next) return;
  status = next;
  for (const listener of statusListeners) listener(status);
}

export function connectionStatus() {
  return status;
}

export function onStatus(listener) {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

/** The member this connection speaks for (from `hello`), or null before it. */
export function liveMember() {
  return member;
}

function failPending(code) {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.reject(new LiveError(code));
    pending.delete(id);
  }
}

function whenOpen() {
  if (status === 'open' && socket?.readyState === WebSocket.OPEN) return Promise.resolve();
  if (!wanted) return Promise.reject(new LiveError('network'));
  return new Promise((resolve, reject) => {
    const waiter = { resolve, reject };
    waiter.timer = setTimeout(() => {
      openWaiters.delete(waiter);
      reject(new LiveError('network'));
    }, OPEN_WAIT_MS);
    openWaiters.add(waiter);
  });
}

/** Sends one command; resolves to the `ack` message, rejects with a LiveError. */
export async function command(type, fields = {}) {
  await whenOpen();
  return sendNow(type, fields);
}

function sendNow(type, fields) {
  const id = String(nextId++);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new LiveError('unavailable'));
    }, COMMAND_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    socket.send(JSON.stringify({ ...fields, type, id }));
  });
}

function receive(msg) {
  switch (msg.type) {
    case 'hello':
      member = msg.member;
      connectionSerial += 1;
      attempt = 0;
      setStatus('open');
      for (const w of openWaiters) {
        clearTimeout(w.timer);
        w.resolve();
      }
      openWaiters.clear();
      resume();
      break;
    case 'ack':
    case 'error': {
      const p = pending.get(String(msg.id));
      if (!p) break;
      pending.delete(String(msg.id));
      clearTimeout(p.timer);
      if (msg.type === 'ack') p.resolve(msg);
      else p.reject(new LiveError(msg.code, msg.message));
      break;
    }
    case 'snapshot':
      if (msg.room?.id === room.id) {
        room.state = applySnapshot(msg.room);
        // Not held: a listener somewhere in a big audience, hand down, not invited (rooms.RoomView).
        room.self = msg.you
          ? Object.freeze({ ...msg.you, role: 'listener', handOrder: 0, invitedToSpeak: false, away: false })
          : null;
        room.gone = null;
        notifyRoom();
      }
      break;
    case 'left':
      // This member is out of the room: removed, timed out, or left in another tab or window.
      if (msg.room === room.id && room.state && !room.gone) {
        room.gone = msg.reason;
        sessionStorage.removeItem(ROOM_KEY);
        notifyRoom();
      }
      break;
    case 'delta':
      receiveDelta(msg);
      break;
    case 'pinged':
      showPing(msg);
      break;
    case 'hallwayChanged':
      for (const listener of hallwayListeners) listener();
      break;
    case 'speaking':
      for (const listener of speakingListeners) listener({ room: msg.room, members: msg.members || [] });
      break;
    default:
      break; // a newer server's message: ignore
  }
}

/** After (re)connecting: back into the room this tab was in, and back on the hallway notices. */
function resume() {
  const roomId = room.id || sessionStorage.getItem(ROOM_KEY);
  // A joinRoom() waiting for this connection sends its own join.
  if (roomId && roomId !== room.joining && !room.gone && !room.state?.ended) {
    room.id = roomId; // after a reload: the stored room, so its snapshot is taken in
    rejoin(roomId).catch(() => {});
  }
  if (hallwayListeners.size) {
    sendNow('subscribeHallway', { on: true }).catch(() => {});
    for (const listener of hallwayListeners) listener(); // notices were missed while away
  }
}

// ---- the room store ---------------------------------------------------------------------------

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
  const mine = delta.events.find((e) => e.type === 'participantLeft' && e.memberId === member?.id);
  if (mine) {
    room.gone = mine.reason;
    sessionStorage.removeItem(ROOM_KEY);
  }
  if (room.state.ended) sessionStorage.removeItem(ROOM_KEY);
  notifyRoom(delta.events);
}

/** join with `since`: the server answers with the missed deltas, or a snapshot. */
async function rejoin(roomId) {
  try {
    const since = room.state && room.state.id === roomId ? room.state.version : undefined;
    const serial = connectionSerial;
    const answer = sendNow('join', { room: roomId, ...(since === undefined ? {} : { since }) });
    if (room.id === roomId) {
      for (const listener of joiningListeners) listener({ room: roomId, connection: serial });
    }
    const ack = await answer;
    if (room.id === roomId) {
      for (const listener of joinedListeners) listener({ room: roomId, connection: serial });
    }
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
  let me = null;
  if (room.state && member) {
    me = room.state.participants.get(member.id) || null;
    if (!me && room.self?.memberId === member.id && !room.gone && !room.state.ended) me = room.self;
  }
  return { id: room.id, state: room.state, gone: room.gone, me };
}

/** listener(currentRoom(), events) after every change; returns the unsubscribe function. */
export function onRoomChange(listener) {
  roomListeners.add(listener);
  return () => roomListeners.delete(listener);
}

function notifyRoom(events = []) {
  const current = currentRoom();
  exposeForTests();
  for (const listener of roomListeners) listener(current, events);
}

/** Tests compare the page's state with a fresh snapshot from the server (RoomFlowBrowserTest). */
function exposeForTests() {
  window.__parleyRoomState = room.state;
}

/**
 * listener({room, connection}) after every accepted `join` of the current room: entering, resuming
 * after a reconnect (a new `connection` serial), resynchronising (the same serial). Returns the
 * unsubscribe function.
 */
export function onRoomJoined(listener) {
  joinedListeners.add(listener);
  return () => joinedListeners.delete(listener);
}

/**
 * listener({room, connection}) right after a `join` of the current room went out, before its answer.
 * The server takes a connection's messages in order, so a `mediaOffer` sent now is answered right
 * after the join: the audio leg need not wait a round trip for the join's ack. Returns the
 * unsubscribe function.
 */
export function onRoomJoining(listener) {
  joiningListeners.add(listener);
  return () => joiningListeners.delete(listener);
}

/** listener({room, members}) for each `speaking` message; returns the unsubscribe function. */
export function onSpeaking(listener) {
  speakingListeners.add(listener);
  return () => speakingListeners.delete(listener);
}

// ---- hallway and pings -------------------------------------------------------------------------

/** listener() on every `hallwayChanged` notice and after reconnecting; returns the unsubscribe function. */
export function onHallwayChanged(listener) {
  hallwayListeners.add(listener);
  if (hallwayListeners.size === 1) command('subscribeHallway', { on: true }).catch(() => {});
  return () => {
    hallwayListeners.delete(listener);
    if (!hallwayListeners.size && status === 'open') sendNow('subscribeHallway', { on: false }).catch(() => {});
  };
}

function showPing({ from, room: target }) {
  actionToast(t('live.pinged', { name: from.displayName, title: target.title }), {
    label: t('live.pingedJoin'),
    href: `/room/${encodeURIComponent(target.id)}`,
    testid: 'ping-toast',
  });
}

// ---- the "Reconnecting…" banner ------------------------------------------------------------------

let bannerTimer = null;

/** A banner under the top bar while the connection is down (after PROGRESS_DELAY_MS, so blips do not flash). */
export function mountBanner() {
  const banner = h('div', { class: 'live-banner', role: 'status', 'data-testid': 'live-banner', hidden: true },
    h('span', { class: 'spinner live-spinner', 'aria-hidden': 'true' }), h('span', {}, t('live.reconnecting')));
  document.querySelector('.topbar').after(banner);
  onStatus((s) => {
    clearTimeout(bannerTimer);
    if (s === 'reconnecting') bannerTimer = setTimeout(() => { banner.hidden = false; }, PROGRESS_DELAY_MS);
    else banner.hidden = true;
  });
}
