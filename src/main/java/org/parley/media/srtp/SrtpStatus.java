package org.parley.media.srtp;

import java.util.Locale;

/** The outcome of protecting or unprotecting one packet; every outcome is counted. */
public enum SrtpStatus {
    /** Done; the buffer's length now covers the protected or plain packet. */
    OK,
    /** Too short for an RTP/RTCP header (plus tag, when unprotecting), or not version 2. */
    MALFORMED,
    /** The authentication tag does not match (RFC 3711 §3.3 step 5, RFC 7714 §5.2): forged or corrupted. */
    AUTH_FAILED,
    /**
     * The packet index was already seen or is older than the 64-packet replay window (RFC 3711 §3.3.2).
     * When protecting, it means we were about to reuse an index, i.e. a keystream or GCM nonce.
     */
    REPLAY,
    /** The buffer has no room after the packet for the tag (and SRTCP index) being appended. */
    BUFFER_TOO_SMALL,
    /** A new SSRC would exceed the session's limit of crypto contexts. */
    TOO_MANY_STREAMS,
    /** The session was closed. */
    CLOSED,
    /** The crypto provider failed unexpectedly. */
    FAILED;

    /** The counter name, e.g. {@code auth-failed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
