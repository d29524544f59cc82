package org.parley.media.stun;

/** The two class bits of a STUN message type (RFC 8489 §5). */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    static StunClass ofBits(int bits) {
        return switch (bits & 0b11) {
            case 0b00 -> REQUEST;
            case 0b01 -> INDICATION;
            case 0b10 -> SUCCESS_RESPONSE;
            default -> ERROR_RESPONSE;
        };
    }
}
