// "/events/new" and "/events/{id}/edit": scheduling an event, or a host changing one. The date and
// time are read in the reader's own time zone (named under them) and sent as an instant.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { createEvent, getEvent, updateEvent, request } from '../core/api.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { field, formAlert, showProblem } from '../core/ui/forms.js';
import { backLink, pageHeading } from '../core/ui/page.js';
import { requireMe } from '../core/auth.js';
import { checkRoomTitle } from '../core/rules.js';
import { languageSelect } from '../rooms/languages.js';
import { formatLength, localParts, toInstant, zoneName } from './when.js';
import { showNotFound } from './event-page.js';

const TYPES = ['open', 'social', 'closed'];
const LENGTHS = [15, 30, 45, 60, 90, 120, 180, 240, 360, 480];
const TITLE_MAX = 120;
const DESCRIPTION_MAX = 2000;

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const editing = ctx.params.id ? await load(ctx) : null;
  if (ctx.params.id && !editing) return;
  const heading = t(editing ? 'events.form.editTitle' : 'events.form.newTitle');
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  tomorrow.setHours(18, 0, 0, 0);
  const start = localParts(editing ? editing.startsAt : tomorrow.toISOString());

  const title = field({ name: 'title', label: t('events.form.title'), hint: t('events.form.titleHint'), counter: TITLE_MAX,
    autocomplete: 'off', maxlength: 400, required: true, value: editing?.title || '' });
  const description = field({ name: 'description', label: t('events.form.description'), hint: t('events.form.descriptionHint'),
    counter: DESCRIPTION_MAX, multiline: true, rows: 4, maxlength: 4000, value: editing?.description || '' });
  const date = field({ name: 'date', type: 'date', label: t('events.form.date'), required: true, value: start.date });
  const time = field({ name: 'time', type: 'time', label: t('events.form.time'), required: true, value: start.time, step: 300 });
  const zone = h('p', { class: 'hint', 'data-testid': 'event-form-zone' }, t('events.zone', { zone: zoneName() }));
  const whenError = h('p', { class: 'field-error', 'data-testid': 'error-startsAt', hidden: true });
  const length = h('select', { id: 'event-length', name: 'lengthMinutes', class: 'input', 'data-testid': 'event-length' },
    [...new Set([...LENGTHS, editing?.lengthMinutes || 60])].sort((a, b) => a - b).map((m) =>
      h('option', { value: String(m), selected: m === (editing?.lengthMinutes || 60) }, formatLength(m))));
  const language = languageSelect({ id: 'event-language', testid: 'event-language', value: editing?.language || undefined });
  const typeError = h('p', { class: 'field-error', 'data-testid': 'error-type', hidden: true });
  const chosen = editing?.type || 'open';
  const typeField = h('fieldset', { class: 'field type-choice' },
    h('legend', {}, t('events.form.type')),
    TYPES.map((type) => h('label', { class: 'choice', 'data-testid': `type-${type}` },
      h('input', { type: 'radio', name: 'type', value: type, checked: type === chosen }),
      h('span', { class: 'choice-text' },
        h('span', { class: 'choice-title' }, t(`room.type.${type}`)),
        h('span', { class: 'choice-hint' }, t(`events.form.type.${type}`))))),
    typeError);
  const cohosts = editing ? null : field({ name: 'cohosts', label: t('events.form.cohosts'), hint: t('events.form.cohostsHint'),
    autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: 200 });
  const alert = formAlert('event-form-error');
  const submit = button(t(editing ? 'events.form.save' : 'events.form.submit'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'event-form-submit' });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'event-form' },
    alert.element, title.element, description.element,
    h('div', { class: 'when-row' }, date.element, time.element), zone, whenError,
    h('div', { class: 'field' }, h('label', { for: 'event-length' }, t('events.form.length')), length),
    h('div', { class: 'field' }, h('label', { for: 'event-language' }, t('events.form.language')), language),
    typeField, cohosts?.element,
    h('div', { class: 'form-actions start' }, submit));

  const setWhenError = (message) => {
    whenError.hidden = !message;
    whenError.textContent = message || '';
  };
  const fields = {
    title, description, cohosts,
    startsAt: { setError: setWhenError, input: date.input },
    type: { setError: (m) => { typeError.hidden = !m; typeError.textContent = m || ''; }, input: typeField.querySelector('input') },
  };
  if (!cohosts) delete fields.cohosts;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    setWhenError(null);
    const problem = checkRoomTitle(title.input.value);
    if (problem) {
      title.setError(t(`room.titleError.${problem}`));
      title.input.focus();
      return;
    }
    const startsAt = toInstant(date.input.value, time.input.value);
    if (!startsAt) {
      setWhenError(t('events.form.missingWhen'));
      date.input.focus();
      return;
    }
    const body = {
      title: title.input.value.trim(), description: description.input.value.trim(), startsAt,
      lengthMinutes: Number(length.value), language: language.value, type: form.querySelector('input[name="type"]:checked').value,
    };
    if (cohosts && cohosts.input.value.trim()) {
      body.cohosts = cohosts.input.value.split(/[\s,]+/).map((name) => name.replace(/^@/, '')).filter(Boolean);
    }
    try {
      const saved = await withBusy(submit, async () => {
        const event = await (editing ? updateEvent(editing.id, body) : createEvent(body));
        // Scheduled from a club's page (/events/new?club=…): the club lists it too (clubs/api.js).
        const club = editing ? null : new URLSearchParams(location.search).get('club');
        if (club) await request('PUT', `/api/clubs/${encodeURIComponent(club)}/events/${encodeURIComponent(event.id)}`);
        return event;
      });
      ctx.navigate(saved.url, { replace: !!editing });
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, fields, alert);
    }
  });

  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    backLink(editing ? editing.url : '/hallway', editing ? editing.title : t('events.backToHallway')),
    pageHeading(heading),
    h('section', { class: 'card' }, form)));
  ctx.ready(heading);
}

/** The event to edit, when the reader hosts it and it can still change; otherwise a notice. */
async function load(ctx) {
  try {
    const event = await getEvent(ctx.params.id, { signal: ctx.signal });
    if (event.you.host && event.status === 'scheduled') return event;
  } catch (error) {
    if (error.code !== 'event_not_found') throw error;
  }
  showNotFound(ctx);
  return null;
}
