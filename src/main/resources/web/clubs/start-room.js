// "Start a room" in a club (leaders and above): a title and who may come in — anyone, the club's
// members only, or people the moderators pick. The room shows the club; the leader goes straight in.
import { h, icon } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { field, formAlert, showProblem } from '../core/ui/forms.js';
import { openDialog } from '../core/ui/dialogs.js';
import { LIMITS, checkRoomTitle } from '../core/rules.js';
import { startClubRoom } from './api.js';

const TYPES = ['members', 'open', 'closed'];

export function startRoomForm(club, ctx) {
  const open = button(t('clubs.rooms.start'), { class: 'btn btn-primary', 'data-testid': 'club-start-room', 'aria-haspopup': 'dialog' });
  open.prepend(icon('mic'));
  open.addEventListener('click', () => openForm(club, ctx));
  return h('div', { class: 'form-actions start' }, open);
}

function openForm(club, ctx) {
  const title = field({ name: 'title', label: t('startRoom.title'), counter: LIMITS.roomTitleMax, autocomplete: 'off',
    maxlength: 400, required: true });
  const typeError = h('p', { class: 'field-error', 'data-testid': 'error-type', hidden: true });
  const typeField = h('fieldset', { class: 'field type-choice' },
    h('legend', {}, t('startRoom.type')),
    TYPES.map((type) => h('label', { class: 'choice', 'data-testid': `club-room-type-${type}` },
      h('input', { type: 'radio', name: 'type', value: type, checked: type === 'members' }),
      h('span', { class: 'choice-text' },
        h('span', { class: 'choice-title' }, t(`clubs.roomType.${type}`)),
        h('span', { class: 'choice-hint' }, t(`clubs.roomType.${type}.hint`, { name: club.name }))))),
    typeError);
  const alert = formAlert('club-room-error');
  const submit = button(t('startRoom.submit'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'club-room-submit' });
  const cancel = button(t('common.cancel'), { class: 'btn btn-ghost' });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'club-room-form' },
    alert.element, title.element, typeField, h('div', { class: 'form-actions' }, cancel, submit));
  const d = openDialog({ title: t('clubs.rooms.startIn', { name: club.name }), content: [form], testid: 'club-room-dialog' });
  cancel.addEventListener('click', d.close);
  title.input.focus();
  const fields = {
    title,
    type: { setError: (m) => { typeError.hidden = !m; typeError.textContent = m || ''; }, input: typeField.querySelector('input') },
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
    try {
      const room = await withBusy(submit, () => startClubRoom(club.id, {
        title: title.input.value.trim(), type: form.querySelector('input[name="type"]:checked').value,
      }));
      d.close();
      ctx.navigate(room.url);
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, fields, alert);
    }
  });
}
