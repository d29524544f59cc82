// Guards for pages that need a signed-in member.
import { loadMe } from './session.js';

/** Resolves to Me (asking the server again when fresh), or sends the reader to /login (coming back here afterwards) and resolves to null. */
export async function requireMe(ctx, { fresh = false } = {}) {
  const me = await loadMe({ force: fresh, signal: ctx.signal });
  if (!me && !ctx.signal.aborted) {
    ctx.navigate(`/login?next=${encodeURIComponent(ctx.path)}`, { replace: true });
  }
  return me;
}

export const profilePath = (username) => `/u/${encodeURIComponent(username)}`;
