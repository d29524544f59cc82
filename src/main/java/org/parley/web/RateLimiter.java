package org.parley.web;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts attempts per key (an IP address, an account) in fixed windows and refuses past a limit.
 * In memory, per node: good enough to stop password guessing on one node; a cluster would share it.
 *
 * <p>Thread-safe: each key's counter is updated atomically through {@link ConcurrentHashMap#compute}.
 */
public final class RateLimiter {

    /** Above this many tracked keys, expired windows are swept so the map cannot grow without bound. */
    static final int SWEEP_THRESHOLD = 10_000;

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long start, int count) {}

    public RateLimiter(int limit, long windowSeconds, Clock clock) {
        if (limit < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.limit = limit;
        this.windowMillis = windowSeconds * 1000;
        this.clock = clock;
    }

    /** Counts one attempt for {@code key}; throws 429 (with Retry-After) when the limit is exceeded. */
    public void acquire(String key) {
        long now = clock.millis();
        sweepIfLarge(now);
        Window w = windows.compute(key, (k, old) ->
                old == null || now - old.start >= windowMillis ? new Window(now, 1) : new Window(old.start, old.count + 1));
        if (w.count > limit) {
            throw ProblemException.rateLimited(retryAfter(w, now));
        }
    }

    /** Throws 429 if {@code key} is already over its limit, without counting an attempt. */
    public void checkNotBlocked(String key) {
        long now = clock.millis();
        Window w = windows.get(key);
        if (w != null && now - w.start < windowMillis && w.count >= limit) {
            throw ProblemException.rateLimited(retryAfter(w, now));
        }
    }

    /** Counts one attempt without ever refusing it (e.g. a failed password for an account). */
    public void record(String key) {
        long now = clock.millis();
        windows.compute(key, (k, old) ->
                old == null || now - old.start >= windowMillis ? new Window(now, 1) : new Window(old.start, old.count + 1));
    }

    /** How many keys are tracked now (tests check the sweep). */
    int trackedKeys() {
        return windows.size();
    }

    private int retryAfter(Window w, long now) {
        return (int) Math.max(1, (w.start + windowMillis - now + 999) / 1000);
    }

    private void sweepIfLarge(long now) {
        if (windows.size() > SWEEP_THRESHOLD) {
            windows.entrySet().removeIf(e -> now - e.getValue().start >= windowMillis);
        }
    }
}
