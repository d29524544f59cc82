package org.parley.media.dtls;

import java.time.Duration;

/** How a session's handshake ended: with SRTP keys, or with the one reason it failed. */
public sealed interface HandshakeOutcome {

    /**
     * @param keys     the negotiated profile and the SRTP master keys of both directions
     * @param duration from {@link DtlsSession#start()} to keys
     */
    record Connected(DtlsSrtpKeys keys, Duration duration) implements HandshakeOutcome {
    }

    /** @param reason the first thing that went wrong */
    record Failed(DtlsFailure reason) implements HandshakeOutcome {
    }
}
