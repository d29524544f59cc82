// Shared building blocks: form fields with errors, busy buttons, skeletons, avatars, follow buttons,
// toasts and error translation.
import { h, uid, icon } from './core/dom.js';
import { t, has } from './core/i18n.js';
import { formatRelativeMillis } from './core/format.js';
import { follow, unfollow } from './core/api.js';

/** Progress shows only for requests slower than this, so fast answers do not flicker. */
export const PROGRESS_DELAY_MS = 300;

// ---- errors ---------------------------------------------------------------------------------

/** A sentence for a failed request: catalogue by problem code, else the server's detail. */
export function errorMessage(error) {
  if (!error || error.name === 'AbortError') return '';
  if (error.code === 'rate_limited' && typeof error.retryAfter === 'number') {
    return t('error.rate_limited.retry', { when: formatRelativeMillis(error.retryAfter * 1000) });
  }
  const key = `error.${error.code}`;
  if (error.code && has(key)) return t(key);
  return error.detail || t('error.unknown');
}

/** A sentence for one entry of problem.errors[]: field-specific, then generic, then server detail. */
export function fieldErrorMessage({ field, code, detail }) {
  const specific = `error.field.${field}.${code}`;
  if (has(specific)) return t(specific);
  const generic = `error.field.${code}`;
  if (has(generic)) return t(generic);
  return detail || t('error.unknown');
}

// ---- toast ----------------------------------------------------------------------------------

let toastTimer;
export function toast(message, { kind = 'info' } = {}) {
  const region = document.getElementById('toast');
  region.textContent = message;
  region.dataset.kind = kind;
  region.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => region.classList.remove('visible'), 4000);
}

/**
 * A notice with a link that stays a while (e.g. "Ada pinged you into a room — Join"). Unlike
 * toast() it can be clicked, and it has its own dismiss button.
 */
export function actionToast(message, { label, href, testid = 'action-toast', timeoutMs = 12000 }) {
  let region = document.getElementById('action-toasts');
  if (!region) {
    region = h('div', { id: 'action-toasts', class: 'action-toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  const close = () => item.remove();
  const item = h('div', { class: 'action-toast', 'data-testid': testid },
    h('p', { class: 'action-toast-text' }, message),
    h('a', { class: 'btn btn-primary btn-sm', href, onclick: close, 'data-testid': `${testid}-link` }, label),
    h('button', { type: 'button', class: 'icon-btn', 'aria-label': t('common.dismiss'), onclick: close }, icon('x', 18)));
  region.append(item);
  setTimeout(close, timeoutMs);
  return item;
}

// ---- busy states ----------------------------------------------------------------------------

/**
 * Runs work() with the button disabled at once (no double submits) and a spinner after
 * PROGRESS_DELAY_MS. Resolves to work()'s result.
 */
export async function withBusy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  const timer = setTimeout(() => button.classList.add('is-busy'), PROGRESS_DELAY_MS);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    button.classList.remove('is-busy');
    button.removeAttribute('aria-busy');
    if (button.isConnected) button.disabled = false;
  }
}

/** Puts a skeleton into the container if the page is still loading after PROGRESS_DELAY_MS. */
export function delayedSkeleton(container, build) {
  const timer = setTimeout(() => {
    container.replaceChildren(h('div', { class: 'skeleton-wrap', 'aria-busy': 'true', 'data-testid': 'skeleton' },
      h('span', { class: 'visually-hidden' }, t('common.loading')), build()));
  }, PROGRESS_DELAY_MS);
  return () => clearTimeout(timer);
}

export function skeletonLines(count = 3, className = 'skeleton-line') {
  return Array.from({ length: count }, (_, i) => h('div', { class: className, style: `width:${90 - i * 15}%` }));
}

export function button(label, attrs = {}) {
  return h('button', { type: 'button', class: 'btn', ...attrs },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { class: 'btn-label' }, label));
}

export function setButtonLabel(btn, label) {
  btn.querySelector('.btn-label').textContent = label;
}

// ---- forms ----------------------------------------------------------------------------------

/**
 * A labelled input with an optional hint, optional character counter and an error slot.
 * Returns {element, input, setError(message|null)}.
 */
export function field({ name, label, type = 'text', hint, counter, multiline = false, testid, ...inputAttrs }) {
  const id = uid(`f-${name}`);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const counterId = counter ? `${id}-counter` : null;
  const describedBy = [hintId, counterId, errorId].filter(Boolean).join(' ');
  const input = h(multiline ? 'textarea' : 'input', {
    id, name, type: multiline ? null : type, class: 'input', 'aria-describedby': describedBy,
    'data-testid': testid || `field-${name}`, ...inputAttrs,
  });
  const error = h('p', { id: errorId, class: 'field-error', 'data-testid': `error-${name}`, hidden: true });
  const counterEl = counter
    ? h('span', { id: counterId, class: 'counter', 'aria-live': 'polite', 'data-testid': `counter-${name}` })
    : null;
  if (counter) {
    const update = () => {
      const used = [...input.value].length;
      counterEl.textContent = t('common.counter', { used, max: counter });
      counterEl.classList.toggle('over', used > counter);
    };
    input.addEventListener('input', update);
    update();
  }
  const element = h('div', { class: 'field' },
    h('div', { class: 'field-head' }, h('label', { for: id }, label), counterEl),
    input,
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
    error);
  input.addEventListener('input', () => setError(null));
  function setError(message) {
    error.hidden = !message;
    error.textContent = message || '';
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    element.classList.toggle('has-error', !!message);
  }
  return { element, input, setError };
}

/** A password field with a show/hide toggle. */
export function passwordField(options) {
  const f = field({ type: 'password', ...options });
  const toggle = h('button', {
    type: 'button', class: 'reveal', 'aria-pressed': 'false', 'aria-controls': f.input.id,
    'aria-label': t('common.showPassword'), 'data-testid': `reveal-${options.name}`,
  }, icon('eye'));
  toggle.addEventListener('click', () => {
    const show = f.input.type === 'password';
    f.input.type = show ? 'text' : 'password';
    toggle.setAttribute('aria-pressed', String(show));
    toggle.setAttribute('aria-label', t(show ? 'common.hidePassword' : 'common.showPassword'));
    toggle.replaceChildren(icon(show ? 'eyeOff' : 'eye'));
  });
  const wrap = h('div', { class: 'input-with-action' });
  f.input.replaceWith(wrap);
  wrap.append(f.input, toggle);
  return f;
}

/** The alert box at the top of a form, for errors that belong to no single field. */
export function formAlert(testid = 'form-error') {
  const element = h('div', { class: 'alert', role: 'alert', 'data-testid': testid, hidden: true });
  return {
    element,
    show(message) {
      element.textContent = message;
      element.hidden = !message;
    },
    clear() {
      element.textContent = '';
      element.hidden = true;
    },
  };
}

/**
 * Shows a failed request on a form: each errors[] entry next to its field when the form has it,
 * everything else in the alert. Focuses the first field in error.
 */
export function showProblem(error, fields, alert) {
  const unplaced = [];
  let first = null;
  const entries = error.errors || [];
  for (const entry of entries) {
    const f = fields[entry.field];
    if (f) {
      f.setError(fieldErrorMessage(entry));
      first = first || f;
    } else {
      unplaced.push(fieldErrorMessage(entry));
    }
  }
  if (!entries.length || unplaced.length) {
    alert.show(entries.length && error.code === 'validation' ? unplaced.join(' ') : errorMessage(error));
  }
  if (first) first.input.focus();
}

/** Runs client-side checks ({field, code} list) and shows them like server errors. */
export function showLocalErrors(problems, fields) {
  for (const f of Object.values(fields)) f.setError(null);
  for (const p of problems) fields[p.field]?.setError(fieldErrorMessage(p));
  if (problems.length) fields[problems[0].field]?.input.focus();
  return problems.length === 0;
}

// ---- members --------------------------------------------------------------------------------

const AVATAR_HUES = [12, 28, 42, 150, 190, 215, 265, 330];

/** Initials on a warm colour derived from the username (there are no photos, on purpose). */
export function avatar(member, size = 'md') {
  const words = (member.displayName || member.username).trim().split(/\s+/);
  const initials = [...(words[0] || '?')][0] + (words.length > 1 ? [...words[words.length - 1]][0] : '');
  let hash = 0;
  for (const ch of member.username.toLowerCase()) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  const hue = AVATAR_HUES[hash % AVATAR_HUES.length];
  return h('span', { class: `avatar avatar-${size}`, style: `--hue:${hue}`, 'aria-hidden': 'true' },
    initials.toUpperCase());
}

export function memberLink(ref, attrs = {}) {
  return h('a', { href: `/u/${encodeURIComponent(ref.username)}`, class: 'member-link', ...attrs }, ref.displayName);
}

/** One member row: avatar, names, optional trailing control. */
export function memberRow(member, trailing = null, testid = 'member-row') {
  return h('li', { class: 'member-row', 'data-testid': testid, 'data-username': member.username },
    avatar(member, 'sm'),
    h('a', { class: 'member-names', href: `/u/${encodeURIComponent(member.username)}` },
      h('span', { class: 'member-display' }, member.displayName),
      h('span', { class: 'member-handle' }, `@${member.username}`)),
    trailing);
}

/**
 * Follow / Following toggle with optimistic update: the label flips at once, the request follows,
 * and a failure flips it back and says why. onChange(delta) lets the page adjust counts.
 */
export function followButton(username, initiallyFollowing, { onChange = () => {}, small = false } = {}) {
  let following = initiallyFollowing;
  let pending = false;
  const btn = button('', { class: `btn ${small ? 'btn-sm' : ''}`, 'data-testid': 'follow-button' });
  function render() {
    btn.classList.toggle('btn-primary', !following);
    btn.classList.toggle('btn-following', following);
    btn.setAttribute('aria-pressed', String(following));
    btn.dataset.state = following ? 'following' : 'not-following';
    setButtonLabel(btn, t(following ? 'follow.following' : 'follow.follow'));
    btn.setAttribute('aria-label', t(following ? 'follow.unfollowLabel' : 'follow.followLabel', { username }));
  }
  // While following, hovering/focusing hints what a click does.
  const hint = (on) => following && setButtonLabel(btn, t(on ? 'follow.unfollow' : 'follow.following'));
  btn.addEventListener('mouseenter', () => hint(true));
  btn.addEventListener('mouseleave', () => hint(false));
  btn.addEventListener('click', async () => {
    if (pending) return;
    pending = true;
    const before = following;
    following = !before;
    render();
    onChange(following ? 1 : -1);
    btn.setAttribute('aria-busy', 'true');
    try {
      await (following ? follow(username) : unfollow(username));
    } catch (error) {
      following = before;
      render();
      onChange(before ? 1 : -1);
      if (error.status !== 401) toast(errorMessage(error), { kind: 'error' });
    } finally {
      pending = false;
      btn.removeAttribute('aria-busy');
    }
  });
  render();
  return btn;
}

// ---- page furniture -------------------------------------------------------------------------

export function pageHeading(text, attrs = {}) {
  return h('h1', { class: 'page-title', tabindex: '-1', ...attrs }, text);
}

export function backLink(href, text) {
  return h('a', { class: 'back-link', href }, icon('arrowLeft', 16), h('span', {}, text));
}

/** A full-page message (not found, invitation unusable, load failure). */
export function notice({ title, body, testid, action }) {
  return h('section', { class: 'card notice', 'data-testid': testid },
    pageHeading(title), body ? h('p', { class: 'notice-body' }, body) : null, action || null);
}
