package org.parley.media.dtls;

/**
 * RFC 6347 §4.1.2.6 anti-replay for one epoch: a sliding window of the 64 sequence numbers up to the
 * highest one received. A record is discarded if its number is in the window and marked, or older than
 * the window; numbers are marked only once their record authenticated, so forgeries cannot move it.
 *
 * <p>Not thread-safe: {@link Established} uses it under its lock.
 */
final class ReplayWindow {

    private static final int SIZE = 64;

    /** The highest authenticated sequence number, or -1 before the first. */
    private long highest = -1;
    /** Bit i set: {@code highest - i} was received. */
    private long seen;

    boolean isReplay(long seq) {
        if (seq > highest) {
            return false;
        }
        long behind = highest - seq;
        return behind >= SIZE || (seen & (1L << behind)) != 0;
    }

    /** Marks an authenticated record's sequence number. */
    void mark(long seq) {
        if (seq > highest) {
            long shift = seq - highest;
            seen = highest < 0 || shift >= SIZE ? 1 : (seen << shift) | 1;
            highest = seq;
        } else if (highest - seq < SIZE) {
            seen |= 1L << (highest - seq);
        }
    }
}
