// "/c/new" and "/c/{slug}/edit": founding a club, or an admin editing one. The address (slug) is
// suggested from the name while founding and fixed afterwards; topics are typed comma-separated.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { requireMe } from '../core/auth.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { field, formAlert, showProblem } from '../core/ui/forms.js';
import { backLink, pageHeading } from '../core/ui/page.js';
import { languageOptions } from '../rooms/languages.js';
import { createClub, getClub, updateClub, uploadClubPhoto } from './api.js';
import { errorMessage } from '../core/ui/errors.js';
import { toast } from '../core/ui/toasts.js';
import { clubPhoto } from './photo.js';
import { showNotFound, atLeast } from './club-page.js';

const POLICIES = ['open', 'approval', 'invitation'];
const NAME_MAX = 60;
const TEXT_MAX = 2000;

/** A slug from a name: lower-case letters and digits, single hyphens, at most 40 characters. */
export function slugOf(name) {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
}

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;
  let editing = null;
  if (ctx.params.slug) {
    try {
      editing = await getClub(ctx.params.slug, { signal: ctx.signal });
    } catch (error) {
      if (error.code !== 'club_not_found') throw error;
    }
    if (!editing || !atLeast(editing, 'admin')) {
      showNotFound(ctx);
      return;
    }
  }
  const heading = t(editing ? 'clubs.form.editTitle' : 'clubs.form.newTitle');
  const name = field({ name: 'name', label: t('clubs.form.name'), counter: NAME_MAX, maxlength: 200, required: true,
    autocomplete: 'off', value: editing?.name || '' });
  const slug = editing ? null : field({ name: 'slug', label: t('clubs.form.slug'), hint: t('clubs.form.slugHint'),
    maxlength: 40, required: true, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  let slugTouched = false;
  if (slug) {
    slug.input.addEventListener('input', () => { slugTouched = true; });
    name.input.addEventListener('input', () => { if (!slugTouched) slug.input.value = slugOf(name.input.value); });
  }
  const description = field({ name: 'description', label: t('clubs.form.description'), counter: TEXT_MAX, multiline: true,
    rows: 4, maxlength: 4000, value: editing?.description || '' });
  const rules = field({ name: 'rules', label: t('clubs.form.rules'), hint: t('clubs.form.rulesHint'), counter: TEXT_MAX,
    multiline: true, rows: 3, maxlength: 4000, value: editing?.rules || '' });
  const topics = field({ name: 'topics', label: t('clubs.form.topics'), hint: t('clubs.form.topicsHint'), maxlength: 200,
    autocomplete: 'off', value: (editing?.topics || []).join(', ') });
  const chosen = new Set(editing?.languages || []);
  const languageError = h('p', { class: 'field-error', 'data-testid': 'error-languages', hidden: true });
  const languages = h('fieldset', { class: 'field club-languages' },
    h('legend', {}, t('clubs.form.languages')),
    h('div', { class: 'club-language-grid' }, languageOptions([...chosen]).map(([code, label]) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'languages', value: code, checked: chosen.has(code) }), h('span', {}, label)))),
    languageError);
  const policyError = h('p', { class: 'field-error', 'data-testid': 'error-joinPolicy', hidden: true });
  const policy = editing?.joinPolicy || 'open';
  const policyField = h('fieldset', { class: 'field type-choice' },
    h('legend', {}, t('clubs.form.policy')),
    POLICIES.map((p) => h('label', { class: 'choice', 'data-testid': `club-policy-${p}` },
      h('input', { type: 'radio', name: 'joinPolicy', value: p, checked: p === policy }),
      h('span', { class: 'choice-text' },
        h('span', { class: 'choice-title' }, t(`clubs.policy.${p}`)),
        h('span', { class: 'choice-hint' }, t(`clubs.policy.${p}.hint`))))),
    policyError);
  const alert = formAlert('club-form-error');
  const submit = button(t(editing ? 'clubs.form.save' : 'clubs.form.submit'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'club-form-submit' });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'club-form' },
    alert.element, editing ? photoField(editing) : null, name.element, slug?.element, description.element, rules.element, topics.element, languages, policyField,
    h('div', { class: 'form-actions start' }, submit));
  const setter = (el, fieldset) => ({ setError: (m) => { el.hidden = !m; el.textContent = m || ''; }, input: fieldset.querySelector('input') });
  const fields = { name, description, rules, topics, languages: setter(languageError, languages), joinPolicy: setter(policyError, policyField) };
  if (slug) fields.slug = slug;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    const body = {
      name: name.input.value.trim(), description: description.input.value.trim(), rules: rules.input.value.trim(),
      topics: topics.input.value.split(',').map((s) => s.trim()).filter(Boolean),
      languages: [...form.querySelectorAll('input[name="languages"]:checked')].map((i) => i.value),
      joinPolicy: form.querySelector('input[name="joinPolicy"]:checked').value,
    };
    if (slug) body.slug = slug.input.value.trim();
    try {
      const saved = await withBusy(submit, () => (editing ? updateClub(editing.id, body) : createClub(body)));
      ctx.navigate(saved.url, { replace: !!editing });
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, fields, alert);
    }
  });
  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    backLink(editing ? editing.url : '/clubs', editing ? editing.name : t('clubs.mine.title')),
    pageHeading(heading),
    h('section', { class: 'card' }, form)));
  ctx.ready(heading);
}

/** The club's photo, changed at once when a file is picked (admins, while editing). */
function photoField(club) {
  const preview = h('span', { class: 'club-photo-preview' }, clubPhoto(club, 'md'));
  const status = h('p', { class: 'hint', role: 'status', 'data-testid': 'club-photo-status' }, t('clubs.form.photoHint'));
  const input = h('input', { type: 'file', id: 'club-photo', accept: 'image/jpeg,image/png,image/webp', class: 'input',
    'data-testid': 'club-photo-input', 'aria-describedby': 'club-photo-status' });
  status.id = 'club-photo-status';
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    input.disabled = true;
    status.textContent = '…';
    try {
      const next = await uploadClubPhoto(club.id, file);
      preview.replaceChildren(clubPhoto(next, 'md'));
      status.textContent = t('clubs.form.photoHint');
      toast(t('clubs.form.photoSaved'));
    } catch (error) {
      status.textContent = errorMessage(error);
    } finally {
      input.disabled = false;
    }
  });
  return h('div', { class: 'field club-photo-field' },
    h('label', { for: 'club-photo' }, t('clubs.form.photo')), h('div', { class: 'club-photo-row' }, preview, input), status);
}
