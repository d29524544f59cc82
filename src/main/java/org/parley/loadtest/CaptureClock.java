package org.parley.loadtest;

/**
 * The send timestamp speakers put in every packet, as the {@code abs-capture-time} RTP header
 * extension (http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time, RFC 8285 one-byte form):
 * an absolute capture time as a 64-bit NTP timestamp, UQ32.32 seconds since 1900 (RFC 5905 §6).
 * Speakers and listeners live in this one process, so the time is {@link System#nanoTime()} mapped
 * onto the wall clock once at start: the delay is arrival minus send on one monotonic clock, and the
 * value is still a plausible NTP time for anyone capturing the traffic.
 *
 * <pre>
 *   0                   1                   2                   3
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  ID   | len=7 |     absolute capture timestamp (bit 0-23)     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             absolute capture timestamp (bit 24-55)            |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  ... (56-63)  |
 *  +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Why not the Opus payload: the packets must stay valid Opus for the SFU and any listener. Parley's
 * SFU copies every header extension of a forwarded packet unchanged (it rewrites only SSRC, sequence
 * number, timestamp, marker and payload type), so the element reaches listeners as sent.
 */
final class CaptureClock {

    static final String URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time";
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private final long baseNanos;
    private final long baseNtp;

    CaptureClock() {
        this(System.nanoTime(), System.currentTimeMillis());
    }

    CaptureClock(long baseNanos, long wallMillis) {
        this.baseNanos = baseNanos;
        long seconds = wallMillis / 1000 + NTP_UNIX_OFFSET;
        this.baseNtp = (seconds << 32) + ((wallMillis % 1000) << 32) / 1000;
    }

    /** The NTP timestamp of monotonic time {@code nanos}. */
    long toNtp(long nanos) {
        long delta = nanos - baseNanos;
        long seconds = Math.floorDiv(delta, 1_000_000_000L);
        long rest = Math.floorMod(delta, 1_000_000_000L);
        return baseNtp + (seconds << 32) + (rest << 32) / 1_000_000_000L;
    }

    /** The monotonic time of NTP timestamp {@code ntp} (inverse of {@link #toNtp}, to within a nanosecond). */
    long toNanos(long ntp) {
        long delta = ntp - baseNtp;
        long seconds = delta >> 32;
        long fraction = delta & 0xffff_ffffL;
        return baseNanos + seconds * 1_000_000_000L + ((fraction * 1_000_000_000L) >>> 32);
    }

    static void write(byte[] b, int off, long ntp) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (ntp >>> (56 - 8 * i));
        }
    }

    static long read(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
