package org.parley.media.rtcp;

/**
 * Receive statistics for one media source (SSRC) on one leg, kept as RFC 3550 App. A prescribes, to fill
 * the report block the SFU sends back to that sender (§6.4.1): sequence number tracking with probation
 * and resynchronisation (App. A.1), cumulative and interval loss (A.3), interarrival jitter (A.8), and
 * the LSR/DLSR echo of the sender's last SR.
 *
 * <p>Threading: not thread-safe. One owner (the leg's receive executor) calls {@link #update},
 * {@link #onSenderReport} and {@link #report}. Allocation-free except for the report block itself.
 */
public final class ReceiveStats {

    /** App. A.1: a jump of fewer than this many numbers ahead is accepted as loss. */
    static final int MAX_DROPOUT = 3000;
    /** App. A.1: a jump back of up to this many numbers is a late (misordered) packet. */
    static final int MAX_MISORDER = 100;
    /** App. A.1: a source is valid after this many packets in sequence. */
    static final int MIN_SEQUENTIAL = 2;
    private static final int SEQ_MOD = 1 << 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int ssrc;
    private final int clockRate;

    // App. A.1 source state.
    private boolean started;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    // App. A.8: jitter scaled by 16 (the integer form), last transit time in timestamp units.
    private long transit;
    private boolean haveTransit;
    private long jitterQ4;
    private long arrivalBaseNanos;
    private boolean haveArrivalBase;

    // The source's last SR: compact NTP and our arrival time.
    private long lastSr;
    private long lastSrArrivalNanos;
    private boolean haveSr;

    /**
     * @param ssrc      the media source these statistics are about
     * @param clockRate the payload's RTP clock rate (48000 for Opus, RFC 7587 §4.1)
     */
    public ReceiveStats(int ssrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive");
        }
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    public int ssrc() {
        return ssrc;
    }

    /**
     * Records one received (authenticated) packet.
     *
     * @param sequenceNumber the packet's RTP sequence number, 0..65535
     * @param rtpTimestamp   the packet's RTP timestamp (low 32 bits used)
     * @param arrivalNanos   its arrival time on a monotonic clock ({@link System#nanoTime()})
     * @return whether App. A.1 counts the packet as valid (false while on probation or after a big jump)
     */
    public boolean update(int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        int seq = sequenceNumber & 0xffff;
        if (!started) {
            // App. A.1: init_seq(s, seq); s->max_seq = seq - 1; s->probation = MIN_SEQUENTIAL.
            initSequence(seq);
            maxSeq = (seq - 1) & 0xffff;
            probation = MIN_SEQUENTIAL;
            started = true;
        }
        if (!updateSequence(seq)) {
            return false;
        }
        updateJitter(rtpTimestamp, arrivalNanos);
        return true;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1; // so seq == badSeq is false
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** RFC 3550 App. A.1, update_seq(). */
    private boolean updateSequence(int seq) {
        int udelta = (seq - maxSeq) & 0xffff;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xffff)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            // A very large jump: the source restarted. Accept only after two packets in sequence.
            if (seq == badSeq) {
                initSequence(seq);
            } else {
                badSeq = (seq + 1) & 0xffff;
                return false;
            }
        }
        // else: duplicate or misordered within MAX_MISORDER; counted as received.
        received++;
        return true;
    }

    /** RFC 3550 App. A.8: J(i) = J(i-1) + (|D(i-1,i)| - J(i-1)) / 16, in the integer form. */
    private void updateJitter(long rtpTimestamp, long arrivalNanos) {
        if (!haveArrivalBase) {
            arrivalBaseNanos = arrivalNanos;
            haveArrivalBase = true;
        }
        long arrival = toTimestampUnits(arrivalNanos - arrivalBaseNanos);
        // Transit times only ever appear as differences, so 32-bit wrap of the RTP clock is harmless
        // as long as the difference is taken in 32 bits.
        long t = (arrival - (rtpTimestamp & 0xffff_ffffL)) & 0xffff_ffffL;
        if (haveTransit) {
            int d = (int) (t - transit);
            long ad = Math.abs((long) d);
            jitterQ4 += ad - ((jitterQ4 + 8) >> 4);
        }
        transit = t;
        haveTransit = true;
    }

    private long toTimestampUnits(long nanos) {
        return nanos / NANOS_PER_SECOND * clockRate + nanos % NANOS_PER_SECOND * clockRate / NANOS_PER_SECOND;
    }

    /**
     * Records the source's sender report for the LSR/DLSR echo.
     *
     * @param ntpTimestamp the SR's NTP timestamp
     * @param arrivalNanos when it arrived, on the clock {@link #report} is given
     */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSr = NtpTime.compact(ntpTimestamp);
        lastSrArrivalNanos = arrivalNanos;
        haveSr = true;
    }

    /** Whether any packet has been counted yet (past probation). */
    public boolean hasReceived() {
        return received > 0;
    }

    /** Packets counted as received since the (last) sequence initialisation. */
    public long received() {
        return received;
    }

    /** App. A.1: cycles in the high 16 bits, highest sequence number in the low 16. */
    public long extendedHighestSequence() {
        return (cycles + maxSeq) & 0xffff_ffffL;
    }

    /** App. A.3: expected minus received, clamped to the signed 24-bit report field. */
    public int cumulativeLost() {
        long lost = expected() - received;
        return (int) Math.max(ReportBlock.MIN_CUMULATIVE_LOST, Math.min(ReportBlock.MAX_CUMULATIVE_LOST, lost));
    }

    /** App. A.8: the jitter estimate in timestamp units. */
    public long jitter() {
        return jitterQ4 >> 4;
    }

    private long expected() {
        return cycles + maxSeq - baseSeq + 1;
    }

    /**
     * Builds the report block for this source and starts a new reporting interval (the fraction lost
     * covers the packets since the previous call, App. A.3).
     *
     * @param nowNanos the current time on the clock given to {@link #onSenderReport}
     * @return the block, or {@code null} if nothing valid has been received yet
     */
    public ReportBlock report(long nowNanos) {
        if (!hasReceived()) {
            return null;
        }
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        // App. A.3, clamped: if every expected packet was lost the quotient is 256, which the 8-bit field
        // cannot hold.
        int fraction = expectedInterval == 0 || lostInterval <= 0
                ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long dlsr = haveSr ? NtpTime.toCompactDuration(nowNanos - lastSrArrivalNanos) : 0;
        return new ReportBlock(ssrc, fraction, cumulativeLost(), extendedHighestSequence(), jitter(),
                haveSr ? lastSr : 0, dlsr);
    }
}
