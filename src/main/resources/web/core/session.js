// Who is signed in. `me` is the last `Me` the server returned, or null when signed out.
// Pages read it; the top bar listens for changes.
import { getMe } from './api.js';
import { createStore } from './store.js';

const me = createStore(null);
let known = false; // false until the first getMe answered

export function currentMe() {
  return me.get();
}

/** Every call notifies, even with the same member: listeners redraw what depends on them. */
export function setMe(value) {
  known = true;
  me.set(value);
}

export function onMeChange(listener) {
  return me.subscribe(listener);
}

/** Asks the server once (or again with force); resolves to Me or null. */
export async function loadMe({ force = false, signal } = {}) {
  if (known && !force) return me.get();
  try {
    setMe(await getMe({ quiet401: true, signal }));
  } catch (error) {
    if (error.status === 401) setMe(null);
    else throw error;
  }
  return me.get();
}

export function isMe(username) {
  const current = me.get();
  return !!current && !!username && current.username.toLowerCase() === username.toLowerCase();
}
