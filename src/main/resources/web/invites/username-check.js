// Whether the username being typed on the sign-up form is still free (checkUsername, docs/api.md),
// asked once the person pauses and only when the local rules pass: the tick means "free", not just
// "well-formed" — a taken name shows as taken before the form is sent. The server stays the judge at
// sign-up; a check that fails (offline, rate-limited) simply shows nothing.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { checkUsername as checkAvailable } from '../core/api.js';
import { checkUsername as checkRules } from '../core/rules.js';

/** Pause after the last keystroke before asking, so typing "grace" costs one request, not five. */
const PAUSE_MS = 350;

/**
 * Watches `input` and shows its availability in a polite status line under the field.
 * Returns {element, taken()}.
 */
export function usernameAvailability(input, inviteCode) {
  const status = h('p', { class: 'availability', 'aria-live': 'polite', 'data-testid': 'username-availability' });
  let state = null; // null | 'checking' | 'available' | 'taken'
  let timer = null;
  let controller = null;

  function show(next) {
    state = next;
    status.dataset.state = next || '';
    status.className = `availability${next ? ` availability-${next}` : ''}`;
    status.textContent = next ? t(`signup.availability.${next}`) : '';
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    controller?.abort();
    const value = input.value;
    if (!value || checkRules(value)) {
      show(null); // the rules hint says what is wrong; asking the server would add nothing
      return;
    }
    show('checking');
    timer = setTimeout(async () => {
      controller = new AbortController();
      try {
        const answer = await checkAvailable(inviteCode, value, { signal: controller.signal, quiet401: true });
        if (input.value !== value) return;
        show(answer.available ? 'available' : answer.reason === 'username_taken' ? 'taken' : null);
      } catch (error) {
        if (error.name !== 'AbortError') show(null);
      }
    }, PAUSE_MS);
  });
  return { element: status, taken: () => state === 'taken' };
}
