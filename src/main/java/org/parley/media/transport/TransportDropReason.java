package org.parley.media.transport;

import java.util.Locale;

/** Why the transport dropped a datagram (received or to be sent); each one is counted. */
enum TransportDropReason {
    /** First byte outside the STUN, DTLS and RTP ranges of RFC 7983 §7, or an empty datagram. */
    UNKNOWN_PROTOCOL,
    /** DTLS or SRTP from an address no peer has nominated, or STUN with no USERNAME from one. */
    UNKNOWN_SOURCE,
    /** STUN whose USERNAME names a local ufrag no peer owns. */
    UNKNOWN_UFRAG,
    /** The peer has no DTLS or SRTP sink attached yet. */
    NO_HANDLER,
    /** A sink threw. */
    HANDLER_ERROR,
    /** The socket reported an error while receiving. */
    RECEIVE_ERROR,
    /** Sending to a peer that has no selected address (not nominated yet, closed or expired). */
    NO_SELECTED_ADDRESS,
    /** The socket refused a send. */
    SEND_ERROR;

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
