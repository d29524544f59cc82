// The "Start a room" dialog: a title, an optional description, the language spoken, who may come in (open / social / closed), and for a closed
// room the members, picked from the people the reader follows. Creates it and goes in.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { createRoom, listFollowing } from '../core/api.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { field, formAlert, showProblem } from '../core/ui/forms.js';
import { avatar } from '../core/ui/members.js';
import { skeletonLines } from '../core/ui/skeletons.js';
import { errorMessage } from '../core/ui/errors.js';
import { openDialog } from '../core/ui/dialogs.js';
import { LIMITS, checkRoomTitle, checkRoomDescription } from '../core/rules.js';
import { languageSelect } from './languages.js';

const TYPES = ['open', 'social', 'closed'];

export function openStartRoom({ me, navigate }) {
  const title = field({
    name: 'title', label: t('startRoom.title'), counter: LIMITS.roomTitleMax, hint: t('startRoom.titleHint'),
    autocomplete: 'off', maxlength: 400, required: true,
  });
  const description = field({
    name: 'description', label: t('startRoom.description'), counter: LIMITS.roomDescriptionMax,
    hint: t('startRoom.descriptionHint'), autocomplete: 'off', maxlength: 1000,
  });
  const language = languageSelect({ id: 'start-room-language', testid: 'start-room-language' });
  const languageField = h('div', { class: 'field' },
    h('label', { for: 'start-room-language' }, t('startRoom.language')), language,
    h('p', { class: 'hint' }, t('startRoom.languageHint')));
  const typeError = h('p', { class: 'field-error', 'data-testid': 'error-type', hidden: true });
  const typeField = h('fieldset', { class: 'field type-choice' },
    h('legend', {}, t('startRoom.type')),
    TYPES.map((type) => h('label', { class: 'choice', 'data-testid': `type-${type}` },
      h('input', { type: 'radio', name: 'type', value: type, checked: type === 'open' }),
      h('span', { class: 'choice-text' },
        h('span', { class: 'choice-title' }, t(`room.type.${type}`)),
        h('span', { class: 'choice-hint' }, t(`startRoom.type.${type}`))))),
    typeError);
  const picker = memberPicker(me);
  const alert = formAlert('start-room-error');
  const submit = button(t('startRoom.submit'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'start-room-submit' });
  const cancel = button(t('common.cancel'), { class: 'btn btn-ghost' });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'start-room-form' },
    alert.element, title.element, description.element, languageField, typeField, picker.element, h('div', { class: 'form-actions' }, cancel, submit));
  const d = openDialog({ title: t('startRoom.heading'), content: [form], testid: 'start-room-dialog' });
  cancel.addEventListener('click', d.close);
  title.input.focus();

  const chosenType = () => form.querySelector('input[name="type"]:checked')?.value;
  typeField.addEventListener('change', () => {
    picker.element.hidden = chosenType() !== 'closed';
    if (!picker.element.hidden) picker.load();
  });

  const fields = {
    title,
    description,
    type: { setError: (m) => { typeError.hidden = !m; typeError.textContent = m || ''; }, input: typeField.querySelector('input') },
    members: picker,
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    const problem = checkRoomTitle(title.input.value);
    if (problem) {
      title.setError(t(`room.titleError.${problem}`));
      title.input.focus();
      return;
    }
    if (checkRoomDescription(description.input.value)) {
      description.setError(t('error.field.description.invalid_format'));
      description.input.focus();
      return;
    }
    const type = chosenType();
    const body = { title: title.input.value.trim(), type, language: language.value };
    if (description.input.value.trim()) body.description = description.input.value.trim();
    if (type === 'closed') body.members = picker.selected();
    try {
      const created = await withBusy(submit, () => createRoom(body));
      d.close();
      navigate(`/room/${encodeURIComponent(created.id)}`);
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, fields, alert);
    }
  });
  return d;
}

/** Checkboxes for the people the reader follows (first 100), with a filter once the list is long. */
function memberPicker(me) {
  const list = h('ul', { class: 'pick-list', 'data-testid': 'member-picker' });
  const status = h('div', {});
  const error = h('p', { class: 'field-error', 'data-testid': 'error-members', hidden: true });
  const filter = h('input', { type: 'search', class: 'input', placeholder: t('startRoom.filter'), 'aria-label': t('startRoom.filter'), hidden: true });
  const input = filter;
  const element = h('fieldset', { class: 'field', hidden: true },
    h('legend', {}, t('startRoom.members')),
    h('p', { class: 'hint' }, t('startRoom.membersHint')),
    filter, status, list, error);
  let loaded = false;
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const li of list.children) li.hidden = !!q && !li.dataset.search.includes(q);
  });
  return {
    element,
    input,
    setError(message) {
      error.hidden = !message;
      error.textContent = message || '';
    },
    selected: () => [...list.querySelectorAll('input:checked')].map((c) => c.value),
    async load() {
      if (loaded) return;
      loaded = true;
      status.replaceChildren(...skeletonLines(2));
      try {
        const page = await listFollowing(me.username, { limit: 100, offset: 0 });
        status.replaceChildren();
        if (!page.items.length) status.append(h('p', { class: 'hint' }, t('startRoom.nobodyFollowed')));
        filter.hidden = page.items.length < 8;
        for (const m of page.items) {
          list.append(h('li', { 'data-search': `${m.username} ${m.displayName}`.toLowerCase() },
            h('label', { class: 'pick', 'data-testid': 'pick-member', 'data-username': m.username },
              h('input', { type: 'checkbox', value: m.username }),
              avatar(m, 'sm'),
              h('span', { class: 'member-names' }, h('span', { class: 'member-display' }, m.displayName),
                h('span', { class: 'member-handle' }, `@${m.username}`)))));
        }
      } catch (err) {
        loaded = false;
        status.replaceChildren(h('p', { class: 'alert' }, errorMessage(err)));
      }
    },
  };
}
