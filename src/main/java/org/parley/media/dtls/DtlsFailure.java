package org.parley.media.dtls;

import java.util.Locale;

/** Why a DTLS session did not get to SRTP keys; each is logged once per session and counted. */
public enum DtlsFailure {
    /** The handshake did not finish within {@link DtlsConfig#handshakeTimeout()}. */
    TIMEOUT,
    /** The node already runs {@link DtlsConfig#maxPendingHandshakes()} handshakes; this one never started. */
    TOO_MANY_HANDSHAKES,
    /** RFC 8827 §6.5: the client's certificate does not match any {@code a=fingerprint} of its offer. */
    FINGERPRINT_MISMATCH,
    /** RFC 5763 §5: the client sent no certificate, though WebRTC requires one. */
    NO_CLIENT_CERTIFICATE,
    /** RFC 5764 §4.1.1: no {@code use_srtp} extension, or no profile we support in it. */
    NO_SRTP_PROFILE,
    /** RFC 7627 §5.3: the client did not offer the extended master secret. */
    NO_EXTENDED_MASTER_SECRET,
    /** No common cipher suite, group or signature algorithm (a handshake_failure alert we raised). */
    HANDSHAKE_FAILURE,
    /** The client sent a fatal alert. */
    PEER_ALERT,
    /** The client broke the protocol (any other fatal alert we raised: decode errors, bad Finished, …). */
    PROTOCOL_ERROR,
    /** {@link DtlsSession#close()} was called before the handshake finished. */
    CLOSED,
    /** A bug or an unexpected exception; logged with its stack trace. */
    INTERNAL_ERROR;

    /** The counter name, e.g. {@code fingerprint-mismatch}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
