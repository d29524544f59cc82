// "/": the hallway when signed in, otherwise the log-in page.
import { loadMe } from '../session.js';

export async function render(ctx) {
  const me = await loadMe({ signal: ctx.signal });
  if (ctx.signal.aborted) return;
  ctx.navigate(me ? '/hallway' : '/login', { replace: true });
}
