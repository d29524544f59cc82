// The one client-side copy of the server's text rules (docs/api.md, accounts' field checks and
// rooms.Rules.titleProblem and descriptionProblem), for instant feedback before a request is sent. The server stays the
// authority: a refusal it sends is shown the same way, because both speak in {field, code} pairs.
// Which room commands whom may send (the permission part of rooms.Rules) is in rooms/permissions.js.

export const LIMITS = {
  usernameMin: 3,
  usernameMax: 30,
  displayNameMax: 50,
  bioMax: 300,
  passwordMin: 8,
  passwordMax: 128,
  roomTitleMax: 120,
  roomDescriptionMax: 280,
};

const USERNAME = /^[A-Za-z0-9_]{3,30}$/;
// Control characters (C0, DEL, C1); a bio may keep its line breaks.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
// Room titles also refuse the bidirectional overrides and isolates, which can disguise a title.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
// web.InvisibleText: text that draws nothing — spaces (NBSP and every Zs), controls, format characters
// (zero-width spaces and joiners, U+2060, U+FEFF, bidi marks), combining marks with no base, the Hangul
// fillers and the blank Braille pattern — looks empty, so it counts as empty.
const INVISIBLE_ONLY = /^[\s\p{Z}\p{Cc}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800]*$/u;
// AccountRules.trim: white space, every Unicode space, U+200B and U+FEFF at either end.
const EDGE_SPACES = /^[\s\u200b]+|[\s\u200b]+$/g;

/** Length as the server counts it: code points, not UTF-16 units. */
const length = (s) => [...s].length;

/** True when `value` shows at least one character. */
export const hasVisible = (value) => !INVISIBLE_ONLY.test(value);

/** The text a title is judged by: without the spaces around it. Empty means "required". */
function clean(value) {
  return (value || '').trim();
}

export function checkUsername(value, field = 'username') {
  if (!value) return { field, code: 'required' };
  if (length(value) < LIMITS.usernameMin) return { field, code: 'too_short' };
  if (length(value) > LIMITS.usernameMax) return { field, code: 'too_long' };
  if (!USERNAME.test(value)) return { field, code: 'invalid_format' };
  return null;
}

export function checkDisplayName(value, field = 'displayName') {
  const trimmed = (value || '').replace(EDGE_SPACES, '');
  if (!trimmed) return { field, code: 'required' };
  if (length(trimmed) > LIMITS.displayNameMax) return { field, code: 'too_long' };
  if (CONTROL.test(trimmed)) return { field, code: 'invalid_format' };
  if (!hasVisible(trimmed)) return { field, code: 'too_short' };
  return null;
}

export function checkBio(value, field = 'bio') {
  const trimmed = (value || '').replace(EDGE_SPACES, '').replace(/\r\n/g, '\n');
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

/**
 * A room title: null when acceptable, else a problem code: required | too_long | invalid_format |
 * too_short (nothing visible).
 */
export function checkRoomTitle(value) {
  const title = clean(value);
  if (!title) return 'required';
  if (length(title) > LIMITS.roomTitleMax) return 'too_long';
  if (CONTROL.test(title) || BIDI_CONTROL.test(title)) return 'invalid_format';
  if (!hasVisible(title)) return 'too_short';
  return null;
}

/**
 * A room description (optional, one line): null when acceptable, else 'invalid_format' (too long, line
 * breaks or control characters: the server's one field code for both).
 */
export function checkRoomDescription(value) {
  const text = clean(value || '');
  if (length(text) > LIMITS.roomDescriptionMax) return 'invalid_format';
  if (CONTROL.test(text) || BIDI_CONTROL.test(text)) return 'invalid_format';
  return null;
}

/** The problems among the results of several checks. */
export function problems(...checks) {
  return checks.filter(Boolean);
}
