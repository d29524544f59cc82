package org.parley.media.rtcp;

/**
 * NTP timestamps as RTCP uses them (RFC 3550 §4): 64 bits, seconds since 1900-01-01 in the high word and
 * the binary fraction of a second in the low word; and the "compact" middle 32 bits echoed in LSR.
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (the Unix epoch). */
    static final long EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private NtpTime() {
    }

    /** The NTP timestamp of a wall-clock instant given in nanoseconds since the Unix epoch. */
    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND) + EPOCH_OFFSET_SECONDS;
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        long fraction = (nanos << 32) / NANOS_PER_SECOND; // nanos < 2^30, so this cannot overflow
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of an NTP timestamp (RFC 3550 §6.4.1, LSR). */
    public static long compact(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & 0xffff_ffffL;
    }

    /** A duration in nanoseconds in units of 1/65536 s (DLSR, RFC 3550 §6.4.1), saturating at 2^32 - 1. */
    static long toCompactDuration(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long units = (nanos / NANOS_PER_SECOND << 16) + ((nanos % NANOS_PER_SECOND) << 16) / NANOS_PER_SECOND;
        return Math.min(units, 0xffff_ffffL);
    }
}
