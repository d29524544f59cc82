// Who is signed in. `me` is the last `Me` the server returned, or null when signed out.
// Pages read it; the top bar listens for changes.
import { getMe } from './api.js';

let me = null;
let known = false; // false until the first getMe answered
const listeners = new Set();

export function currentMe() {
  return me;
}

export function setMe(value) {
  me = value;
  known = true;
  for (const listener of listeners) listener(me);
}

export function onMeChange(listener) {
  listeners.add(listener);
}

/** Asks the server once (or again with force); resolves to Me or null. */
export async function loadMe({ force = false, signal } = {}) {
  if (known && !force) return me;
  try {
    setMe(await getMe({ quiet401: true, signal }));
  } catch (error) {
    if (error.status === 401) setMe(null);
    else throw error;
  }
  return me;
}

export function isMe(username) {
  return !!me && !!username && me.username.toLowerCase() === username.toLowerCase();
}
