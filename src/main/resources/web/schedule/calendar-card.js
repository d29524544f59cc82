// Settings: the private calendar feed. A member makes a secret link for their calendar app, sees it
// once (only its hash is kept), and can reset it (the old one stops working) or turn it off — both
// after a confirmation, like the client's other destructive actions.
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { getCalendarFeedStatus, resetCalendarFeed, revokeCalendarFeed } from '../core/api.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { confirmDialog } from '../core/ui/dialogs.js';
import { errorMessage } from '../core/ui/errors.js';
import { formatDate } from '../core/format.js';
import { toast } from '../core/ui/toasts.js';

export function calendarCard() {
  const status = h('p', { class: 'section-sub', 'data-testid': 'calendar-status' });
  const alert = h('p', { class: 'alert', role: 'alert', hidden: true });
  const linkSlot = h('div', {});
  const create = button(t('events.calendar.create'), { class: 'btn btn-primary', 'data-testid': 'calendar-create' });
  const reset = button(t('events.calendar.reset'), { class: 'btn', 'data-testid': 'calendar-reset' });
  const off = button(t('events.calendar.off'), { class: 'btn btn-danger-text', 'data-testid': 'calendar-off' });
  const actions = h('div', { class: 'form-actions start' }, create, reset, off);

  const show = ({ active, createdAt }) => {
    status.textContent = active ? t('events.calendar.active', { date: formatDate(createdAt) }) : t('events.calendar.none');
    create.hidden = active;
    reset.hidden = !active;
    off.hidden = !active;
  };
  const fail = (error) => {
    alert.textContent = errorMessage(error);
    alert.hidden = false;
  };
  const makeLink = async (btn) => {
    const made = await withBusy(btn, () => resetCalendarFeed());
    show({ active: true, createdAt: made.createdAt });
    const input = h('input', { class: 'input', readOnly: true, value: made.url, id: 'calendar-url', 'data-testid': 'calendar-url' });
    const copy = button(t('events.calendar.copy'), { class: 'btn', 'data-testid': 'calendar-copy' });
    copy.prepend(icon('copy'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(made.url);
        toast(t('events.calendar.copied'));
      } catch {
        input.select();
      }
    });
    linkSlot.replaceChildren(h('div', { class: 'field' },
      h('label', { for: 'calendar-url' }, t('events.calendar.link')),
      h('div', { class: 'calendar-link' }, input, copy),
      h('p', { class: 'hint' }, t('events.calendar.copyNow'))));
    input.focus();
    input.select();
  };
  create.addEventListener('click', () => makeLink(create).catch(fail));
  reset.addEventListener('click', async () => {
    const yes = await confirmDialog({ title: t('events.calendar.resetConfirm.title'), body: t('events.calendar.resetConfirm.body'),
      confirm: t('events.calendar.reset'), danger: true, testid: 'confirm-calendar-reset' });
    if (yes) makeLink(reset).catch(fail);
  });
  off.addEventListener('click', async () => {
    const yes = await confirmDialog({ title: t('events.calendar.offConfirm.title'), body: t('events.calendar.offConfirm.body'),
      confirm: t('events.calendar.off'), danger: true, testid: 'confirm-calendar-off' });
    if (!yes) return;
    try {
      await withBusy(off, () => revokeCalendarFeed());
      linkSlot.replaceChildren();
      show({ active: false });
    } catch (error) {
      fail(error);
    }
  });
  show({ active: false });
  getCalendarFeedStatus().then(show).catch(fail);
  return h('section', { class: 'card', 'data-testid': 'calendar-settings' },
    h('h2', { class: 'card-title' }, t('events.calendar.title')),
    h('p', { class: 'section-sub' }, t('events.calendar.explain')),
    status, alert, linkSlot, actions);
}
