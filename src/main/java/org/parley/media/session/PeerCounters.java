package org.parley.media.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One leg's packet counters: received and sent per protocol, dropped per {@link PeerDropReason}.
 * Written by the receive thread and the send path, read by anyone (metrics, tests); lock-free.
 */
public final class PeerCounters {

    private final AtomicLongArray dropped = new AtomicLongArray(PeerDropReason.values().length);
    private final AtomicLongArray traffic = new AtomicLongArray(Traffic.values().length);

    enum Traffic {
        RTP_RECEIVED, RTCP_RECEIVED, RTP_SENT, RTCP_SENT,
        /** RTP the handler dropped from its clear header, never decrypted (and not in {@code rtp-received}). */
        RTP_UNDECRYPTED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    void drop(PeerDropReason reason) {
        dropped.incrementAndGet(reason.ordinal());
    }

    void count(Traffic kind) {
        traffic.incrementAndGet(kind.ordinal());
    }

    public long dropped(PeerDropReason reason) {
        return dropped.get(reason.ordinal());
    }

    public long rtpReceived() {
        return traffic.get(Traffic.RTP_RECEIVED.ordinal());
    }

    public long rtcpReceived() {
        return traffic.get(Traffic.RTCP_RECEIVED.ordinal());
    }

    /** RTP packets dropped before decryption ({@link PeerHandler#admitEncrypted}); the handler counted why. */
    public long rtpUndecrypted() {
        return traffic.get(Traffic.RTP_UNDECRYPTED.ordinal());
    }

    public long rtpSent() {
        return traffic.get(Traffic.RTP_SENT.ordinal());
    }

    public long rtcpSent() {
        return traffic.get(Traffic.RTCP_SENT.ordinal());
    }

    private static final String[] LEG_TRAFFIC = java.util.Arrays.stream(Traffic.values())
            .map(t -> "leg." + t.label()).toArray(String[]::new);
    private static final String[] LEG_DROPPED = java.util.Arrays.stream(PeerDropReason.values())
            .map(r -> "leg.dropped." + r.label()).toArray(String[]::new);

    /**
     * Adds every counter to node totals, named as in {@link #snapshot()} with a {@code leg.} prefix: what
     * {@code /metrics} sums over thousands of legs, so it builds no map per leg.
     */
    public void addTo(Map<String, Long> totals) {
        for (int i = 0; i < LEG_TRAFFIC.length; i++) {
            totals.merge(LEG_TRAFFIC[i], traffic.get(i), Long::sum);
        }
        for (int i = 0; i < LEG_DROPPED.length; i++) {
            totals.merge(LEG_DROPPED[i], dropped.get(i), Long::sum);
        }
    }

    /** Every counter by name: {@code rtp-received}, …, {@code dropped.auth-failed}, …. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Traffic t : Traffic.values()) {
            out.put(t.label(), traffic.get(t.ordinal()));
        }
        for (PeerDropReason r : PeerDropReason.values()) {
            out.put("dropped." + r.label(), dropped.get(r.ordinal()));
        }
        return out;
    }
}
