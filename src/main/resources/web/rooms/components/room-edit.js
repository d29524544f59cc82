// Moderators' editing of a room's title and description, in place in the header. Each is its own
// command (editTitle, editDescription) and only changed ones are sent; both are checked first by
// the client's copy of the server's rules (core/rules.js).
import { h } from '../../core/dom.js';
import { t } from '../../core/i18n.js';
import { button, withBusy } from '../../core/ui/buttons.js';
import { field } from '../../core/ui/forms.js';
import { command } from '../../core/socket/connection.js';
import { LIMITS, checkRoomTitle, checkRoomDescription } from '../../core/rules.js';

/** The form for `state` (title, description); onDone() after saving or cancelling. */
export function roomEditForm(state, onDone) {
  const title = field({ name: 'title', label: t('room.titleLabel'), counter: LIMITS.roomTitleMax, value: state.title, maxlength: 400, autocomplete: 'off' });
  const description = field({
    name: 'description', label: t('startRoom.description'), counter: LIMITS.roomDescriptionMax,
    value: state.description || '', maxlength: 1000, autocomplete: 'off',
  });
  const save = button(t('room.saveTitle'), { type: 'submit', class: 'btn btn-primary btn-sm', 'data-testid': 'title-save' });
  const cancel = button(t('common.cancel'), { class: 'btn btn-ghost btn-sm', 'data-testid': 'title-cancel' });
  const form = h('form', { class: 'form title-form', novalidate: true },
    title.element, description.element, h('div', { class: 'form-actions start' }, save, cancel));
  cancel.addEventListener('click', onDone);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onDone();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
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
    const nextTitle = title.input.value.trim();
    const nextDescription = description.input.value.trim();
    try {
      await withBusy(save, async () => {
        if (nextTitle !== state.title) await command('editTitle', { title: nextTitle });
        if (nextDescription !== (state.description || '')) await command('editDescription', { description: nextDescription });
      });
      onDone();
    } catch (error) {
      (error.code === 'invalid_description' ? description : title).setError(error.message);
    }
  });
  return { element: form, focus: () => { title.input.focus(); title.input.select(); } };
}
