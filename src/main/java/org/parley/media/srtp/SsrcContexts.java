package org.parley.media.srtp;

/**
 * A small, bounded SSRC -> crypto context table. Lookups scan an immutable snapshot without locking or
 * allocating (a leg has a handful of SSRCs, so a linear scan beats hashing and boxing); inserts are rare,
 * copy the snapshot and take the lock.
 *
 * <p>Threading: {@link #get} from any thread; {@link #putIfAbsent} and {@link #clear} serialise on this.
 */
final class SsrcContexts<T> {

    private record Snapshot(int[] ssrcs, Object[] contexts) {
    }

    private static final Snapshot EMPTY = new Snapshot(new int[0], new Object[0]);

    private final int max;
    private volatile Snapshot snapshot = EMPTY;

    SsrcContexts(int max) {
        this.max = max;
    }

    @SuppressWarnings("unchecked")
    T get(int ssrc) {
        Snapshot s = snapshot;
        int[] ssrcs = s.ssrcs;
        for (int i = 0; i < ssrcs.length; i++) {
            if (ssrcs[i] == ssrc) {
                return (T) s.contexts[i];
            }
        }
        return null;
    }

    boolean isFull() {
        return snapshot.ssrcs.length >= max;
    }

    int size() {
        return snapshot.ssrcs.length;
    }

    /** Adds {@code context} unless the SSRC has one; returns the one in the table, or null if full. */
    @SuppressWarnings("unchecked")
    synchronized T putIfAbsent(int ssrc, T context) {
        T existing = get(ssrc);
        if (existing != null) {
            return existing;
        }
        Snapshot s = snapshot;
        int n = s.ssrcs.length;
        if (n >= max) {
            return null;
        }
        int[] ssrcs = java.util.Arrays.copyOf(s.ssrcs, n + 1);
        Object[] contexts = java.util.Arrays.copyOf(s.contexts, n + 1);
        ssrcs[n] = ssrc;
        contexts[n] = context;
        snapshot = new Snapshot(ssrcs, contexts);
        return context;
    }

    synchronized void clear() {
        snapshot = EMPTY;
    }
}
