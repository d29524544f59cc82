package org.parley.media.udp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Turns the kernel's receive timestamps ({@code SO_TIMESTAMPNS}: {@code CLOCK_REALTIME}) into
 * {@link System#nanoTime()} ({@code CLOCK_MONOTONIC} on Linux): the offset between the two clocks, read
 * as a realtime reading between two monotonic ones (the tightest of a few tries), refreshed once a second
 * so a clock step or slew is followed within a second.
 */
final class ClockOffset {

    static final long REFRESH_NANOS = 1_000_000_000L;
    private static final int TRIES = 5;

    private static volatile long offset;
    private static volatile long readAt = Long.MIN_VALUE;

    private ClockOffset() {
    }

    /** Realtime minus monotonic nanoseconds, at most {@link #REFRESH_NANOS} old. */
    static long realtimeMinusMonotonic() {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt > REFRESH_NANOS) {
            offset = measure();
            readAt = now;
        }
        return offset;
    }

    private static long measure() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = arena.allocate(16, 8);
            long best = Long.MAX_VALUE;
            long result = 0;
            for (int i = 0; i < TRIES; i++) {
                long before = System.nanoTime();
                int rc = (int) Libc.CLOCK_GETTIME.invokeExact(Libc.CLOCK_REALTIME, ts);
                long after = System.nanoTime();
                if (rc != 0) {
                    continue;
                }
                long realtime = ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
                if (after - before < best) {
                    best = after - before;
                    result = realtime - (before + (after - before) / 2);
                }
            }
            return result;
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
    }
}
