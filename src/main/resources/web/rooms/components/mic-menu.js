// The microphone menu, joined to the Mute button in the room bar (room-bar.js) as one control: a
// chevron that opens the list of the browser's audio inputs. It is a native <select> drawn as the
// chevron, so phones open their own picker and keyboards and screen readers get a labelled list;
// labels are known once the microphone is allowed, and picking one replaces the track on the same
// sender (audio/microphone.js). When the microphone was refused or is missing, `trouble` (shown right
// above the bar) says why I stay muted, with a retry.
import { h, icon } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { button, withBusy } from '../../core/ui/buttons.js';
import { inputDevices, useInput, onMicChange, micProblem, ensureMic } from '../audio/microphone.js';

/**
 * Returns {picker, trouble, update(onStage), explain(), stop()}. The picker is hidden off stage and
 * until the microphone runs.
 */
export function micMenu() {
  const select = h('select', { class: 'mic-select', 'data-testid': 'mic-select', 'aria-label': t('audio.chooseMic'), title: t('audio.chooseMic') });
  const picker = h('span', { class: 'mic-menu', 'data-testid': 'mic-menu', hidden: true },
    select, h('span', { class: 'mic-chevron', 'aria-hidden': 'true' }, icon('chevronDown', 18)));
  const why = h('p', { class: 'mic-problem-text' });
  const retry = button(t('audio.micRetry'), { class: 'btn btn-sm', 'data-testid': 'mic-retry' });
  // role=alert: the reason appears after the browser's own prompt, and matters before unmuting.
  const trouble = h('div', { class: 'mic-problem', role: 'alert', 'data-testid': 'mic-problem', hidden: true }, why, retry);
  let onStage = false;

  async function refresh() {
    const reason = onStage ? micProblem() : null;
    trouble.hidden = !reason;
    trouble.dataset.problem = reason || '';
    why.textContent = reason ? t(reason === 'missing' ? 'audio.micMissing' : 'audio.micRefused') : '';
    if (!onStage || reason) {
      picker.hidden = true;
      return;
    }
    const { inputs, current } = await inputDevices();
    select.replaceChildren(...inputs.map((d, i) => h('option', { value: d.deviceId, selected: d.deviceId === current },
      d.label || t('audio.inputNumber', { number: i + 1 }))));
    picker.hidden = !onStage || !current || inputs.length === 0;
  }

  select.addEventListener('change', async () => {
    select.disabled = true;
    try {
      await useInput(select.value); // a failure shows as micProblem() through onMicChange
    } finally {
      select.disabled = false;
    }
  });
  retry.addEventListener('click', () => withBusy(retry, () => ensureMic()));
  const offMic = onMicChange(() => refresh().catch(() => {}));
  navigator.mediaDevices?.addEventListener('devicechange', refresh);

  return {
    picker,
    trouble,
    update(nowOnStage) {
      if (nowOnStage === onStage) return;
      onStage = nowOnStage;
      refresh().catch(() => {});
    },
    /** After a refused unmute: the reason is already on screen; take the reader to its retry. */
    explain() {
      if (!trouble.hidden) retry.focus();
    },
    stop() {
      offMic();
      navigator.mediaDevices?.removeEventListener('devicechange', refresh);
    },
  };
}
