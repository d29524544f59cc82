package org.parley.media.session;

import java.util.Locale;

/** Why a {@link PeerSession} dropped a packet, in either direction; each is counted separately. */
public enum PeerDropReason {
    /** SRTP or SRTCP arrived before the DTLS handshake produced keys (or after close). */
    BEFORE_KEYS,
    /** The SRTP/SRTCP authentication tag did not verify (RFC 3711 §3.3 step 5, RFC 7714 §5.2). */
    AUTH_FAILED,
    /** The packet index was already seen or is too old (RFC 3711 §3.3.2). */
    REPLAY,
    /** Not parseable as SRTP/SRTCP, or not valid RTP/RTCP once decrypted. */
    MALFORMED,
    /** Larger than the per-peer packet buffer ({@link PeerSession#MAX_PACKET}). */
    TOO_LARGE,
    /** The peer used more SSRCs than {@link org.parley.media.srtp.SrtpConfig#maxStreams()} allows. */
    TOO_MANY_STREAMS,
    /** Any other SRTP failure (crypto provider error, session closed mid-packet). */
    SRTP_FAILED,
    /** The {@link PeerHandler} threw; the packet is lost, the loop goes on. */
    HANDLER_ERROR,
    /** {@link PeerSession#sendRtp} before keys or after close. */
    SEND_NOT_CONNECTED,
    /** {@link PeerSession#sendRtp} could not protect the packet (bad RTP, too large, refused index). */
    SEND_PROTECT_FAILED,
    /** The transport refused to send (no selected address, consent gone, socket error). */
    SEND_FAILED;

    /** The counter name, e.g. {@code auth-failed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
