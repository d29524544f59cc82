package org.parley.media.session;

import java.util.concurrent.locks.ReentrantLock;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpSession;
import org.parley.media.srtp.SrtpStatus;
import org.parley.media.transport.MediaPeer;
import org.parley.media.udp.SendBatch;

/**
 * The outgoing half of a leg: protects plain RTP/RTCP with the leg's send-side SRTP contexts and hands it
 * to the peer's selected address. Forwarded RTP is protected in the sender thread's own buffer and queued
 * on its batch ({@link #queueRtp}); anything else (RTCP reports, a test's packet) is copied into a new
 * buffer and sent at once ({@link #send}). The leg keeps no packet buffer of its own.
 *
 * <p>Threading: guarded by one lock, not thread confinement, because more than one thread protects: the
 * forwarding thread (RTP), the RTCP timer, and {@link #close} from whoever ends the session. The lock owns
 * the send-side SRTP contexts, whose packet indexes must never be reused, so two threads must not protect
 * at once. It is held only while protecting. Uncontended (the common case) it costs a CAS.
 */
final class SendPath {

    private final MediaPeer peer;
    private final PeerCounters counters;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}; null before keys and after close. */
    private SrtpSession srtp;
    /** The keyed session's overheads, for sizing copies without the lock; 0 before keys. */
    private volatile int rtpOverhead;
    private volatile int rtcpOverhead;

    SendPath(MediaPeer peer, PeerCounters counters) {
        this.peer = peer;
        this.counters = counters;
    }

    void keyed(SrtpSession session) {
        lock.lock();
        try {
            this.srtp = session;
            rtpOverhead = session.profile().rtpOverhead();
            rtcpOverhead = session.profile().rtcpOverhead();
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

    /**
     * Protects the plain RTP packet in {@code packet} in place (it needs the profile's overhead as room
     * after it) and queues it on {@code batch}. False, and counted, if the leg is not keyed, the packet
     * cannot be protected, or there is no address to send to.
     */
    boolean queueRtp(SrtpBuffer packet, SendBatch batch) {
        if (!protect(packet, false)) {
            return false;
        }
        if (!peer.queue(batch, packet.array(), packet.offset(), packet.length())) {
            counters.drop(PeerDropReason.SEND_FAILED);
            return false;
        }
        counters.count(PeerCounters.Traffic.RTP_SENT);
        return true;
    }

    /** Protects a copy of {@code buf}'s region (the caller keeps {@code buf}) and sends it now. */
    boolean send(byte[] buf, int off, int len, boolean rtcp) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("region outside the array");
        }
        int overhead = rtcp ? rtcpOverhead : rtpOverhead;
        if (len > PeerSession.MAX_PACKET - overhead) {
            counters.drop(PeerDropReason.SEND_PROTECT_FAILED);
            return false;
        }
        byte[] copy = new byte[len + Math.max(overhead, MAX_OVERHEAD)];
        System.arraycopy(buf, off, copy, 0, len);
        SrtpBuffer packet = new SrtpBuffer(copy, 0, len);
        if (!protect(packet, rtcp)) {
            return false;
        }
        if (!peer.send(copy, packet.offset(), packet.length())) {
            counters.drop(PeerDropReason.SEND_FAILED);
            return false;
        }
        counters.count(rtcp ? PeerCounters.Traffic.RTCP_SENT : PeerCounters.Traffic.RTP_SENT);
        return true;
    }

    /** Room for the largest overhead of any profile (SRTCP with GCM: 4-byte index and 16-byte tag). */
    private static final int MAX_OVERHEAD = 20;

    private boolean protect(SrtpBuffer packet, boolean rtcp) {
        lock.lock();
        try {
            SrtpSession session = srtp;
            if (session == null) {
                counters.drop(PeerDropReason.SEND_NOT_CONNECTED);
                return false;
            }
            SrtpStatus status = rtcp ? session.protectRtcp(packet) : session.protectRtp(packet);
            if (status != SrtpStatus.OK) {
                counters.drop(PeerDropReason.SEND_PROTECT_FAILED);
                return false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
