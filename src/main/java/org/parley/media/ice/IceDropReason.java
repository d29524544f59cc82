package org.parley.media.ice;

import java.util.Locale;

/** Why the agent did not accept a STUN message as a valid connectivity check; each one is counted. */
public enum IceDropReason {
    /** Not a well-formed STUN message (the parser's reason is counted by whoever parsed it). */
    MALFORMED_STUN,
    /** Not a Binding request: other methods are not spoken here. Dropped silently. */
    UNSUPPORTED_METHOD,
    /** A Binding indication (a keepalive, RFC 8445 §11): ignored, as RFC 8489 §6.3.2 allows. */
    INDICATION,
    /** A response, but a lite agent never sends requests (RFC 8445 §2.5). Dropped silently. */
    UNEXPECTED_RESPONSE,
    /** RFC 8445 §7.1: checks carry FINGERPRINT; one without it is not trusted as ICE. Dropped silently. */
    MISSING_FINGERPRINT,
    /** RFC 8489 §9.1.3: no USERNAME or no MESSAGE-INTEGRITY. Answered with 400. */
    MISSING_CREDENTIALS,
    /** RFC 8445 §7.3: USERNAME is not {@code localUfrag:remoteUfrag} of this session. Answered with 401. */
    UNKNOWN_USERNAME,
    /** RFC 8489 §9.1.3: MESSAGE-INTEGRITY does not verify with the local password. Answered with 401. */
    BAD_INTEGRITY,
    /** RFC 8489 §6.3.1: a comprehension-required attribute we do not know. Answered with 420. */
    UNKNOWN_ATTRIBUTE,
    /** RFC 8445 §7.3.1.1: the peer claims to be controlled too; a lite agent stays controlled. Answered with 487. */
    ROLE_CONFLICT,
    /** RFC 7675: consent has expired; the peer is gone and checks are no longer answered. */
    CONSENT_EXPIRED;

    /** The counter name, e.g. {@code bad-integrity}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
