// "/settings": profile photo, the interface language, the languages I understand, the theme,
// notifications, change password, signed-in devices, download my data, log out, delete my account.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { changePassword, logOut } from '../core/api.js';
import { setMe } from '../core/session.js';
import { checkPassword, problems, LIMITS } from '../core/rules.js';
import { passwordField, formAlert, showProblem, showLocalErrors } from '../core/ui/forms.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { pageHeading } from '../core/ui/page.js';
import { errorMessage } from '../core/ui/errors.js';
import { toast } from '../core/ui/toasts.js';
import { requireMe } from '../core/auth.js';
import { languageField } from '../core/ui/language-switcher.js';
import { photoCard } from './photo-card.js';
import { spokenLanguagesCard } from './spoken-languages-card.js';
import { themeCard } from './theme-choice.js';
import { notificationsCard } from '../notifications/settings-card.js';
import { organizationsCard } from '../organizations/settings-card.js';
import { forgetPushOnThisDevice } from '../notifications/push.js';
import { calendarCard } from '../schedule/calendar-card.js';
import { reminderCard } from '../schedule/reminder-card.js';
import { devicesCard } from '../yourdata/devices-card.js';
import { exportCard } from '../yourdata/export-card.js';
import { deleteCard } from '../yourdata/delete-card.js';

export async function render(ctx) {
  const me = await requireMe(ctx);
  if (!me) return;

  const currentPassword = passwordField({
    name: 'currentPassword', label: t('settings.currentPassword'), autocomplete: 'current-password', required: true,
  });
  const newPassword = passwordField({
    name: 'newPassword', label: t('settings.newPassword'), autocomplete: 'new-password', required: true,
    hint: t('signup.passwordHint', { min: LIMITS.passwordMin }),
  });
  const fields = { currentPassword, newPassword };
  const alert = formAlert('password-error');
  const done = h('p', { class: 'success', role: 'status', 'data-testid': 'password-changed', hidden: true });
  const submit = button(t('settings.changePassword'), { type: 'submit', class: 'btn btn-primary', 'data-testid': 'password-submit' });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'password-form' },
    alert.element, done, h('input', { type: 'text', name: 'username', autocomplete: 'username', value: me.username, hidden: true }),
    currentPassword.element, newPassword.element, h('div', { class: 'form-actions start' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    done.hidden = true;
    const local = problems(
      currentPassword.input.value ? null : { field: 'currentPassword', code: 'required' },
      checkPassword(newPassword.input.value, 'newPassword'));
    if (!showLocalErrors(local, fields)) return;
    try {
      await withBusy(submit, () => changePassword({
        currentPassword: currentPassword.input.value, newPassword: newPassword.input.value,
      }));
      form.reset();
      done.textContent = t('settings.passwordChanged');
      done.hidden = false;
    } catch (error) {
      if (error.name !== 'AbortError') showProblem(error, fields, alert);
    }
  });

  const logoutAlert = formAlert('logout-error');
  const logout = button(t('settings.logOut'), { class: 'btn', 'data-testid': 'logout' });
  logout.addEventListener('click', async () => {
    logoutAlert.clear();
    try {
      await withBusy(logout, async () => {
        await forgetPushOnThisDevice(); // a shared browser must not keep getting this member's pushes
        await logOut();
      });
      setMe(null);
      toast(t('settings.loggedOut'));
      ctx.navigate('/login', { replace: true });
    } catch (error) {
      if (error.status === 401) return; // already logged out; the 401 handler moved on
      logoutAlert.show(errorMessage(error));
    }
  });

  ctx.view.replaceChildren(h('div', { class: 'narrow' },
    pageHeading(t('settings.title')),
    photoCard(),
    h('section', { class: 'card', 'data-testid': 'language-settings' },
      h('h2', { class: 'card-title' }, t('settings.languageTitle')),
      languageField()),
    spokenLanguagesCard(),
    themeCard(),
    notificationsCard(),
    reminderCard(),
    calendarCard(),
    organizationsCard(),
    me.admin
      ? h('section', { class: 'card', 'data-testid': 'admin-card' },
        h('h2', { class: 'card-title' }, t('admin.title')),
        h('p', { class: 'section-sub' }, t('admin.flags.explain')),
        h('a', { class: 'btn', href: '/admin', 'data-testid': 'admin-link' }, t('admin.flags.title')))
      : null,
    // An organization has no password: its delegates sign in as themselves.
    me.organization ? null : h('section', { class: 'card' },
      h('h2', { class: 'card-title' }, t('settings.passwordTitle')),
      h('p', { class: 'section-sub' }, t('settings.passwordExplain')),
      form),
    devicesCard(),
    exportCard(),
    h('section', { class: 'card' },
      h('h2', { class: 'card-title' }, t('settings.sessionTitle')),
      h('p', { class: 'section-sub' }, t('settings.signedInAs', { name: me.displayName, username: me.username })),
      logoutAlert.element,
      h('div', { class: 'form-actions start' }, logout)),
    // An organization is deleted by its owners' choice, not from a delegate's settings.
    me.organization ? null : deleteCard(ctx),
    h('p', { class: 'settings-privacy' }, h('a', { href: '/privacy', 'data-testid': 'settings-privacy-link' }, t('privacy.link')))));
  ctx.ready(t('settings.title'));
}
