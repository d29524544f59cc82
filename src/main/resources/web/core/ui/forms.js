// Form fields with hints, counters and error slots, and showing a problem (server's or ours) on them.
import { h, uid, icon } from '../dom.js';
import { t } from '../i18n.js';
import { errorMessage, fieldErrorMessage } from './errors.js';


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
