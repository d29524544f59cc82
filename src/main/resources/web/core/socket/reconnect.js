// How long to wait before reconnecting: growing delays so a server that is down is not hammered by
// every tab at once, with jitter so tabs that lost the connection together do not return together.
// A server that closed with 1001 (going away: it is restarting, docs/protocol.md) was up, so the first
// attempt comes at once; if it is not up yet, the next attempts back off as usual.

/** Delays before reconnecting, then the last one forever; each gets up to 30% jitter. */
const BACKOFF_MS = [300, 1000, 2000, 4000, 8000, 15000];

/** After a 1001 close clients come back at once, spread over this much. */
const GOING_AWAY_JITTER_MS = 250;

/**
 * The delay before reconnect number `attempt` (0 = the first since the connection was last open),
 * after a close with `code`.
 */
export function reconnectDelay(attempt, code) {
  if (code === 1001 && attempt === 0) return Math.random() * GOING_AWAY_JITTER_MS;
  const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
  return base + Math.random() * base * 0.3;
}
