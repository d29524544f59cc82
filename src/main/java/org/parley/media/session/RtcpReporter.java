package org.parley.media.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.parley.media.rtcp.NtpTime;
import org.parley.media.rtcp.ReceiveStats;
import org.parley.media.rtcp.ReportBlock;
import org.parley.media.rtcp.RtcpWriter;
import org.parley.media.rtp.RtpPacket;

/**
 * The SFU's own RTCP on one leg (RFC 3550 §6.4): each leg is its own RTCP session, so the server, not the
 * far-end sender, reports what this leg carried. For every stream the server sends into the leg's receive
 * slots it writes a sender report (packet and octet counts, and the NTP/RTP timestamp pair the browser
 * needs for its {@code remote-outbound-rtp} stats and for A/V sync); for every stream the browser sends
 * it adds a report block (loss, jitter, LSR/DLSR so the browser can compute its round-trip time); each
 * compound ends with an SDES CNAME (§6.1). The browser's sender sees its real path to the server, which
 * is what its Opus encoder's loss adaptation should react to.
 *
 * <p>Threading: {@link #received} and {@link #senderReport} run on the receive thread; {@link #sent} on
 * whichever thread sends into the leg; {@link #write} on the report timer. Receive statistics are
 * guarded by this object's lock, taken per packet a sender sends upstream (a few speakers' 50 packets a
 * second, never per forwarded packet); send statistics are single-writer fields published with release
 * stores, read without a lock — a report may be one packet behind, which RFC 3550 tolerates.
 */
final class RtcpReporter {

    /** Opus's RTP clock (RFC 7587 §4.1): the only codec the SFU carries. */
    static final int CLOCK_RATE = 48_000;
    /** Upstream streams tracked per leg; a browser sends one (a second only while switching devices). */
    static final int MAX_RECEIVED_STREAMS = 4;
    /** Streams sent into one leg: its receive slots. More SSRCs than this are not reported. */
    static final int MAX_SENT_STREAMS = 8;
    /**
     * Buffer for one compound: at most {@value #MAX_SENT_STREAMS} SRs (28 bytes), {@value #MAX_RECEIVED_STREAMS}
     * report blocks (24) and an SDES chunk per SSRC (16 with our CNAME) — under 500 bytes, so every write fits.
     */
    static final int MAX_COMPOUND = 1_000;

    private final int reporterSsrc;
    private final String cname;
    /** Guarded by this; empty (and unallocated) until the browser sends: a listener's leg never does. */
    private List<ReceiveStats> received = List.of();
    private final SentStream[] sent = new SentStream[MAX_SENT_STREAMS];
    private final NanoClock clock;

    /** Wall-clock and monotonic time, one reading each, so SR timestamps and arrival times agree. */
    interface NanoClock {
        long epochNanos();

        long monotonicNanos();

        NanoClock SYSTEM = new NanoClock() {
            @Override
            public long epochNanos() {
                java.time.Instant now = java.time.Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public long monotonicNanos() {
                return System.nanoTime();
            }
        };
    }

    /**
     * @param reporterSsrc the SSRC that sends receiver reports when the leg has no sent stream yet
     * @param cname        the CNAME of every SDES chunk this leg writes (RFC 3550 §6.5.1)
     */
    RtcpReporter(int reporterSsrc, String cname, NanoClock clock) {
        this.reporterSsrc = reporterSsrc;
        this.cname = cname;
        this.clock = clock;
    }

    /** The SSRC our receiver reports come from while the leg has no sent stream; the answer declares it. */
    int reporterSsrc() {
        return reporterSsrc;
    }

    /** Timer thread only: when this leg's next report is due, or -1 before the first call. */
    private long nextDueNanos = -1;

    /** Whether a report is due at {@code nowNanos}; if so, schedules the next one. Timer thread. */
    boolean due(long nowNanos, long intervalNanos) {
        var random = ThreadLocalRandom.current();
        if (nextDueNanos == -1) {
            nextDueNanos = nowNanos + (long) (intervalNanos * random.nextDouble());
            return false;
        }
        if (nowNanos - nextDueNanos < 0) {
            return false;
        }
        nextDueNanos = nowNanos + (long) (intervalNanos * (0.5 + random.nextDouble()));
        return true;
    }

    /** An authenticated RTP packet from the browser. Receive thread. */
    void received(RtpPacket rtp) {
        long now = clock.monotonicNanos();
        synchronized (this) {
            ReceiveStats stats = stats(rtp.ssrc());
            if (stats != null) {
                stats.update(rtp.sequenceNumber(), rtp.timestamp(), now);
            }
        }
    }

    /** The browser's sender report for its stream, for the LSR/DLSR echo. Receive thread. */
    void senderReport(int ssrc, long ntpTimestamp) {
        long now = clock.monotonicNanos();
        synchronized (this) {
            ReceiveStats stats = stats(ssrc);
            if (stats != null) {
                stats.onSenderReport(ntpTimestamp, now);
            }
        }
    }

    private ReceiveStats stats(int ssrc) {
        for (ReceiveStats s : received) {
            if (s.ssrc() == ssrc) {
                return s;
            }
        }
        if (received.size() == MAX_RECEIVED_STREAMS) {
            return null;
        }
        ReceiveStats s = new ReceiveStats(ssrc, CLOCK_RATE);
        if (received.isEmpty()) {
            received = new ArrayList<>(MAX_RECEIVED_STREAMS);
        }
        received.add(s);
        return s;
    }

    /**
     * A plain RTP packet about to be protected and sent into the leg (RFC 3550 §6.4.1 counts payload
     * octets). Called by the leg's sender; at most one thread at a time per leg.
     */
    void sent(byte[] buf, int off, int len) {
        int headerLength = RtpPacket.headerLength(buf, off, len);
        if (headerLength < 0) {
            return;
        }
        int ssrc = RtpPacket.ssrcAt(buf, off);
        SentStream s = sentStream(ssrc);
        if (s != null) {
            s.count(RtpPacket.timestampAt(buf, off), len - headerLength, clock.monotonicNanos());
        }
    }

    private SentStream sentStream(int ssrc) {
        for (int i = 0; i < sent.length; i++) {
            SentStream s = sent[i];
            if (s == null) {
                // Only the single sender thread adds, so a check-then-set is safe; readers see it or not.
                SentStream created = new SentStream(ssrc);
                SENT.setRelease(sent, i, created);
                return created;
            }
            if (s.ssrc == ssrc) {
                return s;
            }
        }
        return null;
    }

    /**
     * Writes this leg's compound report into {@code buf}: an SR for every sent stream (the first one
     * carrying the report blocks), or an RR when nothing was sent yet, then SDES. Report timer thread.
     *
     * @return the compound's length, or 0 when there is nothing to report
     */
    int write(byte[] buf) {
        List<ReportBlock> blocks = new ArrayList<>(MAX_RECEIVED_STREAMS);
        long monotonic = clock.monotonicNanos();
        long ntp = NtpTime.fromEpochNanos(clock.epochNanos());
        synchronized (this) {
            for (ReceiveStats s : received) {
                ReportBlock block = s.report(monotonic);
                if (block != null) {
                    blocks.add(block);
                }
            }
        }
        List<SentStream> streams = new ArrayList<>(MAX_SENT_STREAMS);
        for (int i = 0; i < sent.length; i++) {
            SentStream s = (SentStream) SENT.getAcquire(sent, i);
            if (s != null && s.packets() > 0) {
                streams.add(s);
            }
        }
        if (streams.isEmpty() && blocks.isEmpty()) {
            return 0;
        }
        int n = 0;
        if (streams.isEmpty()) {
            n += RtcpWriter.writeReceiverReport(buf, n, reporterSsrc, blocks);
        }
        for (int i = 0; i < streams.size(); i++) {
            SentStream s = streams.get(i);
            n += RtcpWriter.writeSenderReport(buf, n, s.ssrc, ntp, s.rtpTimestampAt(monotonic), s.packets(),
                    s.octets(), i == 0 ? blocks : List.of());
        }
        // RFC 3550 §6.1: every compound carries a CNAME; one SDES chunk per SSRC that spoke in it.
        int[] ssrcs = new int[Math.max(1, streams.size())];
        ssrcs[0] = reporterSsrc;
        for (int i = 0; i < streams.size(); i++) {
            ssrcs[i] = streams.get(i).ssrc;
        }
        n += RtcpWriter.writeSdesCname(buf, n, ssrcs, ssrcs.length, cname);
        return n;
    }

    private static final VarHandle SENT = MethodHandles.arrayElementVarHandle(SentStream[].class);

    /** What was sent on one SSRC: single writer (the sender), release stores, lock-free readers. */
    static final class SentStream {
        private static final VarHandle PACKETS;
        private static final VarHandle OCTETS;
        private static final VarHandle LAST_TIMESTAMP;
        private static final VarHandle LAST_NANOS;

        static {
            try {
                var lookup = MethodHandles.lookup();
                PACKETS = lookup.findVarHandle(SentStream.class, "packets", long.class);
                OCTETS = lookup.findVarHandle(SentStream.class, "octets", long.class);
                LAST_TIMESTAMP = lookup.findVarHandle(SentStream.class, "lastTimestamp", long.class);
                LAST_NANOS = lookup.findVarHandle(SentStream.class, "lastNanos", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final int ssrc;
        private long packets;
        private long octets;
        private long lastTimestamp;
        private long lastNanos;

        SentStream(int ssrc) {
            this.ssrc = ssrc;
        }

        void count(long rtpTimestamp, int payloadOctets, long nanos) {
            LAST_TIMESTAMP.setRelease(this, rtpTimestamp);
            LAST_NANOS.setRelease(this, nanos);
            OCTETS.setRelease(this, octets + payloadOctets);
            PACKETS.setRelease(this, packets + 1);
        }

        long packets() {
            return (long) PACKETS.getAcquire(this);
        }

        long octets() {
            return (long) OCTETS.getAcquire(this);
        }

        /**
         * RFC 3550 §6.4.1: the RTP timestamp of the SR's NTP instant — the last packet's timestamp moved on
         * by the time since it was sent (mod 2^32).
         */
        long rtpTimestampAt(long nowNanos) {
            long last = (long) LAST_TIMESTAMP.getAcquire(this);
            long since = Math.max(0, nowNanos - (long) LAST_NANOS.getAcquire(this));
            return (last + since * CLOCK_RATE / 1_000_000_000L) & 0xffff_ffffL;
        }
    }
}
