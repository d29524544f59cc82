// Settings → "Delete account" (deleteAccount): a dialog asks for the password; the server logs the
// member out everywhere and erases their data at once, and this page goes to the log-in page.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { deleteAccount } from '../core/api.js';
import { setMe } from '../core/session.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { openDialog } from '../core/ui/dialogs.js';
import { passwordField, formAlert, showProblem, showLocalErrors } from '../core/ui/forms.js';
import { toast } from '../core/ui/toasts.js';

export function deleteCard(ctx) {
  const open = button(t('delete.button'), { class: 'btn btn-danger', 'data-testid': 'delete-account' });
  open.addEventListener('click', () => ask(ctx));
  return h('section', { class: 'card', 'data-testid': 'delete-card' },
    h('h2', { class: 'card-title' }, t('delete.title')),
    h('p', { class: 'section-sub' }, t('delete.explain')),
    h('div', { class: 'form-actions start' }, open));
}

function ask(ctx) {
  const password = passwordField({ name: 'password', label: t('delete.password'), autocomplete: 'current-password',
    required: true, testid: 'delete-password' });
  const alert = formAlert('delete-error');
  const yes = button(t('delete.confirm'), { type: 'submit', class: 'btn btn-danger', 'data-testid': 'delete-confirm' });
  const no = button(t('common.cancel'), { type: 'button', class: 'btn btn-ghost', 'data-testid': 'delete-cancel' });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'delete-form' },
    h('p', { class: 'dialog-text' }, t('delete.confirmBody')), alert.element, password.element,
    h('div', { class: 'form-actions' }, no, yes));
  const d = openDialog({ title: t('delete.confirmTitle'), content: [form], testid: 'delete-dialog' });
  no.addEventListener('click', d.close);
  password.input.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    if (!showLocalErrors(password.input.value ? [] : [{ field: 'password', code: 'required' }], { password })) return;
    try {
      await withBusy(yes, () => deleteAccount(password.input.value));
      d.close();
      setMe(null);
      toast(t('delete.done'));
      ctx.navigate('/login', { replace: true });
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, { password }, alert);
    }
  });
}
