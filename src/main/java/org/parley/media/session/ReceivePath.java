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
 * The incoming half of a leg: the peer's SRTP sink. Decrypts each datagram in place in the transport's
 * buffer (the receive thread's, free to change until the next datagram), and either hands RTP to the {@link PeerHandler} or terminates RTCP here (each leg is its own
 * RTCP session, like Jitsi's: the browser's receiver reports describe the SFU's streams, not a sender's,
 * so none is forwarded; SDES CNAME and BYE are noted).
 *
 * <p>Threading: {@link #receive} runs only on the transport's receive thread, which owns the buffer and the
 * parser views (so the leg keeps no packet buffer of its own); {@link #keyed} and {@link #unkeyed} swap the volatile SRTP session from other threads.
 */
final class ReceivePath implements PacketSink {

    private static final Logger log = LoggerFactory.getLogger(ReceivePath.class);

    /**
     * Of the packets the handler would drop undecrypted, one is decrypted anyway whenever its sequence
     * number is this far past the last decrypted one's, or its SSRC differs. RFC 3711 §3.3.1 (and App. A)
     * guesses a packet's rollover counter from its sequence number relative to the highest one decrypted,
     * which only works while they are less than 2^15 apart: a speaker muted for longer than that (~11 min
     * at 50 packets/s) and never decrypted would come back with the wrong ROC guess, failing
     * authentication for good. 1,024 (~20 s at 50 packets/s) keeps the gap far from 2^15 even with heavy
     * loss, and costs one decryption in 1,024 of a muted speaker's packets.
     */
    static final int DECRYPT_EVERY_SEQ = 1024;

    private static final byte[] EMPTY = new byte[0];

    private final String logContext;
    private final PeerCounters counters;
    private final PeerHandler handler;
    private final RtcpReporter reports;

    // Receive thread only.
    private final SrtpBuffer packet = new SrtpBuffer(EMPTY, 0, 0);
    private final RtpPacket rtp = new RtpPacket();
    private final RtcpCompound rtcp = new RtcpCompound();
    /** View of the clear header before decryption. */
    private final RtpPacket header = new RtpPacket();
    private boolean loggedHandlerError;
    /** SSRC and sequence number of the last RTP packet decrypted; {@code decrypted} false before the first. */
    private boolean decrypted;
    private int decryptedSsrc;
    private int decryptedSeq;
    private final int decryptEverySeq;

    /** Null before the handshake and after close: everything is then dropped as before-keys. */
    private volatile SrtpSession srtp;
    private volatile String remoteCname;

    ReceivePath(String logContext, PeerCounters counters, PeerHandler handler, RtcpReporter reports) {
        this(logContext, counters, handler, reports, DECRYPT_EVERY_SEQ);
    }

    /** As the main constructor with another {@link #DECRYPT_EVERY_SEQ} (tests show why it is needed). */
    ReceivePath(String logContext, PeerCounters counters, PeerHandler handler, RtcpReporter reports,
                int decryptEverySeq) {
        this.logContext = logContext;
        this.counters = counters;
        this.handler = handler;
        this.reports = reports;
        this.decryptEverySeq = decryptEverySeq;
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
        if (len > PeerSession.MAX_PACKET) {
            counters.drop(PeerDropReason.TOO_LARGE);
            return;
        }
        packet.set(buf, off, len); // decrypted in place: the transport lets sinks write its buffer
        // RFC 5761 §4: with rtcp-mux, the second byte tells RTCP (192..223) from RTP.
        if (RtcpPacketType.isRtcp(buf, off, len)) {
            receiveRtcp(session);
        } else {
            receiveRtp(session);
        }
    }

    private void receiveRtp(SrtpSession session) {
        if (droppedUndecrypted()) {
            return;
        }
        if (!unprotected(session.unprotectRtp(packet))) {
            return;
        }
        if (rtp.wrap(packet.array(), packet.offset(), packet.length()) != null) {
            counters.drop(PeerDropReason.MALFORMED);
            return;
        }
        // Authentic: SRTP's index estimate has moved on to this packet.
        decrypted = true;
        decryptedSsrc = rtp.ssrc();
        decryptedSeq = rtp.sequenceNumber();
        counters.count(PeerCounters.Traffic.RTP_RECEIVED);
        reports.received(rtp);
        try {
            handler.onRtp(rtp);
        } catch (RuntimeException e) {
            handlerFailed(e);
        }
    }

    /**
     * Asks the handler about the clear header (see {@link PeerHandler#admitEncrypted}); true if it dropped
     * the packet. A packet that cannot be parsed, or that is due for decryption to keep the ROC estimate
     * right ({@link #DECRYPT_EVERY_SEQ}), is never dropped here.
     */
    private boolean droppedUndecrypted() {
        if (header.wrapEncrypted(packet.array(), packet.offset(), packet.length()) != null) {
            return false; // unprotect will reject it with a reason
        }
        int sinceDecrypted = (header.sequenceNumber() - decryptedSeq) & 0xffff;
        if (!decrypted || header.ssrc() != decryptedSsrc || sinceDecrypted >= decryptEverySeq) {
            return false;
        }
        boolean admit;
        try {
            admit = handler.admitEncrypted(header);
        } catch (RuntimeException e) {
            handlerFailed(e);
            return true;
        }
        if (!admit) {
            counters.count(PeerCounters.Traffic.RTP_UNDECRYPTED);
            // It did arrive: our receiver report must not tell the browser's encoder it was lost.
            reports.received(header);
        }
        return !admit;
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
