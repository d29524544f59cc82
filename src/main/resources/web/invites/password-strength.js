// How hard a new password would be to guess, shown while it is typed. The server's only rule is the
// length (8–128); this is advice, so it is deliberately simple and local (nothing is sent anywhere):
// the rough number of guesses a password's length and character kinds allow, cut down for the
// shapes guessers try first — common passwords, one repeated character, keyboard and alphabet runs.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { LIMITS } from '../core/rules.js';

// The most used passwords of public breach lists, as guessers try them first (lower case).
const COMMON = new Set(('password passw0rd password1 password123 12345678 123456789 1234567890 qwertyui '
  + 'qwerty123 iloveyou sunshine princess football baseball welcome1 letmein1 trustno1 starwars dragon12 '
  + 'monkey12 superman whatever 11111111 00000000 abcdefgh abc12345 123123123 qwertyuiop asdfghjk '
  + 'zxcvbnm1 1q2w3e4r 1qaz2wsx changeme secret12 admin123 parley123 password! passwort hallo123 '
  + 'wachtwoord parola123 пароль123 йцукенги').split(' '));
const RUNS = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiopasdfghjklzxcvbnm', 'qwertzuiop'];

/** Bits of guessing work, roughly: length × log2(alphabet), less for the shapes tried first. */
export function guessBits(password) {
  const chars = [...password];
  if (chars.length === 0) return 0;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[0-9!]+$/, ''))) return 10;
  if (new Set(chars).size <= 2) return chars.length; // "aaaaaaaa", "abababab"
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[^A-Za-z0-9]/.test(password)) pool += 33;
  let bits = chars.length * Math.log2(pool);
  // A run along the alphabet or the keyboard is one guess, not many.
  for (const run of RUNS) {
    for (let i = 0; i + 4 <= lower.length; i++) {
      if (run.includes(lower.slice(i, i + 4))) bits -= 4 * Math.log2(pool) - 2;
    }
  }
  return Math.max(0, bits);
}

/** 0 too short, 1 weak, 2 fair, 3 good, 4 strong. */
export function strength(password) {
  if ([...password].length < LIMITS.passwordMin) return 0;
  const bits = guessBits(password);
  if (bits < 36) return 1;
  if (bits < 56) return 2;
  if (bits < 76) return 3;
  return 4;
}

const LEVELS = ['tooShort', 'weak', 'fair', 'good', 'strong'];

/** A bar and a sentence under the password field, updated as `input` changes. */
export function passwordStrength(input) {
  const fill = h('span', { class: 'strength-fill' });
  const text = h('span', { class: 'strength-text', 'data-testid': 'password-strength-text' });
  const element = h('div', { class: 'strength', 'data-testid': 'password-strength', hidden: true },
    h('span', { class: 'strength-bar', 'aria-hidden': 'true' }, fill), text);
  input.addEventListener('input', () => {
    const value = input.value;
    element.hidden = !value;
    const level = strength(value);
    element.dataset.level = String(level);
    text.textContent = t(`signup.strength.${LEVELS[level]}`);
  });
  return { element };
}
