package org.parley.media.stun;

/**
 * A STUN message type: a 12-bit method and a 2-bit class, interleaved in the 14 low bits of the first
 * header field (RFC 8489 §5):
 *
 * <pre>
 *  0                 1
 *  2  3  4 5 6 7 8 9 0 1 2 3 4 5
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 * |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StunMessageType(int method, StunClass stunClass) {

    /** The only method ICE uses (RFC 8489 §18.2). */
    public static final int BINDING = 0x001;

    public static final StunMessageType BINDING_REQUEST = new StunMessageType(BINDING, StunClass.REQUEST);
    public static final StunMessageType BINDING_INDICATION = new StunMessageType(BINDING, StunClass.INDICATION);
    public static final StunMessageType BINDING_SUCCESS = new StunMessageType(BINDING, StunClass.SUCCESS_RESPONSE);
    public static final StunMessageType BINDING_ERROR = new StunMessageType(BINDING, StunClass.ERROR_RESPONSE);

    public StunMessageType {
        if (method < 0 || method > 0xFFF || stunClass == null) {
            throw new IllegalArgumentException("method must fit 12 bits and a class is required");
        }
    }

    /** The 14-bit value written in the header. */
    public int encode() {
        int c = stunClass.bits;
        return (method & 0x000F)
                | ((c & 0b01) << 4)
                | ((method & 0x0070) << 1)
                | ((c & 0b10) << 7)
                | ((method & 0x0F80) << 2);
    }

    /** Reads the 14 low bits of {@code value}; every value is a valid type. */
    public static StunMessageType decode(int value) {
        int method = (value & 0x000F) | ((value & 0x00E0) >> 1) | ((value & 0x3E00) >> 2);
        int c = ((value & 0x0010) >> 4) | ((value & 0x0100) >> 7);
        if (method == BINDING) {
            return switch (c) {
                case 0b00 -> BINDING_REQUEST;
                case 0b01 -> BINDING_INDICATION;
                case 0b10 -> BINDING_SUCCESS;
                default -> BINDING_ERROR;
            };
        }
        return new StunMessageType(method, StunClass.ofBits(c));
    }

    public boolean isBinding() {
        return method == BINDING;
    }
}
