// The room's sound as a listener gets it: one volume per room, applied to every receive slot's
// <audio> and kept in localStorage (parley.volume.<room id>) for the next visit, and the level of what
// arrives after that volume, for the meter. The level comes from a WebAudio AnalyserNode fed by every
// received track through one GainNode set to the volume, so the meter shows what the listener hears
// (the <audio> elements play; the analyser only measures and is never connected to the speakers).
//
// Under an interpreter (interpretation.js) the floor's slots are ducked to the listener's floor level
// and the interpretation slot plays at the room's volume; the meter hears both as they are played.
//
// Threading: the page's event loop. An AudioContext made before any gesture starts suspended under
// the autoplay policy; the first tap or key press resumes it (the meter then wakes up).

const VOLUME_PREFIX = 'parley.volume.';
/** RMS below this is silence on the meter (-60 dBFS); 0 dBFS is a full bar. */
const FLOOR_DB = -60;

const players = new Map(); // <audio> element → its MediaStreamAudioSourceNode (or null before the context)
const kinds = new Map(); // <audio> element → 'floor' | 'interpretation'
let context = null;
let gain = null;
let floorGain = null; // the floor's slots pass here, ducked under an interpreter, then through `gain`
let ducking = 1;
let analyser = null;
let samples = null;
let roomId = null;
let volume = 1;

/** The volume kept for a room: 0..1, 1 when never set. */
export function roomVolume(id) {
  const kept = Number.parseFloat(localStorage.getItem(VOLUME_PREFIX + id));
  return Number.isFinite(kept) ? Math.min(1, Math.max(0, kept)) : 1;
}

/** Sets and keeps the volume of the room this tab is in. */
export function setVolume(id, value) {
  volume = Math.min(1, Math.max(0, value));
  roomId = id;
  localStorage.setItem(VOLUME_PREFIX + id, String(volume));
  applyVolumes();
  if (gain) gain.gain.value = volume;
}

/** The floor's share of the volume, 0..1: 1 for the floor alone, the floor level under an interpreter. */
export function setDucking(level) {
  ducking = Math.min(1, Math.max(0, level));
  applyVolumes();
  if (floorGain) floorGain.gain.value = ducking;
}

export function currentDucking() {
  return ducking;
}

function applyVolumes() {
  for (const element of players.keys()) element.volume = volume * (kinds.get(element) === 'floor' ? ducking : 1);
}

export function currentVolume() {
  return volume;
}

/** A receive slot started playing in room `id` (audio.js); `kind` is 'floor' or 'interpretation'. */
export function attachPlayer(element, id, kind = 'floor') {
  if (roomId !== id) {
    roomId = id;
    volume = roomVolume(id);
    if (gain) gain.gain.value = volume;
  }
  players.set(element, null);
  kinds.set(element, kind);
  applyVolumes();
  connect(element);
}

/** Every slot is gone (a new leg, or the room left). */
export function detachPlayers() {
  for (const source of players.values()) source?.disconnect();
  players.clear();
  kinds.clear();
}

function ensureContext() {
  if (context || typeof AudioContext === 'undefined') return context;
  context = new AudioContext();
  gain = context.createGain();
  gain.gain.value = volume;
  floorGain = context.createGain();
  floorGain.gain.value = ducking;
  floorGain.connect(gain);
  analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  samples = new Float32Array(analyser.fftSize);
  gain.connect(analyser);
  const wake = () => {
    if (context.state === 'suspended') context.resume().catch(() => {});
  };
  for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, wake, { capture: true });
  wake();
  return context;
}

function connect(element) {
  if (!ensureContext() || players.get(element) || !element.srcObject) return;
  const source = context.createMediaStreamSource(element.srcObject);
  source.connect(kinds.get(element) === 'floor' ? floorGain : gain);
  players.set(element, source);
}

/** What the listener hears now, 0..1 on a -60..0 dBFS scale (0 with nothing playing). */
export function receivedLevel() {
  if (!analyser || !players.size || context.state !== 'running') return 0;
  analyser.getFloatTimeDomainData(samples);
  let sum = 0;
  for (const x of samples) sum += x * x;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}
