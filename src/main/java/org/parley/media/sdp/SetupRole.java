package org.parley.media.sdp;

import java.util.Optional;

/**
 * The offerer's {@code a=setup} role (RFC 4145 §4, RFC 8842 §5). We are always the DTLS server and
 * answer {@code passive}, so an offer may only be {@code actpass} or {@code active}.
 */
public enum SetupRole {
    ACTPASS, ACTIVE;

    static Optional<SetupRole> fromAttribute(String value) {
        return switch (value) {
            case "actpass" -> Optional.of(ACTPASS);
            case "active" -> Optional.of(ACTIVE);
            default -> Optional.empty();
        };
    }
}
