// My voice in the room (docs/protocol.md "Audio"): the microphone runs only while I am on stage.
//
// - Listeners are never asked for it: getUserMedia runs once my role in the room state is speaker or
//   moderator (after accepting an invitation), and the track stops when I leave the stage or the room.
// - The track follows the room state's `muted` for me (the server enforces it too, on every packet;
//   disabling the track only saves bandwidth and makes a mute immediate on my side).
// - A refused or missing microphone leaves me on stage and muted: micProblem() says why (the mic
//   menu shows it with a retry), and unmuting asks again first (ensureMic) instead of unmuting into
//   silence.
// - Another device is a new track on the same sender (replaceTrack: no renegotiation); the choice is
//   kept in localStorage for the next visit.
import { command } from '../../core/socket/connection.js';
import { currentRoom, onRoomChange } from '../store.js';

/** 'off' turns echo cancellation, noise suppression and gain control off (tests: a known level). */
const PROCESSING_KEY = 'parley.audio.processing';
/** The microphone picked in the device menu, kept for the next visit. */
export const INPUT_KEY = 'parley.audio.input';

// Threading: the page's event loop. `acquiring` is the token of the latest getUserMedia; an older
// one that resolves late stops its track (I left the stage, or picked another device meanwhile).
const mic = { track: null, acquiring: null, problem: null, sender: null };
const listeners = new Set();

/** Called once at boot (audio.js): the microphone follows my place in the room from then on. */
export function mountMicrophone() {
  onRoomChange(({ id, state, me, gone }) => {
    if (!id || gone || state?.ended) release();
    else if (me) followStage(me);
    // else: no snapshot yet (a reload); keep what runs until it comes
  });
  window.addEventListener('pagehide', () => release());
}

/** The leg's upstream sender (or null between legs): it gets my track, now and after every change. */
export function attachSender(sender) {
  mic.sender = sender;
  return sender && mic.track ? sender.replaceTrack(mic.track) : Promise.resolve();
}

export function micTrack() {
  return mic.track;
}

/** null, or why I cannot be heard: 'refused' (permission) or 'missing' (no device). */
export function micProblem() {
  return mic.problem;
}

function followStage(me) {
  const onStage = me.role === 'moderator' || me.role === 'speaker';
  if (!onStage) {
    release();
    return;
  }
  if (!mic.track && !mic.acquiring && !mic.problem) acquire(localStorage.getItem(INPUT_KEY));
  if (mic.track && mic.track.enabled === me.muted) {
    mic.track.enabled = !me.muted;
    notify();
  }
}

function constraints(deviceId) {
  const processing = localStorage.getItem(PROCESSING_KEY) !== 'off';
  return {
    audio: {
      echoCancellation: processing, noiseSuppression: processing, autoGainControl: processing,
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    },
  };
}

/** Asks for the microphone; resolves true once its track is mine. */
function acquire(deviceId) {
  const token = {};
  mic.acquiring = token;
  token.done = open(token, deviceId);
  return token.done;
}

async function open(token, deviceId) {
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia(constraints(deviceId));
  } catch (error) {
    if (mic.acquiring !== token) return false;
    mic.acquiring = null;
    if (deviceId && error.name === 'OverconstrainedError') {
      localStorage.removeItem(INPUT_KEY); // the remembered microphone is gone: take the default
      return acquire(null);
    }
    mic.problem = error.name === 'NotFoundError' ? 'missing' : 'refused';
    notify();
    return false;
  }
  const track = stream.getAudioTracks()[0];
  if (mic.acquiring !== token) {
    track.stop(); // left the stage (or picked another device) while the browser was asking
    return false;
  }
  mic.acquiring = null;
  mic.problem = null;
  const old = mic.track;
  const me = currentRoom().me;
  track.enabled = !!me && !me.muted;
  track.addEventListener('ended', () => lost(track));
  mic.track = track;
  if (mic.sender) await mic.sender.replaceTrack(track).catch(() => {});
  old?.stop();
  notify();
  return true;
}

/** The device went away (unplugged, permission revoked): say so, and stop claiming to speak. */
function lost(track) {
  if (mic.track !== track) return;
  mic.track = null;
  mic.problem = 'missing';
  if (currentRoom().me?.muted === false) command('setMuted', { muted: true }).catch(() => {});
  notify();
}

function release() {
  if (!mic.track && !mic.acquiring && !mic.problem) return;
  const track = mic.track;
  mic.acquiring = null;
  mic.problem = null;
  mic.track = null;
  mic.sender?.replaceTrack(null).catch(() => {});
  track?.stop();
  notify();
}

/** Before unmuting: the microphone, asking again if it was refused. Resolves whether it runs. */
export async function ensureMic() {
  if (!mic.track) await (mic.acquiring?.done ?? acquire(localStorage.getItem(INPUT_KEY)));
  return !!mic.track;
}

/** Mutes my track at once, before the server confirms (unmuting waits for the room state). */
export function muteNow() {
  if (mic.track) mic.track.enabled = false;
}

/** Puts my track back in line with the room state (after a refused mute, say). */
export function resyncMic() {
  const { me } = currentRoom();
  if (me) followStage(me);
}

/** The audio inputs to choose from, and the one in use. */
export async function inputDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const inputs = devices.filter((d) => d.kind === 'audioinput' && d.deviceId);
  const current = mic.track?.getSettings().deviceId || '';
  return { inputs, current };
}

/** Switches to another microphone: a new track replaces the old one on the same sender. */
export async function useInput(deviceId) {
  localStorage.setItem(INPUT_KEY, deviceId);
  if (mic.track || mic.acquiring) await acquire(deviceId);
}

/** listener() when my microphone starts, stops, changes or fails; returns the unsubscribe function. */
export function onMicChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify() {
  for (const listener of listeners) listener();
}
