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
