// The room's audio leg (docs/protocol.md "Audio", docs/media.md): one RTCPeerConnection to the SFU
// per room visit, negotiated over the live connection with `mediaOffer`.
//
// - The offer bundles ONE sendrecv transceiver (my voice: microphone.js puts a track on it once I
//   am on stage, with replaceTrack, so going on stage never renegotiates) and FOUR recvonly ones:
//   three receive slots that carry the loudest speakers of the floor, and the interpretation slot,
//   which carries the interpreter of the language I listen in (interpretation.js), if any. Each
//   received track plays through its own hidden <audio>; when the browser refuses to play without a
//   gesture, `blocked` is set and the "Tap to listen" button (components/audio-status.js) calls
//   resumePlayback().
// - The offer follows the room's `join` at once (onRoomJoining), without waiting for its ack.
// - The leg follows the room store, not the room page: browsing other pages keeps the room playing
//   (the mini bar), while leaving, switching rooms, the room ending, removal and closing the page
//   tear it down: pc.close(), every track stopped, the <audio> elements emptied and removed.
// - Recovery: a connection that fails, stays `disconnected` for DISCONNECTED_GRACE_MS or never
//   connects within CONNECT_TIMEOUT_MS, and the browser's `online` event (a network change), send a
//   new offer (the server replaces the leg), after the RETRY_MS backoff; a reconnected WebSocket
//   (the server drops the leg with the connection) renegotiates on its rejoin. `status` says
//   connecting / reconnecting meanwhile, for the audio status line.
import { command, connectionStatus } from '../../core/socket/connection.js';
import { currentRoom, onRoomChange, onRoomJoined, onRoomJoining } from '../store.js';
import { h } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { toast } from '../../core/ui/toasts.js';
import { attachSender, micTrack, mountMicrophone } from './microphone.js';
import { attachPlayer, detachPlayers, receivedLevel } from './levels.js';

/** The receive slots the SFU fills with the loudest speakers (protocol.md: 3). */
const RECEIVE_SLOTS = 3;
/**
 * ICE may recover from `disconnected` on its own; after this long we offer again instead. Chromium
 * reports `disconnected` only after ~5-6 s without answers to its checks, so waiting longer is rarely
 * worth it, and a new leg costs one round trip and a DTLS handshake.
 */
const DISCONNECTED_GRACE_MS = 2000;
/** A leg whose ICE and DTLS have not completed by then is given up and offered again. */
const CONNECT_TIMEOUT_MS = 15000;
/** Delays before each new offer after a failure, then the last one while still in the room. */
const RETRY_MS = [0, 1000, 3000, 10000, 30000];
/** After this many failures in a row a toast says that Parley keeps trying. */
const FAILURES_BEFORE_NOTICE = 3;

// Threading: everything runs on the page's event loop. `generation` changes on every new
// negotiation and on teardown, so a negotiation still awaiting an answer knows it was overtaken.
let generation = 0;
const leg = {
  roomId: null, connection: 0, negotiations: 0, pc: null, upstream: null, players: [],
  watchdog: null, retries: 0, retryTimer: null, connectedOnce: false,
};
/** idle (no room) | connecting | connected | reconnecting; `blocked`: playback waits for a tap. */
const audio = { status: 'idle', blocked: false };
const listeners = new Set();

/** Called once at boot (app.js): the audio leg follows the live room from then on. */
export function mountAudio() {
  mountMicrophone();
  const joining = ({ room, connection }) => {
    // A resync join on the same connection keeps the leg; a new connection needs a new one.
    if (leg.pc && leg.roomId === room && leg.connection === connection) return;
    leg.retries = 0;
    negotiate(room, connection);
  };
  // The offer goes out right behind the join (the server answers in order), not a round trip
  // after it: a listener hears the room sooner. A refused join refuses the offer too, and the
  // room store's change tears the leg down.
  onRoomJoining(joining);
  onRoomJoined(joining);
  onRoomChange(({ id, state, gone }) => {
    if (leg.roomId && (id !== leg.roomId || gone || state?.ended)) teardown();
  });
  // A network change: the old path may be dead without ICE noticing for a while. A live connection
  // that is down renegotiates on its rejoin instead.
  window.addEventListener('online', () => {
    if (!leg.roomId || connectionStatus() !== 'open') return;
    leg.retries = 0;
    negotiate(leg.roomId, leg.connection);
  });
  window.addEventListener('pagehide', () => teardown());
  window.__parleyAudio = { state, receivedStreams, receivedTracks, micTrack, upstreamSender: () => leg.upstream?.sender ?? null, pc: () => leg.pc, stats, level: receivedLevel };
}

/** The audio leg's RTCPeerConnection, or null between legs (for its stats: quality.js). */
export function currentPeer() {
  return leg.pc;
}

/** {status, blocked}: what the audio status line shows. */
export function audioStatus() {
  return { ...audio };
}

/** listener(audioStatus()) on every change; returns the unsubscribe function. */
export function onAudioChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(changes) {
  if (Object.entries(changes).every(([k, v]) => audio[k] === v)) return;
  Object.assign(audio, changes);
  for (const listener of listeners) listener(audioStatus());
}

// ---- negotiation --------------------------------------------------------------------------------

async function negotiate(roomId, connection) {
  const mine = ++generation;
  closePeer();
  clearTimeout(leg.retryTimer);
  leg.roomId = roomId;
  leg.connection = connection;
  update({ status: leg.connectedOnce ? 'reconnecting' : 'connecting' });
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
  leg.pc = pc;
  leg.negotiations += 1;
  leg.upstream = pc.addTransceiver('audio', { direction: 'sendrecv' });
  for (let i = 0; i < RECEIVE_SLOTS; i += 1) pc.addTransceiver('audio', { direction: 'recvonly' });
  const interpretation = pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.addEventListener('track', (event) => {
    if (leg.pc === pc) play(event.track, event.transceiver === interpretation ? 'interpretation' : 'floor');
  });
  pc.addEventListener('connectionstatechange', () => watchConnection(pc));
  try {
    await attachSender(leg.upstream.sender);
    await pc.setLocalDescription(await pc.createOffer());
    if (mine !== generation) return;
    const ack = await command('mediaOffer', { sdp: pc.localDescription.sdp });
    if (mine !== generation) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: ack.sdp });
  } catch (error) {
    if (mine !== generation) return;
    // console.warn, not error: a refused leg leaves the room usable, just silent.
    console.warn('Parley audio: negotiation failed', error.code || error.name, error.message);
    retry();
    return;
  }
  if (pc.connectionState !== 'connected') watchdog(pc, CONNECT_TIMEOUT_MS);
}

function watchConnection(pc) {
  if (leg.pc !== pc) return;
  switch (pc.connectionState) {
    case 'connected':
      clearTimeout(leg.watchdog);
      leg.retries = 0;
      leg.connectedOnce = true;
      update({ status: 'connected' });
      break;
    case 'disconnected':
      update({ status: 'reconnecting' });
      watchdog(pc, DISCONNECTED_GRACE_MS);
      break;
    case 'failed':
      retry();
      break;
    default:
      break; // new, connecting: the watchdog set after the answer runs
  }
}

/** Offers again if `pc` is still the leg and not connected after `ms`. */
function watchdog(pc, ms) {
  clearTimeout(leg.watchdog);
  leg.watchdog = setTimeout(() => {
    if (leg.pc === pc && pc.connectionState !== 'connected') retry();
  }, ms);
}

/** Drops the leg and offers a new one after the backoff delay. */
function retry() {
  const roomId = leg.roomId;
  const delay = RETRY_MS[Math.min(leg.retries, RETRY_MS.length - 1)];
  leg.retries += 1;
  if (leg.retries === FAILURES_BEFORE_NOTICE) toast(t('audio.unavailable'), { kind: 'error' });
  closePeer();
  update({ status: leg.connectedOnce ? 'reconnecting' : 'connecting' });
  const mine = generation;
  clearTimeout(leg.retryTimer);
  leg.retryTimer = setTimeout(() => {
    if (mine === generation && leg.roomId === roomId && currentRoom().id === roomId) negotiate(roomId, leg.connection);
  }, delay);
}

// ---- playback -----------------------------------------------------------------------------------

function play(track, kind) {
  const element = h('audio', { autoplay: true, hidden: true, 'data-testid': 'room-audio', 'data-kind': kind });
  element.srcObject = new MediaStream([track]);
  document.body.append(element);
  leg.players.push({ element, track, kind });
  attachPlayer(element, leg.roomId, kind);
  track.addEventListener('ended', () => element.remove());
  element.play().catch((error) => {
    if (error.name === 'NotAllowedError' && leg.players.some((p) => p.element === element)) update({ blocked: true });
  });
}

/** "Tap to listen": called from the user's gesture, which lets every slot play. */
export async function resumePlayback() {
  const results = await Promise.allSettled(leg.players.map((p) => p.element.play()));
  update({ blocked: results.some((r) => r.status === 'rejected') });
}

function closePeer() {
  clearTimeout(leg.watchdog);
  const pc = leg.pc;
  leg.pc = null;
  leg.upstream = null;
  attachSender(null);
  for (const { element, track } of leg.players) {
    element.pause();
    element.srcObject = null;
    element.remove();
    track.stop();
  }
  leg.players = [];
  detachPlayers();
  pc?.close();
  update({ blocked: false });
}

/** Leaving the room (or the page): nothing of the audio leg survives. */
function teardown() {
  generation += 1;
  clearTimeout(leg.retryTimer);
  closePeer();
  leg.roomId = null;
  leg.retries = 0;
  leg.connectedOnce = false;
  update({ status: 'idle' });
}

// ---- for tests and debugging (window.__parleyAudio) -----------------------------------------------

function state() {
  return {
    connectionState: leg.pc ? leg.pc.connectionState : 'closed',
    receivingTracks: leg.players.filter((p) => p.track.readyState === 'live').length,
    micLive: !!micTrack() && micTrack().readyState === 'live' && micTrack().enabled,
    negotiations: leg.negotiations,
    status: audio.status,
    blocked: audio.blocked,
  };
}

function receivedStreams() {
  return leg.players.map((p) => p.element.srcObject).filter(Boolean);
}

/** [{kind: 'floor' | 'interpretation', stream, volume}]: each receive slot as it plays. */
function receivedTracks() {
  return leg.players.filter((p) => p.element.srcObject)
    .map((p) => ({ kind: p.kind, stream: p.element.srcObject, volume: p.element.volume }));
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
