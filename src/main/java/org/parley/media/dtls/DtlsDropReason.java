package org.parley.media.dtls;

import java.util.Locale;

/** Why a datagram given to a {@link DtlsSession} was not handed to bctls; each is counted separately. */
public enum DtlsDropReason {
    /** The offset or length do not describe a region of the buffer. */
    BAD_BOUNDS,
    /** A record's content type is none DTLS 1.2 defines (20..25: change_cipher_spec … tls12_cid). */
    UNKNOWN_CONTENT_TYPE,
    /** A record header, or the fragment its length announces, runs past the end of the datagram (RFC 6347 §4.1). */
    TRUNCATED,
    /**
     * A record that cannot be what it claims: not a DTLS version, an epoch we never reach, or an
     * unencrypted (epoch 0) record whose content does not fit its type. Garbage or a forgery; either way
     * it must not reach bctls, whose epoch-0 replay window it would move (see {@link DtlsRecords}).
     */
    GARBLED,
    /** Larger than any datagram a peer with a sane MTU sends. */
    OVERSIZE,
    /** The session's queue is full: the handshake thread is not keeping up (or the peer floods). */
    QUEUE_FULL,
    /** The session is closed or failed. */
    CLOSED,
    /** Application data after the handshake: WebRTC audio uses no data channels. */
    APPLICATION_DATA,
    /**
     * An encrypted record after the handshake that failed authentication or repeated one already received
     * (RFC 6347 §4.1.2.6–4.1.2.7: discarded): a forgery, garbage, or a duplicate from the network.
     */
    NOT_AUTHENTIC;

    /** The counter name, e.g. {@code queue-full}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
