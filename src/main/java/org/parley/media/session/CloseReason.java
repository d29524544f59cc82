package org.parley.media.session;

import java.util.Locale;

/** Why a {@link PeerSession} closed; told once to {@link PeerHandler#onClosed}. */
public enum CloseReason {
    /** {@link PeerSession#close()} was called (the participant left or was removed). */
    LOCAL,
    /** RFC 7675 §5.1: no valid connectivity check within the consent timeout; the browser is gone. */
    CONSENT_EXPIRED,
    /** The DTLS handshake failed; {@link PeerSession#dtlsFailure()} says how. */
    HANDSHAKE_FAILED,
    /** The browser ended DTLS (close_notify, RFC 5246 §7.2.1) after the handshake, or DTLS stopped. */
    DTLS_CLOSED,
    /** Building the SRTP contexts from the exported keys failed (a bug: the profiles disagree). */
    SRTP_SETUP_FAILED;

    /** The counter and log name, e.g. {@code consent-expired}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
