// Client-side mirror of the field rules in docs/api.md, producing the same {field, code} pairs the
// server uses so both are shown with the same messages. The server stays the authority.

const USERNAME = /^[A-Za-z0-9_]{3,30}$/;
// Control characters (C0, DEL, C1); bio allows newline.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

export const LIMITS = {
  usernameMin: 3,
  usernameMax: 30,
  displayNameMax: 50,
  bioMax: 300,
  passwordMin: 8,
  passwordMax: 128,
};

const length = (s) => [...s].length;

export function checkUsername(value, field = 'username') {
  if (!value) return { field, code: 'required' };
  if (length(value) < LIMITS.usernameMin) return { field, code: 'too_short' };
  if (length(value) > LIMITS.usernameMax) return { field, code: 'too_long' };
  if (!USERNAME.test(value)) return { field, code: 'invalid_format' };
  return null;
}

export function checkDisplayName(value, field = 'displayName') {
  const trimmed = value.trim();
  if (!trimmed) return { field, code: 'required' };
  if (length(trimmed) > LIMITS.displayNameMax) return { field, code: 'too_long' };
  if (CONTROL.test(trimmed)) return { field, code: 'invalid_format' };
  return null;
}

export function checkBio(value, field = 'bio') {
  if (length(value) > LIMITS.bioMax) return { field, code: 'too_long' };
  if (CONTROL_EXCEPT_NEWLINE.test(value.replace(/\r\n/g, '\n'))) return { field, code: 'invalid_format' };
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
