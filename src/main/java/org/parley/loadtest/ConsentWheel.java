package org.parley.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * Which legs refresh consent at each tick (RFC 7675 §5.1: browsers send a check about every 5 s): the
 * period is cut into {@code ticks} ticks and the k-th leg added refreshes at tick k mod ticks, every
 * period. The slot is fixed when a leg is added, so a ramp that adds legs never moves one past its tick:
 * slots computed from the changing leg count skipped some legs for rounds on end, and the server expired
 * them.
 *
 * <p>Threading: {@link #add} from join threads, {@link #due} from the scheduler; both under this object's lock.
 */
final class ConsentWheel<T> {

    private final List<List<T>> buckets = new ArrayList<>();
    private int added;

    ConsentWheel(int ticks) {
        if (ticks < 1) {
            throw new IllegalArgumentException("ticks must be positive");
        }
        for (int i = 0; i < ticks; i++) {
            buckets.add(new ArrayList<>());
        }
    }

    synchronized void add(T leg) {
        buckets.get(added++ % buckets.size()).add(leg);
    }

    /** The legs to refresh at tick {@code tick} (counting from 0, any number: it wraps). */
    synchronized List<T> due(long tick) {
        return List.copyOf(buckets.get((int) Math.floorMod(tick, (long) buckets.size())));
    }
}
