package org.parley.media.sdp;

import java.util.Optional;

/** An m-line's direction attribute (RFC 8866 §6.7); {@code sendrecv} when the m-line names none. */
public enum MediaDirection {
    SENDRECV("sendrecv"), SENDONLY("sendonly"), RECVONLY("recvonly"), INACTIVE("inactive");

    private final String sdp;

    MediaDirection(String sdp) {
        this.sdp = sdp;
    }

    /** The attribute name, e.g. {@code recvonly}. */
    public String toSdp() {
        return sdp;
    }

    /** Whether the offerer sends media on this m-line. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether the offerer receives media on this m-line. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    static Optional<MediaDirection> fromAttribute(String name) {
        for (MediaDirection direction : values()) {
            if (direction.sdp.equals(name)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
