// Settings' "Notifications" card: push on this device (asked for only on the reader's click), a
// channel for each kind (in the app, also pushed, or off — every kind the server lists, so new ones
// appear by themselves), and quiet hours. Each change is saved at once.
import { h, uid } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { getNotificationSettings, updateNotificationSettings } from '../core/api.js';
import { formAlert } from '../core/ui/forms.js';
import { button, setButtonLabel, withBusy } from '../core/ui/buttons.js';
import { errorMessage } from '../core/ui/errors.js';
import { pushState, enablePush, disablePush, confirmPush } from './push.js';

const CHANNELS = ['in_app', 'push', 'off'];

export function notificationsCard() {
  const alert = formAlert('notification-settings-error');
  const saved = h('p', { class: 'hint notification-saved', role: 'status', 'data-testid': 'notification-settings-saved' });
  const kinds = h('div', { class: 'notification-kinds', 'data-testid': 'notification-kinds' });
  const quiet = h('div', { class: 'quiet-hours', 'data-testid': 'quiet-hours' });
  const device = pushDevice(alert);
  const card = h('section', { class: 'card', 'data-testid': 'notification-settings' },
    h('h2', { class: 'card-title' }, t('notifications.settings.title')),
    h('p', { class: 'section-sub' }, t('notifications.settings.explain')),
    alert.element, device.element,
    h('h3', { class: 'card-subtitle' }, t('notifications.settings.kindsTitle')), kinds,
    h('h3', { class: 'card-subtitle' }, t('notifications.settings.quietTitle')), quiet, saved);

  async function save(change) {
    alert.clear();
    saved.textContent = '';
    try {
      draw(await updateNotificationSettings(change));
      saved.textContent = t('notifications.settings.saved');
    } catch (error) {
      if (error.name !== 'AbortError') alert.show(errorMessage(error));
    }
  }

  function draw(settings) {
    kinds.replaceChildren(...settings.kinds.map((setting) => kindRow(setting, (channel) => save({ kinds: { [setting.kind]: channel } }))));
    quiet.replaceChildren(...quietHours(settings.quietHours, save));
  }

  getNotificationSettings().then(draw, (error) => alert.show(errorMessage(error)));
  return card;
}

function kindRow({ kind, channel }, onChange) {
  const id = uid(`kind-${kind}`);
  const select = h('select', { id, class: 'input select', 'data-testid': `channel-${kind}` },
    CHANNELS.map((c) => h('option', { value: c, selected: c === channel }, t(`notifications.settings.channel.${c}`))));
  select.addEventListener('change', () => onChange(select.value));
  return h('div', { class: 'notification-kind' },
    h('label', { for: id }, t(`notifications.settings.kind.${kind}`)), select);
}

/** The checkbox, and when it is on, the two times; the window is in the reader's own time zone. */
function quietHours(current, save) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const startId = uid('quiet-start');
  const endId = uid('quiet-end');
  const hintId = uid('quiet-hint');
  const on = h('input', { type: 'checkbox', checked: Boolean(current), 'data-testid': 'quiet-enabled', 'aria-describedby': hintId });
  const start = h('input', { type: 'time', id: startId, class: 'input', value: current?.start || '22:00', 'data-testid': 'quiet-start' });
  const end = h('input', { type: 'time', id: endId, class: 'input', value: current?.end || '07:00', 'data-testid': 'quiet-end' });
  const times = h('div', { class: 'quiet-times', hidden: !current },
    h('div', { class: 'quiet-time' }, h('label', { for: startId }, t('notifications.settings.quietFrom')), start),
    h('div', { class: 'quiet-time' }, h('label', { for: endId }, t('notifications.settings.quietTo')), end));
  const window = () => ({ start: start.value, end: end.value, timeZone: zone });
  on.addEventListener('change', () => save({ quietHours: on.checked ? window() : null }));
  for (const input of [start, end]) {
    input.addEventListener('change', () => {
      if (on.checked && start.value && end.value) save({ quietHours: window() });
    });
  }
  return [
    h('label', { class: 'check-row' }, on, h('span', {}, t('notifications.settings.quietEnable'))),
    times,
    h('p', { class: 'hint', id: hintId }, t('notifications.settings.quietHint', { zone: current?.timeZone || zone }))];
}

/** "Push on this device": its state in words, and the one button that changes it. */
function pushDevice(alert) {
  const status = h('p', { class: 'push-status', 'data-testid': 'push-status' });
  const action = button('', { class: 'btn', 'data-testid': 'push-toggle' });
  const element = h('div', { class: 'push-device' },
    h('h3', { class: 'card-subtitle' }, t('notifications.settings.pushTitle')), status, action);
  let state = 'unsupported';

  function show(next) {
    state = next;
    element.dataset.state = state;
    status.textContent = t(`notifications.settings.push.${state}`);
    action.hidden = state === 'unsupported' || state === 'blocked';
    setButtonLabel(action, t(state === 'on' ? 'notifications.settings.pushDisable' : 'notifications.settings.pushEnable'));
    action.classList.toggle('btn-primary', state !== 'on');
  }

  action.addEventListener('click', async () => {
    alert.clear();
    try {
      show(await withBusy(action, () => (state === 'on' ? disablePush() : enablePush())));
    } catch (error) {
      alert.show(error.status ? errorMessage(error) : t('notifications.settings.pushFailed'));
      show(await pushState().catch(() => 'off'));
    }
  });
  show('unsupported');
  pushState().then((s) => {
    show(s);
    if (s === 'on') confirmPush().catch(() => {});
  }, () => show('unsupported'));
  return { element };
}
