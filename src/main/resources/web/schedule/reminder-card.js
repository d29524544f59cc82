// Settings: how long before an event starts its reminder comes — for the events the member hosts or
// asked to be notified about, those already on their list included. Saved at once, like the
// notification settings beside it.
import { h, uid } from '../core/dom.js';
import { t, currentFormatLocale } from '../core/i18n.js';
import { getReminderLead, updateReminderLead } from '../core/api.js';
import { formAlert } from '../core/ui/forms.js';
import { errorMessage } from '../core/ui/errors.js';

/** "5 minutes before", "1 hour before", "1 day before", in the reader's language. */
export function leadLabel(minutes) {
  const [unit, value] = minutes % 1440 === 0 ? ['day', minutes / 1440]
    : minutes % 60 === 0 ? ['hour', minutes / 60] : ['minute', minutes];
  const duration = new Intl.NumberFormat(currentFormatLocale(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  return t('events.reminder.before', { duration });
}

export function reminderCard() {
  const id = uid('reminder-lead');
  const alert = formAlert('reminder-lead-error');
  const saved = h('p', { class: 'hint reminder-saved', role: 'status', 'data-testid': 'reminder-lead-saved' });
  const select = h('select', { id, class: 'input select', 'data-testid': 'reminder-lead', disabled: true });
  const draw = ({ leadMinutes, choices }) => {
    select.replaceChildren(...choices.map((m) => h('option', { value: String(m), selected: m === leadMinutes }, leadLabel(m))));
    select.disabled = false;
  };
  select.addEventListener('change', async () => {
    alert.clear();
    saved.textContent = '';
    select.disabled = true;
    try {
      draw(await updateReminderLead(Number(select.value)));
      saved.textContent = t('events.reminder.saved');
    } catch (error) {
      select.disabled = false;
      if (error.name !== 'AbortError') alert.show(errorMessage(error));
    }
  });
  getReminderLead().then(draw, (error) => alert.show(errorMessage(error)));
  return h('section', { class: 'card', 'data-testid': 'reminder-settings' },
    h('h2', { class: 'card-title' }, t('events.reminder.title')),
    h('p', { class: 'section-sub' }, t('events.reminder.explain')),
    alert.element,
    h('div', { class: 'field reminder-lead' }, h('label', { for: id }, t('events.reminder.label')), select),
    saved);
}
