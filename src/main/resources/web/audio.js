// The room's audio leg (docs/protocol.md "Audio", docs/media.md): one RTCPeerConnection to the SFU
// per room visit, negotiated over the live connection with `mediaOffer`.
//
// - The offer bundles ONE sendrecv transceiver (my voice; no track until I am on stage, then
//   replaceTrack, so going on stage never renegotiates) and THREE recvonly ones: the receive slots
//   that carry the loudest speakers. Each received track plays through its own hidden <audio>.
// - Listeners are never asked for the microphone: getUserMedia runs only once my role in the room
//   state is speaker or moderator, and the track stops when I leave the stage.
// - The track follows the room state's `muted` for me (the server enforces it too, on every packet;
//   disabling the track only saves the bandwidth and makes a mute immediate on my side).
// - The leg follows the room store, not the room page: browsing other pages keeps the room playing
//   (the mini bar), while leaving, switching rooms, the room ending, removal and closing the page
//   tear it down: pc.close(), every track stopped, the <audio> elements removed.
// - A failed connection (or one disconnected for DISCONNECTED_GRACE_MS) and a reconnected
//   WebSocket (the server drops the leg with the connection) renegotiate from scratch.
import { command, currentRoom, onRoomChange, onRoomJoined } from './live.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { toast } from './ui.js';

/** The receive slots the SFU fills with the loudest speakers (protocol.md: 3). */
const RECEIVE_SLOTS = 3;
/** ICE may recover from `disconnected` on its own; after this long we renegotiate instead. */
const DISCONNECTED_GRACE_MS = 5000;
/** Delays before retrying a failed negotiation, then the last one while still in the room. */
const RETRY_MS = [1000, 3000, 10000, 30000];
/** 'off' turns echo cancellation, noise suppression and gain control off (tests: a known level). */
const PROCESSING_KEY = 'parley.audio.processing';
/** The microphone picked in the device menu, kept for the next visit. */
const INPUT_KEY = 'parley.audio.input';

// Threading: everything runs on the page's event loop. `generation` changes on every new
// negotiation and on teardown, so a negotiation still awaiting an answer knows it was overtaken.
let generation = 0;
const leg = { roomId: null, connection: 0, negotiations: 0, pc: null, upstream: null, players: [], disconnectedTimer: null, retries: 0, retryTimer: null };
const mic = { track: null, acquiring: null };
const micListeners = new Set();
let unblock = null; // the "Tap to listen" button, once built

/** Called once at boot (app.js): the audio leg follows the live room from then on. */
export function mountAudio() {
  onRoomJoined(({ room, connection }) => {
    // A resync join on the same connection keeps the leg; a new connection needs a new one.
    if (leg.pc && leg.roomId === room && leg.connection === connection) return;
    negotiate(room, connection);
  });
  onRoomChange((current) => follow(current));
  window.addEventListener('pagehide', () => teardown());
  window.__parleyAudio = { state, receivedStreams, micTrack: () => mic.track, upstreamSender: () => leg.upstream?.sender ?? null, pc: () => leg.pc, stats };
}

function follow({ id, state: roomState, me, gone }) {
  if (!leg.roomId) return;
  if (id !== leg.roomId || gone || roomState?.ended) {
    teardown();
    return;
  }
  if (me) followStage(me);
}

// ---- negotiation --------------------------------------------------------------------------------

async function negotiate(roomId, connection) {
  const mine = ++generation;
  closePeer();
  clearTimeout(leg.retryTimer);
  leg.roomId = roomId;
  leg.connection = connection;
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  leg.pc = pc;
  leg.negotiations += 1;
  leg.upstream = pc.addTransceiver('audio', { direction: 'sendrecv' });
  for (let i = 0; i < RECEIVE_SLOTS; i += 1) pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.addEventListener('track', (event) => {
    if (leg.pc === pc) play(event.track);
  });
  pc.addEventListener('connectionstatechange', () => watchConnection(pc));
  try {
    if (mic.track) await leg.upstream.sender.replaceTrack(mic.track);
    await pc.setLocalDescription(await pc.createOffer());
    if (mine !== generation) return;
    const ack = await command('mediaOffer', { sdp: pc.localDescription.sdp });
    if (mine !== generation) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: ack.sdp });
    leg.retries = 0;
  } catch (error) {
    if (mine !== generation) return;
    // console.warn, not error: a refused leg leaves the room usable, just silent.
    console.warn('Parley audio: negotiation failed', error.code || error.name, error.message);
    closePeer();
    const delay = RETRY_MS[Math.min(leg.retries, RETRY_MS.length - 1)];
    leg.retries += 1;
    if (leg.retries === 2) toast(t('audio.unavailable'), { kind: 'error' });
    leg.retryTimer = setTimeout(() => {
      if (mine === generation && currentRoom().id === roomId) negotiate(roomId, leg.connection);
    }, delay);
    return;
  }
  const { me } = currentRoom();
  if (me) followStage(me);
}

function watchConnection(pc) {
  if (leg.pc !== pc) return;
  const s = pc.connectionState;
  if (s === 'failed') {
    renegotiate();
  } else if (s === 'disconnected') {
    clearTimeout(leg.disconnectedTimer);
    leg.disconnectedTimer = setTimeout(() => {
      if (leg.pc === pc && pc.connectionState === 'disconnected') renegotiate();
    }, DISCONNECTED_GRACE_MS);
  } else {
    clearTimeout(leg.disconnectedTimer);
  }
}

function renegotiate() {
  if (leg.roomId) negotiate(leg.roomId, leg.connection);
}

// ---- playback -----------------------------------------------------------------------------------

function play(track) {
  const element = h('audio', { autoplay: true, hidden: true, 'data-testid': 'room-audio' });
  element.srcObject = new MediaStream([track]);
  document.body.append(element);
  leg.players.push({ element, track });
  track.addEventListener('ended', () => element.remove());
  element.play().catch((error) => {
    if (error.name === 'NotAllowedError') showUnblock();
  });
}

/** The browser refused to play without a gesture: one tap resumes every slot. */
function showUnblock() {
  if (!unblock) {
    unblock = h('button', { type: 'button', class: 'btn btn-primary audio-unblock', 'data-testid': 'audio-unblock', hidden: true },
      h('span', { class: 'btn-label' }, t('audio.tapToListen')));
    unblock.setAttribute('aria-describedby', 'audio-unblock-why');
    unblock.append(h('span', { id: 'audio-unblock-why', class: 'visually-hidden' }, t('audio.blocked')));
    unblock.addEventListener('click', async () => {
      const results = await Promise.allSettled(leg.players.map((p) => p.element.play()));
      if (results.every((r) => r.status === 'fulfilled')) unblock.hidden = true;
    });
    document.body.append(unblock);
  }
  unblock.hidden = false;
}

function closePeer() {
  clearTimeout(leg.disconnectedTimer);
  const pc = leg.pc;
  leg.pc = null;
  leg.upstream = null;
  for (const { element, track } of leg.players) {
    element.pause();
    element.srcObject = null;
    element.remove();
    track.stop();
  }
  leg.players = [];
  if (pc) pc.close();
  if (unblock) unblock.hidden = true;
}

/** Leaving the room (or the page): nothing of the audio leg survives. */
function teardown() {
  generation += 1;
  clearTimeout(leg.retryTimer);
  closePeer();
  releaseMic();
  leg.roomId = null;
  leg.retries = 0;
}

// ---- the microphone -----------------------------------------------------------------------------

function followStage(me) {
  const onStage = me.role === 'moderator' || me.role === 'speaker';
  if (onStage && !mic.track && !mic.acquiring) acquireMic(localStorage.getItem(INPUT_KEY));
  if (!onStage && (mic.track || mic.acquiring)) releaseMic();
  if (mic.track && mic.track.enabled === me.muted) {
    mic.track.enabled = !me.muted;
    notifyMic();
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

async function acquireMic(deviceId) {
  const token = {};
  mic.acquiring = token;
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia(constraints(deviceId));
  } catch (error) {
    if (deviceId && error.name === 'OverconstrainedError') {
      // The remembered microphone is gone: fall back to the default one.
      localStorage.removeItem(INPUT_KEY);
      if (mic.acquiring === token) mic.acquiring = null;
      return acquireMic(null);
    }
    if (mic.acquiring === token) mic.acquiring = null;
    toast(t(error.name === 'NotFoundError' ? 'audio.micMissing' : 'audio.micRefused'), { kind: 'error' });
    return undefined;
  }
  const track = stream.getAudioTracks()[0];
  if (mic.acquiring !== token) {
    track.stop(); // left the stage (or switched again) while the browser was asking
    return undefined;
  }
  mic.acquiring = null;
  const old = mic.track;
  const me = currentRoom().me;
  track.enabled = !!me && !me.muted;
  mic.track = track;
  if (leg.upstream) await leg.upstream.sender.replaceTrack(track);
  old?.stop();
  notifyMic();
  return undefined;
}

function releaseMic() {
  mic.acquiring = null;
  const track = mic.track;
  mic.track = null;
  if (leg.upstream) leg.upstream.sender.replaceTrack(null).catch(() => {});
  track?.stop();
  if (track) notifyMic();
}

/** Mutes my track at once, before the server confirms (unmuting waits for the room state). */
export function muteNow() {
  if (mic.track) mic.track.enabled = false;
}

/** Puts my track back in line with the room state (after a refused mute, say). */
export function resyncMic() {
  const { me } = currentRoom();
  if (me && leg.roomId) followStage(me);
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
  if (mic.track || mic.acquiring) await acquireMic(deviceId);
}

/** listener() when my microphone starts, stops, or changes; returns the unsubscribe function. */
export function onMicChange(listener) {
  micListeners.add(listener);
  return () => micListeners.delete(listener);
}

function notifyMic() {
  for (const listener of micListeners) listener();
}

// ---- for tests and debugging (window.__parleyAudio) -----------------------------------------------

function state() {
  return {
    connectionState: leg.pc ? leg.pc.connectionState : 'closed',
    receivingTracks: leg.players.filter((p) => p.track.readyState === 'live').length,
    micLive: !!mic.track && mic.track.readyState === 'live' && mic.track.enabled,
    negotiations: leg.negotiations,
  };
}

function receivedStreams() {
  return leg.players.map((p) => p.element.srcObject).filter(Boolean);
}

/** A short summary of pc.getStats(): the ICE pair, and bytes and packets per RTP stream. */
async function stats() {
  if (!leg.pc) return null;
  const report = await leg.pc.getStats();
  const out = { pairs: [], inbound: [], outbound: [], transport: null };
  report.forEach((s) => {
    if (s.type === 'candidate-pair') {
      out.pairs.push({ state: s.state, nominated: s.nominated, bytesSent: s.bytesSent, bytesReceived: s.bytesReceived,
        requestsSent: s.requestsSent, responsesReceived: s.responsesReceived });
    } else if (s.type === 'inbound-rtp') {
      out.inbound.push({ mid: s.mid, ssrc: s.ssrc, packetsReceived: s.packetsReceived, bytesReceived: s.bytesReceived,
        packetsLost: s.packetsLost, audioLevel: s.audioLevel, totalAudioEnergy: s.totalAudioEnergy });
    } else if (s.type === 'outbound-rtp') {
      out.outbound.push({ mid: s.mid, ssrc: s.ssrc, packetsSent: s.packetsSent, bytesSent: s.bytesSent });
    } else if (s.type === 'transport') {
      out.transport = { iceState: s.iceState, dtlsState: s.dtlsState, srtpCipher: s.srtpCipher, selectedCandidatePairId: s.selectedCandidatePairId };
    }
  });
  return out;
}
