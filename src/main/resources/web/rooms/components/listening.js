// "Am I hearing anything?": the room page's listening strip, for everyone in the room. It says
// whether the sound is connected and how many people it carries ("Connected · hearing 2 speakers",
// from the server's `speaking` set, at most the three receive slots), shows a small level meter of
// what arrives (audio/levels.js), holds the room's volume (kept per room), and says when the sound is
// breaking up on this connection (audio/quality.js; the tiles of those speaking carry the hint too).
import { h, icon, uid } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { formatNumber } from '../../core/format.js';
import { audioStatus, onAudioChange, currentPeer } from '../audio/audio.js';
import { receivedLevel, roomVolume, setVolume } from '../audio/levels.js';
import { watchQuality } from '../audio/quality.js';

/** The receive slots: nobody hears more speakers at once (docs/protocol.md). */
const SLOTS = 3;
/** The meter's refresh: smooth enough to look alive, cheap enough for a phone. */
const METER_MS = 100;

/**
 * Returns {element, update(speakingIds, meId), stop()}. onQuality(verdict) runs when the connection's
 * sound turns 'poor' or 'good' again, for the tiles.
 */
export function listeningStrip({ roomId, onQuality }) {
  const status = h('span', { class: 'listen-status', 'data-testid': 'listening-status' });
  const fill = h('span', { class: 'level-fill' });
  const meter = h('span', { class: 'level-meter', 'data-testid': 'level-meter', 'data-level': '0', 'aria-hidden': 'true' }, fill);
  const sliderId = uid('volume');
  const slider = h('input', {
    id: sliderId, type: 'range', min: '0', max: '100', step: '5', class: 'volume-slider', 'data-testid': 'volume',
    value: String(Math.round(roomVolume(roomId) * 100)),
  });
  const volume = h('label', { class: 'volume', for: sliderId, title: t('room.listen.volume') },
    icon('volume', 18), h('span', { class: 'visually-hidden' }, t('room.listen.volume')), slider);
  const hint = h('p', { class: 'quality-hint', 'data-testid': 'quality-hint', role: 'status', hidden: true },
    icon('signalWeak', 16), h('span', {}, t('room.listen.breakingUp')));
  const element = h('section', { class: 'listen-strip', 'data-testid': 'listening', 'aria-label': t('room.listen.label') },
    h('div', { class: 'listen-row' }, h('span', { class: 'listen-dot', 'aria-hidden': 'true' }), status, meter, volume), hint);

  let hearing = 0;
  const draw = () => {
    const { status: s } = audioStatus();
    element.dataset.status = s;
    status.dataset.hearing = String(hearing);
    if (s === 'connected') {
      status.textContent = hearing > 0
        ? `${t('room.listen.connected')} · ${t('room.listen.hearing', { count: hearing, number: formatNumber(hearing) })}`
        : `${t('room.listen.connected')} · ${t('room.listen.quiet')}`;
    } else {
      status.textContent = t(s === 'reconnecting' ? 'audio.reconnecting' : 'audio.connecting');
    }
  };
  slider.addEventListener('input', () => setVolume(roomId, Number(slider.value) / 100));
  const meterTimer = setInterval(() => {
    const level = receivedLevel();
    const shown = level.toFixed(2);
    if (meter.dataset.level === shown) return;
    meter.dataset.level = shown;
    fill.style.transform = `scaleX(${level})`;
  }, METER_MS);
  const offAudio = onAudioChange(draw);
  const stopQuality = watchQuality(currentPeer, (verdict) => {
    hint.hidden = verdict !== 'poor';
    element.dataset.quality = verdict;
    onQuality(verdict);
  });
  draw();

  return {
    element,
    /**
     * The people speaking now (the server's set) besides me, as what the receive slots carry: at most
     * three on the floor, and the interpreter of the language I listen in (interpreters of other
     * languages reach other listeners only).
     */
    update(speakingIds, meId, state, language) {
      const others = speakingIds.filter((id) => id !== meId);
      const interpreting = (id) => state?.participants.get(id)?.interpreting;
      const floor = others.filter((id) => !interpreting(id)).length;
      const mine = language ? others.filter((id) => interpreting(id) === language).length : 0;
      const next = Math.min(SLOTS, floor) + Math.min(1, mine);
      if (next === hearing) return;
      hearing = next;
      draw();
    },
    stop() {
      clearInterval(meterTimer);
      offAudio();
      stopQuality();
    },
  };
}
