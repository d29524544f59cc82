package org.parley.signalling;

/**
 * A token bucket per connection: a client may send a burst of commands, then a steady few per
 * second. Beyond that its commands are refused with {@code rate_limited}; nothing is queued.
 * Used from the connection's message handler only (one thread at a time).
 */
final class CommandBudget {

    /** A person clicking fast, or a client resuming with a few commands at once. */
    static final int BURST = 40;
    static final double PER_SECOND = 20;

    private double tokens = BURST;
    private long lastNanos = System.nanoTime();

    boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(BURST, tokens + (now - lastNanos) / 1e9 * PER_SECOND);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
