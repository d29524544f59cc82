package org.parley.signalling;

import java.util.function.LongSupplier;

/**
 * A token bucket: a burst, then a steady few per second. The connection's commands are counted
 * against one ({@link #BURST}, {@link #PER_SECOND}) and its refused commands against another
 * ({@link FloodGuard}). Used from the connection's message handler only (one thread at a time).
 */
final class CommandBudget {

    /** A person clicking fast, or a client resuming with a few commands at once. */
    static final int BURST = 40;
    static final double PER_SECOND = 20;

    private final int burst;
    private final double perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastNanos;

    CommandBudget(int burst, double perSecond, LongSupplier nanoTime) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.lastNanos = nanoTime.getAsLong();
    }

    boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
