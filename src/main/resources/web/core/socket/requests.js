// Request/answer matching: every command carries an id, and the server answers it with an `ack` or
// an `error` carrying the same id (docs/protocol.md). Commands still waiting when the connection drops
// fail at once rather than at their timeout.
import { errorMessage } from '../ui/errors.js';
import { onMessage } from './dispatcher.js';

/** The server answers within 10 s (SignallingSocket.COMMAND_TIMEOUT); allow for the network. */
const COMMAND_TIMEOUT_MS = 15000;

/** A refused or failed command: the protocol's error code, and a sentence for the reader. */
export class LiveError extends Error {
  constructor(code, detail) {
    const plain = { code, detail };
    super(errorMessage(plain) || detail || code);
    this.name = 'LiveError';
    this.code = code;
    this.detail = detail || '';
  }
}

let nextId = 1;
const pending = new Map(); // id → {resolve, reject, timer}

/** Sends one command with a fresh id through send(text); resolves to its `ack`, rejects with a LiveError. */
export function request(send, type, fields) {
  const id = String(nextId++);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new LiveError('unavailable'));
    }, COMMAND_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    send(JSON.stringify({ ...fields, type, id }));
  });
}

/** Fails every command still waiting for its answer. */
export function failPending(code) {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.reject(new LiveError(code));
    pending.delete(id);
  }
}

function answer(msg) {
  const p = pending.get(String(msg.id));
  if (!p) return;
  pending.delete(String(msg.id));
  clearTimeout(p.timer);
  if (msg.type === 'ack') p.resolve(msg);
  else p.reject(new LiveError(msg.code, msg.message));
}

onMessage('ack', answer);
onMessage('error', answer);
