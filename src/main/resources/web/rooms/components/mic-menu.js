// The microphone area shown to members on stage (audio/microphone.js): the picker of the browser's audio
// inputs (labels are known once the microphone is allowed; picking one replaces the track on the
// same sender), or, when the microphone was refused or is missing, why I stay muted and a retry.
import { h, uid } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { button, withBusy } from '../../core/ui/buttons.js';
import { inputDevices, useInput, onMicChange, micProblem, ensureMic } from '../audio/microphone.js';

/** Returns {element, update(onStage), explain(), stop()}. Hidden off stage and until the microphone runs or fails. */
export function micMenu() {
  const id = uid('mic');
  const select = h('select', { id, class: 'input mic-select', 'data-testid': 'mic-select' });
  const picker = h('div', { class: 'mic-menu', 'data-testid': 'mic-menu', hidden: true },
    h('label', { for: id, class: 'mic-menu-label' }, t('audio.microphone')), select);
  const why = h('p', { class: 'mic-problem-text' });
  const retry = button(t('audio.micRetry'), { class: 'btn btn-sm', 'data-testid': 'mic-retry' });
  // role=alert: the reason appears after the browser's own prompt, and matters before unmuting.
  const trouble = h('div', { class: 'mic-problem', role: 'alert', 'data-testid': 'mic-problem', hidden: true }, why, retry);
  const element = h('div', {}, picker, trouble);
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
    element,
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
