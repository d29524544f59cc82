// How long to wait before reconnecting: growing delays so a server that is down is not hammered by
// every tab at once, with jitter so tabs that lost the connection together do not return together.

/** Delays before reconnecting, then the last one forever; each gets up to 30% jitter. */
const BACKOFF_MS = [300, 1000, 2000, 4000, 8000, 15000];

/** The delay before reconnect number `attempt` (0 = the first since the connection was last open). */
export function reconnectDelay(attempt) {
  const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
  return base + Math.random() * base * 0.3;
}
