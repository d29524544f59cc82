// "/login": log in with username and password. Parley is invitation-only, so there is no sign-up here.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { logIn } from '../core/api.js';
import { setMe, loadMe } from '../core/session.js';
import { safeNext } from '../core/router.js';
import { field, passwordField, formAlert, showProblem, showLocalErrors } from '../core/ui/forms.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { pageHeading } from '../core/ui/page.js';
import { formatRelativeMillis } from '../core/format.js';
import { languageSwitcher } from '../core/ui/language-switcher.js';

export async function render(ctx) {
  const me = await loadMe({ signal: ctx.signal });
  if (ctx.signal.aborted) return;
  if (me) {
    ctx.navigate(safeNext(ctx.query.get('next')) || '/hallway', { replace: true });
    return;
  }

  const username = field({
    name: 'username', label: t('login.username'), autocomplete: 'username', autocapitalize: 'none',
    spellcheck: 'false', required: true,
  });
  const password = passwordField({
    name: 'password', label: t('login.password'), autocomplete: 'current-password', required: true,
  });
  const fields = { username, password };
  const alert = formAlert('login-error');
  const submit = button(t('login.submit'), { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'login-submit' });

  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'login-form' },
    alert.element, username.element, password.element, submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    const local = [
      username.input.value ? null : { field: 'username', code: 'required' },
      password.input.value ? null : { field: 'password', code: 'required' },
    ].filter(Boolean);
    if (!showLocalErrors(local, fields)) return;
    try {
      const signedIn = await withBusy(submit, () => logIn({
        username: username.input.value.trim(), password: password.input.value,
      }));
      setMe(signedIn);
      ctx.navigate(safeNext(ctx.query.get('next')) || '/');
    } catch (error) {
      if (error.name === 'AbortError') return;
      showProblem(error, fields, alert);
      if (error.code === 'invalid_credentials') {
        password.input.value = '';
        password.input.focus();
      }
      if (error.code === 'rate_limited' && error.retryAfter) holdUntilRetry(submit, error.retryAfter, alert);
    }
  });

  ctx.view.replaceChildren(h('div', { class: 'auth-layout' },
    languageSwitcher(),
    h('section', { class: 'auth-intro' },
      h('p', { class: 'eyebrow' }, t('login.eyebrow')),
      pageHeading(t('login.title')),
      h('p', { class: 'lede' }, t('login.inviteOnly'))),
    h('section', { class: 'card' }, form,
      h('p', { class: 'login-privacy' }, h('a', { href: '/privacy', 'data-testid': 'login-privacy-link' }, t('privacy.link'))))));
  ctx.ready(t('login.title'));
}

/** After `rate_limited`, keeps the button disabled and counts down until Retry-After passes. */
function holdUntilRetry(submit, seconds, alert) {
  const until = Date.now() + seconds * 1000;
  submit.disabled = true;
  const tick = () => {
    const left = until - Date.now();
    if (!submit.isConnected) return;
    if (left <= 0) {
      submit.disabled = false;
      alert.clear();
      return;
    }
    const message = t('error.rate_limited.retry', { when: formatRelativeMillis(left) });
    if (alert.element.textContent !== message) alert.show(message); // re-announce only on change
    setTimeout(tick, Math.min(left, 1000));
  };
  tick();
}
