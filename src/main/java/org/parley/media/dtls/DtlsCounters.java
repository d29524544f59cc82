package org.parley.media.dtls;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A node's DTLS counters. Thread-safe: incremented from session threads and the socket loop without
 * locks, read by metrics at any time.
 */
public final class DtlsCounters {

    private final LongAdder started = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder finalFlightsResent = new LongAdder();
    private final Map<DtlsFailure, LongAdder> failed = new EnumMap<>(DtlsFailure.class);
    private final Map<DtlsDropReason, LongAdder> dropped = new EnumMap<>(DtlsDropReason.class);

    DtlsCounters() {
        // Filled once here and never changed afterwards, so the maps are safe to read from any thread.
        for (DtlsFailure reason : DtlsFailure.values()) {
            failed.put(reason, new LongAdder());
        }
        for (DtlsDropReason reason : DtlsDropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
    }

    /** Handshakes that got a thread (those refused as too many are only counted as failed). */
    public long started() {
        return started.sum();
    }

    /** Handshakes that ended with SRTP keys. */
    public long completed() {
        return completed.sum();
    }

    public long failed(DtlsFailure reason) {
        return failed.get(reason).sum();
    }

    public long failedTotal() {
        return failed.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long dropped(DtlsDropReason reason) {
        return dropped.get(reason).sum();
    }

    /** Datagrams the {@link Sender} failed to send. */
    public long sendFailures() {
        return sendFailures.sum();
    }

    /**
     * Times an established session sent its final flight again because the peer repeated its own (our
     * Finished was lost, RFC 6347 §4.2.4).
     */
    public long finalFlightsResent() {
        return finalFlightsResent.sum();
    }

    void countFinalFlightResent() {
        finalFlightsResent.increment();
    }

    void countStarted() {
        started.increment();
    }

    void countCompleted() {
        completed.increment();
    }

    void countFailure(DtlsFailure reason) {
        failed.get(reason).increment();
    }

    void countDrop(DtlsDropReason reason) {
        dropped.get(reason).increment();
    }

    void countSendFailure() {
        sendFailures.increment();
    }
}
