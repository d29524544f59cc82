// What a listener hears besides the floor (docs/protocol.md "Interpretation"): the floor alone, or the
// floor and one interpreter channel. The server routes (the chosen channel's interpreter arrives in the
// leg's fourth receive slot, audio.js); this module asks for the channel with `listenIn` and ducks the
// floor under the interpreter to the level the listener sets (levels.js), both kept in localStorage:
// the channel per room (parley.listen.<room id>), the floor level for every room (parley.floorLevel).
//
// The server forgets the choice with the connection, so it is sent again on every (re)join; a channel
// the moderators stop offering, or being named interpreter (interpreters hear the floor), falls back
// to the floor.
import { command } from '../../core/socket/connection.js';
import { currentRoom, onRoomChange, onRoomJoined } from '../store.js';
import { setDucking } from './levels.js';

const CHANNEL_PREFIX = 'parley.listen.';
const FLOOR_LEVEL_KEY = 'parley.floorLevel';
/** How loud the floor stays under an interpreter until the listener says otherwise: audible, not competing. */
export const DEFAULT_FLOOR_LEVEL = 0.2;

const chosen = { roomId: null, language: null };
const listeners = new Set();

/** The floor's level under an interpreter, 0..1. */
export function floorLevel() {
  const kept = Number.parseFloat(localStorage.getItem(FLOOR_LEVEL_KEY));
  return Number.isFinite(kept) ? Math.min(1, Math.max(0, kept)) : DEFAULT_FLOOR_LEVEL;
}

export function setFloorLevel(level) {
  localStorage.setItem(FLOOR_LEVEL_KEY, String(Math.min(1, Math.max(0, level))));
  applyDucking();
}

/** The language I listen in (null: the floor) in the room I am in. */
export function listeningIn() {
  return chosen.roomId === currentRoom().id ? chosen.language : null;
}

/** listener(language) when my choice changes; returns the unsubscribe function. */
export function onListeningChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hear the floor and `language`'s interpreter (null: the floor alone). Rejects with the server's error. */
export async function listenIn(language) {
  const { id } = currentRoom();
  await command('listenIn', { language });
  remember(id, language);
}

function remember(roomId, language) {
  chosen.roomId = roomId;
  chosen.language = language;
  if (language) localStorage.setItem(CHANNEL_PREFIX + roomId, language);
  else localStorage.removeItem(CHANNEL_PREFIX + roomId);
  applyDucking();
  for (const listener of listeners) listener(language);
}

function applyDucking() {
  setDucking(listeningIn() ? floorLevel() : 1);
}

/** Whether `language` can be heard now: offered by the room, and I interpret nothing. */
function available(state, me, language) {
  return !!language && !!state && state.interpretation.includes(language) && !me?.interpreting;
}

/** Called once at boot (app.js): the choice follows the room from then on. */
export function mountInterpretation() {
  onRoomJoined(({ room }) => {
    const kept = localStorage.getItem(CHANNEL_PREFIX + room);
    const { state, me } = currentRoom();
    if (available(state, me, kept)) {
      listenIn(kept).catch(() => remember(room, null));
    } else {
      remember(room, null);
    }
  });
  onRoomChange(({ id, state, me }) => {
    if (chosen.roomId !== id) {
      if (chosen.language) remember(id, null);
      return;
    }
    if (chosen.language && state && !available(state, me, chosen.language)) {
      // The server hears nothing more on that channel for me; say so here too.
      listenIn(null).catch(() => remember(id, null));
    }
  });
}
