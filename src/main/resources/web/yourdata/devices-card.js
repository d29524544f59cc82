// Settings → "Signed-in devices" (listSessions): each device's browser and system, when it signed in
// and was last used, the network when the operator keeps it; "Log out" per device and "Log out
// everywhere else". The server ends a session at once: its page is sent to log in, its socket closed.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { listSessions, endSession, endOtherSessions } from '../core/api.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { formAlert } from '../core/ui/forms.js';
import { errorMessage } from '../core/ui/errors.js';
import { formatDate, formatRelative } from '../core/format.js';
import { toast } from '../core/ui/toasts.js';

const label = (value) => (!value || value === 'unknown' ? t('devices.unknown') : value);

export function devicesCard() {
  const list = h('ul', { class: 'device-list', 'data-testid': 'devices' });
  const alert = formAlert('devices-error');
  const others = button(t('devices.logOutOthers'), { class: 'btn', 'data-testid': 'devices-log-out-others' });
  const only = h('p', { class: 'section-sub', hidden: true, 'data-testid': 'devices-only-this' }, t('devices.onlyThis'));

  async function load() {
    try {
      const { sessions } = await listSessions();
      list.replaceChildren(...sessions.map(row));
      const alone = sessions.every((s) => s.current);
      others.hidden = alone;
      only.hidden = !alone;
    } catch (error) {
      if (error.status !== 401) alert.show(errorMessage(error));
    }
  }

  function row(s) {
    const name = t('devices.device', { browser: label(s.browser), os: label(s.os) });
    const facts = [t('devices.signedIn', { date: formatDate(s.signedInAt) }),
      t('devices.lastUsed', { when: formatRelative(s.lastUsedAt) })];
    if (s.network) facts.push(t('devices.network', { network: s.network }));
    const end = s.current ? h('span', { class: 'badge badge-you' }, t('devices.thisDevice'))
      : button(t('devices.logOut'), { class: 'btn btn-sm', 'data-testid': 'device-log-out',
        'aria-label': t('devices.logOutNamed', { device: name }) });
    if (!s.current) {
      end.addEventListener('click', async () => {
        alert.clear();
        try {
          await withBusy(end, () => endSession(s.id));
          toast(t('devices.ended'));
        } catch (error) {
          if (error.code !== 'session_not_found') alert.show(errorMessage(error));
        }
        await load();
      });
    }
    return h('li', { class: 'device-row', 'data-testid': 'device', 'data-current': String(s.current) },
      h('div', { class: 'device-text' },
        h('span', { class: 'device-name' }, name),
        h('span', { class: 'device-facts' }, facts.join(' · '))),
      end);
  }

  others.addEventListener('click', async () => {
    alert.clear();
    try {
      const { ended } = await withBusy(others, () => endOtherSessions());
      toast(t('devices.endedOthers', { count: ended }));
    } catch (error) {
      alert.show(errorMessage(error));
    }
    await load();
  });

  load();
  return h('section', { class: 'card', 'data-testid': 'devices-card' },
    h('h2', { class: 'card-title' }, t('devices.title')),
    h('p', { class: 'section-sub' }, t('devices.explain')),
    alert.element, list, only,
    h('div', { class: 'form-actions start' }, others));
}
