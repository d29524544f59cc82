// The microphone picker shown to members on stage: the browser's audio inputs (labels are known
// once the microphone is allowed). Picking one replaces the track on the same sender (audio.js).
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { toast } from '../ui.js';
import { inputDevices, useInput, onMicChange } from '../audio.js';

/** Returns {element, update(onStage), stop()}. Hidden off stage and until the microphone runs. */
export function micMenu() {
  const id = uid('mic');
  const select = h('select', { id, class: 'input mic-select', 'data-testid': 'mic-select' });
  const element = h('div', { class: 'mic-menu', 'data-testid': 'mic-menu', hidden: true },
    h('label', { for: id, class: 'mic-menu-label' }, t('audio.microphone')), select);
  let onStage = false;

  async function refresh() {
    if (!onStage) {
      element.hidden = true;
      return;
    }
    const { inputs, current } = await inputDevices();
    select.replaceChildren(...inputs.map((d, i) => h('option', { value: d.deviceId, selected: d.deviceId === current },
      d.label || t('audio.inputNumber', { number: i + 1 }))));
    element.hidden = !onStage || !current || inputs.length === 0;
  }

  select.addEventListener('change', async () => {
    select.disabled = true;
    try {
      await useInput(select.value);
    } catch (error) {
      toast(t('audio.micRefused'), { kind: 'error' });
    } finally {
      select.disabled = false;
    }
  });
  const offMic = onMicChange(() => refresh().catch(() => {}));
  navigator.mediaDevices?.addEventListener('devicechange', refresh);

  return {
    element,
    update(nowOnStage) {
      if (nowOnStage === onStage) return;
      onStage = nowOnStage;
      refresh().catch(() => {});
    },
    stop() {
      offMic();
      navigator.mediaDevices?.removeEventListener('devicechange', refresh);
    },
  };
}
