package org.parley.media.session;

import java.util.List;
import org.parley.media.rtcp.Bye;
import org.parley.media.rtcp.RtcpCompound;
import org.parley.media.rtcp.RtcpPacketType;
import org.parley.media.rtcp.SdesChunk;
import org.parley.media.rtcp.SenderReport;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpSession;
import org.parley.media.srtp.SrtpStatus;
import org.parley.media.transport.PacketSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incoming half of a leg: the peer's SRTP sink. Copies each datagram into its own buffer, decrypts it
 * in place, and either hands RTP to the {@link PeerHandler} or terminates RTCP here (each leg is its own
 * RTCP session, like Jitsi's: the browser's receiver reports describe the SFU's streams, not a sender's,
 * so none is forwarded; SDES CNAME and BYE are noted).
 *
 * <p>Threading: {@link #receive} runs only on the transport's receive thread, which owns the buffer and the
 * parser views; {@link #keyed} and {@link #unkeyed} swap the volatile SRTP session from other threads.
 */
final class ReceivePath implements PacketSink {

    private static final Logger log = LoggerFactory.getLogger(ReceivePath.class);

    private final String logContext;
    private final PeerCounters counters;
    private final PeerHandler handler;
    private final RtcpReporter reports;

    // Receive thread only.
    private final SrtpBuffer packet = new SrtpBuffer(new byte[PeerSession.MAX_PACKET], 0, 0);
    private final RtpPacket rtp = new RtpPacket();
    private final RtcpCompound rtcp = new RtcpCompound();
    private boolean loggedHandlerError;

    /** Null before the handshake and after close: everything is then dropped as before-keys. */
    private volatile SrtpSession srtp;
    private volatile String remoteCname;

    ReceivePath(String logContext, PeerCounters counters, PeerHandler handler, RtcpReporter reports) {
        this.logContext = logContext;
        this.counters = counters;
        this.handler = handler;
        this.reports = reports;
    }

    void keyed(SrtpSession session) {
        this.srtp = session;
    }

    void unkeyed() {
        this.srtp = null;
    }

    /** The CNAME of the browser's latest SDES (RFC 3550 §6.5.1), or null. */
    String remoteCname() {
        return remoteCname;
    }

    /** A datagram the transport classified as SRTP/SRTCP (RFC 7983 §7: first byte 128..191). */
    @Override
    public void receive(byte[] buf, int off, int len) {
        SrtpSession session = srtp;
        if (session == null) {
            counters.drop(PeerDropReason.BEFORE_KEYS);
            return;
        }
        byte[] array = packet.array();
        if (len > array.length) {
            counters.drop(PeerDropReason.TOO_LARGE);
            return;
        }
        // Our own copy: SRTP decrypts in place, and the transport's buffer is not ours to write.
        System.arraycopy(buf, off, array, 0, len);
        packet.set(0, len);
        // RFC 5761 §4: with rtcp-mux, the second byte tells RTCP (192..223) from RTP.
        if (RtcpPacketType.isRtcp(array, 0, len)) {
            receiveRtcp(session);
        } else {
            receiveRtp(session);
        }
    }

    private void receiveRtp(SrtpSession session) {
        if (!unprotected(session.unprotectRtp(packet))) {
            return;
        }
        if (rtp.wrap(packet.array(), packet.offset(), packet.length()) != null) {
            counters.drop(PeerDropReason.MALFORMED);
            return;
        }
        counters.count(PeerCounters.Traffic.RTP_RECEIVED);
        reports.received(rtp);
        try {
            handler.onRtp(rtp);
        } catch (RuntimeException e) {
            handlerFailed(e);
        }
    }

    private void receiveRtcp(SrtpSession session) {
        if (!unprotected(session.unprotectRtcp(packet))) {
            return;
        }
        if (rtcp.wrap(packet.array(), packet.offset(), packet.length()) != null) {
            counters.drop(PeerDropReason.MALFORMED);
            return;
        }
        counters.count(PeerCounters.Traffic.RTCP_RECEIVED);
        while (rtcp.next()) {
            switch (rtcp.packetType()) {
                case RtcpPacketType.SR -> noteSenderReport(rtcp.senderReport());
                case RtcpPacketType.SDES -> noteSdes(rtcp.sdes());
                case RtcpPacketType.BYE -> noteBye(rtcp.bye());
                default -> {
                    // RR, feedback, XR: terminated on this leg; the browser's reports are about the
                    // SFU's streams, and the SFU sends its own (RtcpReporter).
                }
            }
        }
    }

    private void noteSenderReport(SenderReport sr) {
        if (sr != null) {
            reports.senderReport(sr.senderSsrc(), sr.ntpTimestamp());
        }
    }

    private void noteSdes(List<SdesChunk> chunks) {
        for (SdesChunk chunk : chunks) {
            if (chunk.cname() != null) {
                remoteCname = chunk.cname();
            }
        }
    }

    private void noteBye(Bye bye) {
        if (bye == null) {
            return;
        }
        log.debug("[{}] RTCP BYE for {} source(s)", logContext, bye.ssrcs().size());
        try {
            handler.onBye(bye.ssrcs());
        } catch (RuntimeException e) {
            handlerFailed(e);
        }
    }

    /** Counts a failed unprotect by reason; true if the packet is now plain. */
    private boolean unprotected(SrtpStatus status) {
        PeerDropReason reason = switch (status) {
            case OK -> null;
            case AUTH_FAILED -> PeerDropReason.AUTH_FAILED;
            case REPLAY -> PeerDropReason.REPLAY;
            case MALFORMED, BUFFER_TOO_SMALL -> PeerDropReason.MALFORMED;
            case TOO_MANY_STREAMS -> PeerDropReason.TOO_MANY_STREAMS;
            case CLOSED -> PeerDropReason.BEFORE_KEYS; // closed while this packet was on its way
            case FAILED -> PeerDropReason.SRTP_FAILED;
        };
        if (reason != null) {
            counters.drop(reason);
            log.trace("[{}] SRTP packet dropped: {}", logContext, reason.label());
            return false;
        }
        return true;
    }

    private void handlerFailed(RuntimeException e) {
        counters.drop(PeerDropReason.HANDLER_ERROR);
        if (!loggedHandlerError) {
            loggedHandlerError = true;
            log.warn("[{}] the media handler threw; further failures are only counted", logContext, e);
        }
    }
}
