package org.parley.media.rtp;

/**
 * RTP header extension elements, RFC 8285. The extension data of RFC 3550 §5.3.1 holds a list of
 * elements in one of two forms, chosen by the "defined by profile" field.
 *
 * <p>One-byte form (RFC 8285 §4.2), profile 0xBEDE; ID 1..14, L = length - 1 (1..16 data bytes); a zero
 * byte is padding; ID 15 stops processing:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       0xBE    |    0xDE       |           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=0   |     data      |  ID   |  L=1  |   data...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Two-byte form (RFC 8285 §4.3), profile 0x100 followed by 4 application bits (0x1000..0x100F);
 * ID 1..255, L = data length (0..255); a zero byte is padding:
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         0x100         |appbits|           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      ID       |     L=0       |     ID        |     L=1       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       data    |    0 (pad)    |       ID      |      L=4      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class HeaderExtensions {

    /** RFC 8285 §4.2: the one-byte header form's profile value. */
    static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** RFC 8285 §4.3: the two-byte form's profile is 0x100X; X is for the application. */
    static final int TWO_BYTE_PROFILE = 0x1000;
    static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
    /** RFC 8285 §4.2: ID 15 is reserved; processing stops there. */
    private static final int ONE_BYTE_STOP_ID = 15;

    private HeaderExtensions() {
    }

    static boolean isOneByte(int profile) {
        return profile == ONE_BYTE_PROFILE;
    }

    static boolean isTwoByte(int profile) {
        return (profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE;
    }

    /**
     * Finds element {@code id} in the extension data {@code [off, off + len)}.
     *
     * @return {@code (dataOffset << 16) | dataLength}, or -1 if absent, not RFC 8285, or malformed before
     *     the element (an element running past the end is malformed, never read)
     */
    static long find(byte[] buf, int off, int len, int profile, int id) {
        if (id <= 0) {
            return -1;
        }
        int end = off + len;
        if (isOneByte(profile)) {
            if (id >= ONE_BYTE_STOP_ID) {
                return -1;
            }
            int i = off;
            while (i < end) {
                int b = buf[i] & 0xff;
                int elementId = b >>> 4;
                if (elementId == 0) {
                    i++; // padding byte
                    continue;
                }
                if (elementId == ONE_BYTE_STOP_ID) {
                    return -1;
                }
                int dataLength = (b & 0x0f) + 1;
                int data = i + 1;
                if (data + dataLength > end) {
                    return -1;
                }
                if (elementId == id) {
                    return ((long) data << 16) | dataLength;
                }
                i = data + dataLength;
            }
            return -1;
        }
        if (isTwoByte(profile)) {
            if (id > 255) {
                return -1;
            }
            int i = off;
            while (i < end) {
                int elementId = buf[i] & 0xff;
                if (elementId == 0) {
                    i++; // padding byte
                    continue;
                }
                if (i + 2 > end) {
                    return -1;
                }
                int dataLength = buf[i + 1] & 0xff;
                int data = i + 2;
                if (data + dataLength > end) {
                    return -1;
                }
                if (elementId == id) {
                    return ((long) data << 16) | dataLength;
                }
                i = data + dataLength;
            }
        }
        return -1;
    }
}
