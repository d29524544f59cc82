package org.parley.media.session;

/** Where a {@link PeerSession} is; it only moves forward, and every state may jump to {@link #CLOSED}. */
public enum PeerState {
    /** Made, remote ICE credentials not set yet (momentary: {@link PeerSession#open} sets them). */
    NEW,
    /** Waiting for the browser's connectivity checks to nominate an address (RFC 8445 §7.3.1.5). */
    CONNECTING,
    /** An address is nominated and the DTLS handshake runs (RFC 5764 §4). */
    DTLS,
    /** SRTP keys are in place: media flows both ways. */
    CONNECTED,
    /** Ended; every layer is closed. Final. */
    CLOSED
}
