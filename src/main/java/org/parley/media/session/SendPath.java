package org.parley.media.session;

import java.util.concurrent.locks.ReentrantLock;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpSession;
import org.parley.media.srtp.SrtpStatus;
import org.parley.media.transport.MediaPeer;

/**
 * The outgoing half of a leg: copies a plain RTP/RTCP packet into its own buffer, protects it and sends it
 * to the peer's selected address.
 *
 * <p>Threading: guarded by one lock, not thread confinement, because more than one thread sends: the
 * forwarding thread (RTP), later an RTCP timer, and {@link #close} from whoever ends the session. The lock
 * owns the send buffer and the send-side SRTP contexts (whose packet indexes must never be reused, so two
 * threads must not protect at once). It is held across the UDP send so the buffer is not overwritten
 * under it; a UDP send does not block for long. Uncontended (the common case) it costs a CAS.
 */
final class SendPath {

    private final MediaPeer peer;
    private final PeerCounters counters;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final SrtpBuffer packet = new SrtpBuffer(new byte[PeerSession.MAX_PACKET], 0, 0);
    /** Guarded by {@link #lock}; null before keys and after close. */
    private SrtpSession srtp;

    SendPath(MediaPeer peer, PeerCounters counters) {
        this.peer = peer;
        this.counters = counters;
    }

    void keyed(SrtpSession session) {
        lock.lock();
        try {
            this.srtp = session;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets and closes the SRTP session (wiping its keys); later sends are not-connected. */
    void close() {
        lock.lock();
        try {
            if (srtp != null) {
                srtp.close();
                srtp = null;
            }
        } finally {
            lock.unlock();
        }
    }

    boolean send(byte[] buf, int off, int len, boolean rtcp) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("region outside the array");
        }
        lock.lock();
        try {
            SrtpSession session = srtp;
            if (session == null) {
                counters.drop(PeerDropReason.SEND_NOT_CONNECTED);
                return false;
            }
            int overhead = rtcp ? session.profile().rtcpOverhead() : session.profile().rtpOverhead();
            byte[] array = packet.array();
            if (len > array.length - overhead) {
                counters.drop(PeerDropReason.SEND_PROTECT_FAILED);
                return false;
            }
            System.arraycopy(buf, off, array, 0, len);
            packet.set(0, len);
            SrtpStatus status = rtcp ? session.protectRtcp(packet) : session.protectRtp(packet);
            if (status != SrtpStatus.OK) {
                counters.drop(PeerDropReason.SEND_PROTECT_FAILED);
                return false;
            }
            if (!peer.send(array, packet.offset(), packet.length())) {
                counters.drop(PeerDropReason.SEND_FAILED);
                return false;
            }
            counters.count(rtcp ? PeerCounters.Traffic.RTCP_SENT : PeerCounters.Traffic.RTP_SENT);
            return true;
        } finally {
            lock.unlock();
        }
    }
}
