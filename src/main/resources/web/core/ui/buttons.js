// Buttons with a spinner slot, and the busy state that keeps a slow request from being sent twice.
import { h } from '../dom.js';

/** Progress shows only for requests slower than this, so fast answers do not flicker. */
export const PROGRESS_DELAY_MS = 300;

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

export function button(label, attrs = {}) {
  return h('button', { type: 'button', class: 'btn', ...attrs },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { class: 'btn-label' }, label));
}

export function setButtonLabel(btn, label) {
  btn.querySelector('.btn-label').textContent = label;
}
