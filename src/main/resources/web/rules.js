// Client-side mirror of the field rules in docs/api.md, producing the same {field, code} pairs the
// server uses so both are shown with the same messages. The server stays the authority.

const USERNAME = /^[A-Za-z0-9_]{3,30}$/;
// Control characters (C0, DEL, C1); bio allows newline.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
// web.InvisibleText: text that draws nothing — spaces (NBSP and every Zs), controls, format characters
// (zero-width spaces and joiners, U+2060, U+FEFF, bidi marks), combining marks with no base, the Hangul
// fillers and the blank Braille pattern — looks empty, so it counts as empty.
const INVISIBLE_ONLY = /^[\s\p{Z}\p{Cc}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]*$/u;
// AccountRules.trim: white space, every Unicode space, U+200B and U+FEFF at either end.
const EDGE_SPACES = /^[\s\u200b]+|[\s\u200b]+$/g;

export const LIMITS = {
  usernameMin: 3,
  usernameMax: 30,
  displayNameMax: 50,
  bioMax: 300,
  passwordMin: 8,
  passwordMax: 128,
};

const length = (s) => [...s].length;

/** True when `value` shows at least one character. */
export const hasVisible = (value) => !INVISIBLE_ONLY.test(value);

export function checkUsername(value, field = 'username') {
  if (!value) return { field, code: 'required' };
  if (length(value) < LIMITS.usernameMin) return { field, code: 'too_short' };
  if (length(value) > LIMITS.usernameMax) return { field, code: 'too_long' };
  if (!USERNAME.test(value)) return { field, code: 'invalid_format' };
  return null;
}

export function checkDisplayName(value, field = 'displayName') {
  const trimmed = value.replace(EDGE_SPACES, '');
  if (!trimmed) return { field, code: 'required' };
  if (length(trimmed) > LIMITS.displayNameMax) return { field, code: 'too_long' };
  if (CONTROL.test(trimmed)) return { field, code: 'invalid_format' };
  if (!hasVisible(trimmed)) return { field, code: 'too_short' };
  return null;
}

export function checkBio(value, field = 'bio') {
  const trimmed = value.replace(EDGE_SPACES, '').replace(/\r\n/g, '\n');
  if (length(value) > LIMITS.bioMax) return { field, code: 'too_long' };
  if (CONTROL_EXCEPT_NEWLINE.test(trimmed)) return { field, code: 'invalid_format' };
  if (trimmed && !hasVisible(trimmed)) return { field, code: 'too_short' };
  return null;
}

export function checkPassword(value, field = 'password') {
  if (!value) return { field, code: 'required' };
  if (length(value) < LIMITS.passwordMin) return { field, code: 'too_short' };
  if (length(value) > LIMITS.passwordMax) return { field, code: 'too_long' };
  return null;
}

export function problems(...checks) {
  return checks.filter(Boolean);
}
