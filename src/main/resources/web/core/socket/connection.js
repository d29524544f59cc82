// The live connection (docs/protocol.md): one WebSocket per tab at /ws, open while someone is signed
// in. It comes back by itself after a drop (reconnect.js), at once when the server closed it with 1001
// (going away: it is restarting); each `hello` starts a new server-side
// connection, and features resume their subscriptions in onOpen listeners (the rooms feature rejoins
// its room with `since`, so the server only sends what was missed). Incoming messages go to the
// dispatcher; commands are matched to their answers by requests.js.
import { createListeners, createStore } from '../store.js';
import { dispatch, onMessage } from './dispatcher.js';
import { reconnectDelay } from './reconnect.js';
import { LiveError, failPending, request } from './requests.js';
import { getMe } from '../api.js';

/** How long a command waits for a connection before giving up. */
const OPEN_WAIT_MS = 10000;

let socket = null;
let wanted = false; // true while signed in: keep a connection open
let attempt = 0;
let reconnectTimer = null;
let member = null; // from hello: {id, username, displayName}
let serial = 0; // counts `hello`s: a new serial is a new server-side connection
const openWaiters = new Set();
const status = createStore('idle'); // idle | connecting | open | reconnecting
const opened = createListeners();
const stopped = createListeners();

/** Opens the connection (idempotent); called once someone is signed in. */
export function start() {
  wanted = true;
  if (!socket) connect();
}

/** Closes for good (logging out): no reconnecting, pending commands fail, features forget their state. */
export function stop() {
  wanted = false;
  clearTimeout(reconnectTimer);
  const s = socket;
  socket = null;
  s?.close(1000, 'bye');
  failPending('network');
  stopped.emit();
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
    dispatch(msg);
  });
  ws.addEventListener('close', (event) => closed(ws, event));
}

/** The socket closed (the server went, the network dropped): fail what waits and try again later. */
/** docs/protocol.md: the server closed the socket because its session ended. */
const SESSION_ENDED = 4401;

function closed(ws, event) {
  if (socket !== ws) return;
  socket = null;
  failPending('network');
  if (!wanted) return;
  // 4401: this session ended (logged out on another device, the account deleted). Asking who is signed
  // in gets the 401 that sends the reader to log in (core/api.js), which also stops this connection.
  if (event.code === SESSION_ENDED) getMe().catch(() => {});
  setStatus('reconnecting');
  const delay = reconnectDelay(attempt, event.code);
  attempt += 1;
  reconnectTimer = setTimeout(connect, delay);
}

onMessage('hello', (msg) => {
  member = msg.member;
  serial += 1;
  attempt = 0;
  setStatus('open');
  for (const w of openWaiters) {
    clearTimeout(w.timer);
    w.resolve();
  }
  openWaiters.clear();
  opened.emit();
});

function setStatus(next) {
  if (status.get() !== next) status.set(next);
}

export function connectionStatus() {
  return status.get();
}

/** listener(status) on every change of status; returns the unsubscribe function. */
export function onStatus(listener) {
  return status.subscribe(listener);
}

/**
 * listener() after every `hello`, in the order registered: the place to resume what the server forgot
 * with the old connection (a room, the hallway notices). Returns the unsubscribe function.
 */
export function onOpen(listener) {
  return opened.subscribe(listener);
}

/** listener() when the connection is closed for good (logging out). Returns the unsubscribe function. */
export function onStop(listener) {
  return stopped.subscribe(listener);
}

/** The member this connection speaks for (from `hello`), or null before it. */
export function liveMember() {
  return member;
}

/** Counts server-side connections: the audio leg renegotiates when it changes. */
export function connectionSerial() {
  return serial;
}

/** Resolves once the connection is open (at once if it is); rejects after OPEN_WAIT_MS or when signed out. */
export function whenOpen() {
  if (status.get() === 'open' && socket?.readyState === WebSocket.OPEN) return Promise.resolve();
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

/** Sends one command once the connection is open; resolves to the `ack` message, rejects with a LiveError. */
export async function command(type, fields = {}) {
  await whenOpen();
  return sendNow(type, fields);
}

/** Sends at once, for onOpen listeners and callers that know the connection is open. */
export function sendNow(type, fields = {}) {
  return request((text) => socket.send(text), type, fields);
}
