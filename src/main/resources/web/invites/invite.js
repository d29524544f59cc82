// "/invite/{code}": who invited you, until when, and the sign-up form. Unusable invitations say why
// and show no form.
import { h } from '../core/dom.js';
import { t, tNodes } from '../core/i18n.js';
import { getInvite, signUp } from '../core/api.js';
import { setMe, currentMe } from '../core/session.js';
import { formatDate, formatRelative, timeElement } from '../core/format.js';
import { LIMITS, checkUsername, checkDisplayName, checkPassword, problems } from '../core/rules.js';
import { field, passwordField, formAlert, showProblem, showLocalErrors } from '../core/ui/forms.js';
import { button, withBusy } from '../core/ui/buttons.js';
import { pageHeading, notice } from '../core/ui/page.js';
import { delayedSkeleton, skeletonLines } from '../core/ui/skeletons.js';
import { avatar } from '../core/ui/members.js';
import { profilePath } from '../core/auth.js';
import { languageSwitcher } from '../core/ui/language-switcher.js';
import { usernameAvailability } from './username-check.js';
import { passwordStrength } from './password-strength.js';
import { clubLinkPage } from '../clubs/link-card.js';

const UNUSABLE = new Set(['used', 'expired', 'revoked']);

export async function render(ctx) {
  // A member who already has an account and opens a club's invitation link joins the club instead.
  if (currentMe() && await clubLinkPage(ctx.params.code, ctx)) return;
  const stopSkeleton = delayedSkeleton(ctx.view, () => h('div', { class: 'card' }, skeletonLines(4)));
  let invite;
  try {
    invite = await getInvite(ctx.params.code, { signal: ctx.signal });
  } catch (error) {
    if (error.code === 'invite_not_found' || error.status === 404) {
      showUnusable(ctx, 'not_found');
      return;
    }
    throw error;
  } finally {
    stopSkeleton();
  }
  if (UNUSABLE.has(invite.status)) {
    showUnusable(ctx, invite.status, invite);
    return;
  }
  showLanding(ctx, invite);
}

/** used / expired / revoked / not_found: a clear message, a way to log in, no form. */
function showUnusable(ctx, status, invite) {
  const body = status === 'expired' && invite?.expiresAt
    ? t('invite.unusable.expired.bodyDated', { date: formatDate(invite.expiresAt) })
    : t(`invite.unusable.${status}.body`);
  ctx.view.replaceChildren(languageSwitcher(), notice({
    title: t(`invite.unusable.${status}.title`),
    body,
    testid: 'invite-unusable',
    action: h('p', { class: 'notice-actions' },
      h('a', { class: 'btn', href: '/login' }, t('invite.unusable.login'))),
  }));
  ctx.view.querySelector('[data-testid="invite-unusable"]').dataset.status = status;
  ctx.ready(t(`invite.unusable.${status}.title`));
}

function inviterBlock(invite) {
  if (!invite.inviter) {
    return h('div', { class: 'inviter', 'data-testid': 'invite-inviter' },
      h('span', { class: 'avatar avatar-md avatar-operator', 'aria-hidden': 'true' }, 'P'),
      h('p', { class: 'inviter-text' }, t('invite.fromOperator')));
  }
  const name = h('strong', { 'data-testid': 'invite-inviter-name' }, invite.inviter.displayName);
  const handle = h('span', { class: 'member-handle' }, `@${invite.inviter.username}`);
  return h('div', { class: 'inviter', 'data-testid': 'invite-inviter' },
    avatar(invite.inviter),
    h('p', { class: 'inviter-text' }, tNodes('invite.fromMember', { name, handle })));
}

function showLanding(ctx, invite) {
  const username = field({
    name: 'username', label: t('signup.username'), autocomplete: 'username', autocapitalize: 'none',
    spellcheck: 'false', required: true, maxlength: LIMITS.usernameMax,
    hint: t('signup.usernameHint', { min: LIMITS.usernameMin, max: LIMITS.usernameMax }),
  });
  const displayName = field({
    name: 'displayName', label: t('signup.displayName'), autocomplete: 'name', required: true,
    hint: t('signup.displayNameHint'), counter: LIMITS.displayNameMax,
  });
  const password = passwordField({
    name: 'password', label: t('signup.password'), autocomplete: 'new-password', required: true,
    hint: t('signup.passwordHint', { min: LIMITS.passwordMin }),
  });
  const fields = { username, displayName, password };

  // Inline feedback on the username rules while typing, once something was typed; whether a
  // well-formed name is still free comes from the server (username-check.js), so the hint turns green
  // only for a name that can be had.
  const usernameHint = username.element.querySelector('.hint');
  const availability = usernameAvailability(username.input, invite.code);
  usernameHint.after(availability.element);
  username.input.addEventListener('input', () => {
    const value = username.input.value;
    const problem = value ? checkUsername(value) : null;
    usernameHint.classList.toggle('hint-warn', !!problem && problem.code !== 'too_short');
  });
  password.element.querySelector('.hint').after(passwordStrength(password.input).element);

  const alert = formAlert('signup-error');
  const submit = button(t('signup.submit'), { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'signup-submit' });
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'signup-form' },
    alert.element, username.element, displayName.element, password.element, submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.clear();
    const local = problems(
      checkUsername(username.input.value),
      checkDisplayName(displayName.input.value),
      checkPassword(password.input.value));
    if (availability.taken()) local.push({ field: 'username', code: 'username_taken' });
    if (!showLocalErrors(local, fields)) return;
    try {
      const me = await withBusy(submit, () => signUp({
        inviteCode: invite.code,
        username: username.input.value,
        displayName: displayName.input.value.trim(),
        password: password.input.value,
      }));
      setMe(me);
      ctx.navigate(profilePath(me.username));
    } catch (error) {
      if (error.name === 'AbortError') return;
      const gone = { invite_used: 'used', invite_expired: 'expired', invite_revoked: 'revoked', invite_not_found: 'not_found' };
      if (gone[error.code]) {
        showUnusable(ctx, gone[error.code], invite);
        return;
      }
      showProblem(error, fields, alert);
    }
  });

  const expires = h('p', { class: 'invite-expiry', 'data-testid': 'invite-expiry' },
    tNodes('invite.expires', {
      when: timeElement(invite.expiresAt, formatRelative(invite.expiresAt)),
      date: formatDate(invite.expiresAt),
    }));
  const signedIn = currentMe();

  ctx.view.replaceChildren(h('div', { class: 'auth-layout' },
    languageSwitcher(),
    h('section', { class: 'auth-intro', 'data-testid': 'invite-landing' },
      h('p', { class: 'eyebrow' }, t('invite.eyebrow')),
      pageHeading(t('invite.title')),
      inviterBlock(invite),
      h('p', { class: 'lede' }, t('invite.lede')),
      expires),
    h('section', { class: 'card' },
      h('h2', { class: 'card-title' }, t('signup.title')),
      signedIn ? h('p', { class: 'note' }, t('signup.alreadySignedIn', { username: signedIn.username })) : null,
      form)));
  ctx.ready(t('invite.title'));
}
