// Client-side mirror of Rules.titleProblem (room titles), for instant feedback. The server decides.
import { hasVisible } from '../rules.js';

export const TITLE_MAX = 120;
// C0/C1 controls and the bidirectional overrides and isolates the server refuses.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** null when acceptable, else a problem code: required | too_long | invalid_format | too_short (nothing visible). */
export function checkRoomTitle(value) {
  const clean = (value || '').trim();
  if (!clean) return 'required';
  if ([...clean].length > TITLE_MAX) return 'too_long';
  if (FORBIDDEN.test(clean)) return 'invalid_format';
  if (!hasVisible(clean)) return 'too_short';
  return null;
}
