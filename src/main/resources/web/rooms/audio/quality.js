// Is the room's sound breaking up? From the audio leg's RTCPeerConnection stats: over each
// SAMPLE_MS, the packets lost and the samples the decoder had to invent (concealment) on the received
// tracks. The SFU forwards the loudest speakers through three fixed receive slots and rewrites their
// SSRCs (docs/media.md), and no message says which speaker a slot carries at a given moment, so the
// stats cannot be pinned on one speaker: the verdict is about this listener's connection, and the page
// shows it on the tiles of whoever is speaking (those are the voices breaking up) and says why.

/** How often the stats are read. */
const SAMPLE_MS = 2000;
/** Poor above 5 % of packets lost, or 10 % of the audio concealed, in the last sample. */
const LOSS_POOR = 0.05;
const CONCEALED_POOR = 0.1;
/** A sample with fewer packets than this says nothing (silence: speakers send little or nothing). */
const MIN_PACKETS = 20;

/**
 * Watches `peer()` (the current RTCPeerConnection or null) and calls onChange('good' | 'poor') when
 * the verdict changes. Returns the stop function.
 */
export function watchQuality(peer, onChange) {
  let last = null;
  let verdict = 'good';
  const timer = setInterval(async () => {
    const pc = peer();
    if (!pc || pc.connectionState !== 'connected') {
      last = null;
      return;
    }
    const now = await totals(pc).catch(() => null);
    if (!now) return;
    const before = last && last.pc === pc ? last : null;
    last = { ...now, pc };
    if (!before) return;
    const received = now.received - before.received;
    const lost = Math.max(0, now.lost - before.lost);
    const samples = now.samples - before.samples;
    const concealed = Math.max(0, now.concealed - before.concealed);
    if (received + lost < MIN_PACKETS) return;
    const poor = lost / (received + lost) > LOSS_POOR || (samples > 0 && concealed / samples > CONCEALED_POOR);
    const next = poor ? 'poor' : 'good';
    if (next !== verdict) {
      verdict = next;
      onChange(verdict);
    }
  }, SAMPLE_MS);
  return () => clearInterval(timer);
}

async function totals(pc) {
  const report = await pc.getStats();
  const sum = { received: 0, lost: 0, samples: 0, concealed: 0 };
  report.forEach((s) => {
    if (s.type !== 'inbound-rtp' || s.kind !== 'audio') return;
    sum.received += s.packetsReceived || 0;
    sum.lost += s.packetsLost || 0;
    sum.samples += s.totalSamplesReceived || 0;
    sum.concealed += s.concealedSamples || 0;
  });
  return sum;
}
