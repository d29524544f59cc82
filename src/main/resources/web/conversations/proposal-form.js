// "/proposals/new?to=username": proposing a conversation — to whom, the topic, what exactly is
// proposed (format, languages, who else, for whom; nothing is recorded, and the form says so), one or
// more times in the reader's own zone, a personal note, public or private, and until when it waits.
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { createProposal } from '../core/api.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { field, formAlert, showProblem } from '../core/ui/forms.js';
import { backLink, pageHeading } from '../core/ui/page.js';
import { requireMe } from '../core/auth.js';
import { languageOptions } from '../rooms/languages.js';
import { formatLength, localParts, toInstant, zoneName } from '../schedule/when.js';

const LENGTHS = [15, 30, 45, 60, 90, 120, 180, 240];
const TIMES_MAX = 5;
const DEFAULT_EXPIRY_DAYS = 14;
const MAX_EXPIRY_DAYS = 60;

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  const to = ctx.query.get('to') || '';
  const heading = t('proposals.form.title');
  const recipients = field({ name: 'recipients', label: t('proposals.form.recipients'), hint: t('proposals.form.recipientsHint'),
    autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: 200, required: true, value: to });
  const topic = field({ name: 'topic', label: t('proposals.form.topic'), counter: 120, maxlength: 400, required: true, autocomplete: 'off' });
  const description = field({ name: 'description', label: t('proposals.form.description'), hint: t('proposals.form.descriptionHint'),
    counter: 2000, multiline: true, rows: 4, maxlength: 4000 });
  const format = field({ name: 'format', label: t('proposals.form.format'), hint: t('proposals.form.formatHint'), counter: 200, maxlength: 400 });
  const guests = field({ name: 'guests', label: t('proposals.form.guests'), counter: 300, maxlength: 600 });
  const audience = field({ name: 'audience', label: t('proposals.form.audience'), counter: 200, maxlength: 400 });
  const note = field({ name: 'note', label: t('proposals.form.note'), hint: t('proposals.form.noteHint'), counter: 1000,
    multiline: true, rows: 3, maxlength: 2000 });
  const langs = languageFields();
  const recording = h('p', { class: 'proposal-recording', 'data-testid': 'proposal-recording' }, icon('mic', 16), ' ',
    t('proposals.recording.none'));

  const times = h('ol', { class: 'proposal-time-rows', 'data-testid': 'proposal-time-rows' });
  const timesError = h('p', { class: 'field-error', 'data-testid': 'error-times', hidden: true });
  const addTime = button(t('proposals.form.addTime'), { class: 'btn', 'data-testid': 'proposal-add-time' });
  addTime.prepend(icon('plus', 16));
  const refreshTimes = () => {
    addTime.hidden = times.children.length >= TIMES_MAX;
    [...times.children].forEach((row, i) => {
      row.querySelector('legend').textContent = t('proposals.form.timeN', { n: i + 1 });
      row.querySelector('.proposal-time-remove').hidden = times.children.length === 1;
    });
  };
  const addRow = (offsetDays) => {
    times.append(timeRow(offsetDays, refreshTimes));
    refreshTimes();
  };
  addTime.addEventListener('click', () => {
    addRow(times.children.length + 2);
    times.lastElementChild.querySelector('input').focus();
  });
  addRow(2);

  const visibility = h('fieldset', { class: 'field type-choice' }, h('legend', {}, t('proposals.form.visibility')),
    ['public', 'private'].map((v) => h('label', { class: 'choice', 'data-testid': `visibility-${v}` },
      h('input', { type: 'radio', name: 'visibility', value: v, checked: v === 'public' }),
      h('span', { class: 'choice-text' }, h('span', { class: 'choice-title' }, t(`proposals.visibility.${v}`)),
        h('span', { class: 'choice-hint' }, t(`proposals.form.visibility.${v}`))))));
  const expiryDefault = localParts(new Date(Date.now() + DEFAULT_EXPIRY_DAYS * 86400000).toISOString()).date;
  const expiryMax = localParts(new Date(Date.now() + MAX_EXPIRY_DAYS * 86400000 - 86400000).toISOString()).date;
  const expiry = field({ name: 'expiresAt', type: 'date', label: t('proposals.form.expiry'),
    hint: t('proposals.form.expiryHint', { days: MAX_EXPIRY_DAYS }), value: expiryDefault, max: expiryMax,
    min: localParts(new Date().toISOString()).date });

  const alert = formAlert('proposal-form-error');
  const submit = button(t('proposals.form.submit'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'proposal-submit' });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'proposal-form' },
    alert.element, recipients.element, topic.element,
    h('fieldset', { class: 'proposal-what' }, h('legend', {}, t('proposals.form.what')),
      description.element, format.element, langs.element, guests.element, audience.element, recording),
    h('fieldset', { class: 'proposal-when' }, h('legend', {}, t('proposals.form.when')),
      h('p', { class: 'hint', 'data-testid': 'proposal-zone' }, t('proposals.zone', { zone: zoneName() })),
      times, timesError, addTime),
    note.element, visibility, expiry.element,
    h('div', { class: 'form-actions start' }, submit));

  const setTimesError = (message) => {
    timesError.hidden = !message;
    timesError.textContent = message || '';
  };
  const fields = {
    recipients, topic, description, format, guests, audience, note, expiresAt: expiry,
    languages: { setError: langs.setError, input: langs.first },
    times: { setError: setTimesError, input: times.querySelector('input') },
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    setTimesError(null);
    const chosen = [...times.children].map((row) => ({
      startsAt: toInstant(row.querySelector('input[type=date]').value, row.querySelector('input[type=time]').value),
      lengthMinutes: Number(row.querySelector('select').value),
    }));
    if (chosen.some((c) => !c.startsAt)) {
      setTimesError(t('proposals.form.missingWhen'));
      times.querySelector('input').focus();
      return;
    }
    const body = {
      recipients: recipients.input.value.split(/[\s,]+/).map((name) => name.replace(/^@/, '')).filter(Boolean),
      topic: topic.input.value.trim(), description: description.input.value.trim(), format: format.input.value.trim(),
      languages: langs.values(), guests: guests.input.value.trim(), audience: audience.input.value.trim(),
      note: note.input.value.trim(), times: chosen,
      public: form.querySelector('input[name="visibility"]:checked').value === 'public',
    };
    if (expiry.input.value) body.expiresAt = toInstant(expiry.input.value, '23:59');
    try {
      const made = await withBusy(submit, () => createProposal(body));
      ctx.navigate(made.url);
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, fields, alert);
    }
  });

  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    backLink(to ? `/u/${encodeURIComponent(to)}` : '/proposals', to ? `@${to}` : t('proposals.list.title')),
    pageHeading(heading),
    h('p', { class: 'section-sub' }, t('proposals.form.explain')),
    h('section', { class: 'card' }, form)));
  ctx.ready(heading);
}

/** One proposed time: date, start, length, and a remove button once there are several. */
function timeRow(offsetDays, changed) {
  const day = new Date(Date.now() + offsetDays * 86400000);
  day.setHours(18, 0, 0, 0);
  const parts = localParts(day.toISOString());
  const date = field({ name: 'date', type: 'date', label: t('proposals.form.date'), required: true, value: parts.date, testid: 'proposal-time-date' });
  const time = field({ name: 'time', type: 'time', label: t('proposals.form.time'), required: true, value: parts.time, step: 300, testid: 'proposal-time-start' });
  const lengthId = `len-${Math.random().toString(36).slice(2)}`;
  const length = h('select', { id: lengthId, class: 'input', 'data-testid': 'proposal-time-length' },
    LENGTHS.map((m) => h('option', { value: String(m), selected: m === 60 }, formatLength(m))));
  const remove = button(t('proposals.form.removeTime'), { class: 'btn btn-ghost btn-sm proposal-time-remove', 'data-testid': 'proposal-remove-time' });
  const row = h('li', { class: 'proposal-time-row', 'data-testid': 'proposal-time-row' },
    h('fieldset', {}, h('legend', {}),
      h('div', { class: 'when-row' }, date.element, time.element),
      h('div', { class: 'field' }, h('label', { for: lengthId }, t('proposals.form.length')), length),
      remove));
  remove.addEventListener('click', () => {
    row.remove();
    changed();
  });
  return row;
}

/** The languages it would be held in: a main one and, optionally, a second. */
function languageFields() {
  const make = (id, testid, withNone) => h('select', { id, class: 'input', 'data-testid': testid },
    withNone ? h('option', { value: '' }, t('proposals.form.noSecondLanguage')) : null,
    languageOptions().map(([code, label]) => h('option', { value: code, lang: code, selected: !withNone && code === 'en' }, label)));
  const first = make('proposal-language', 'proposal-language', false);
  const second = make('proposal-language-2', 'proposal-language-2', true);
  const error = h('p', { class: 'field-error', hidden: true });
  const element = h('div', { class: 'when-row' },
    h('div', { class: 'field' }, h('label', { for: 'proposal-language' }, t('proposals.form.language')), first),
    h('div', { class: 'field' }, h('label', { for: 'proposal-language-2' }, t('proposals.form.language2')), second),
    error);
  return {
    element, first,
    values: () => [...new Set([first.value, second.value].filter(Boolean))],
    setError: (m) => { error.hidden = !m; error.textContent = m || ''; },
  };
}
