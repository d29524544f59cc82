package org.parley.media.stun;

import java.nio.charset.StandardCharsets;

/**
 * ERROR-CODE (RFC 8489 §14.8): a code 300–699 written as class (hundreds) and number, and a UTF-8
 * reason phrase of at most 127 characters.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Reserved, should be 0         |Class|     Number    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Reason Phrase (variable)                                ..
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ErrorCode(int code, String reason) {

    /** RFC 8489 §14.8: malformed request, e.g. no USERNAME or MESSAGE-INTEGRITY. */
    public static final int BAD_REQUEST = 400;
    /** RFC 8489 §14.8: the credentials are missing or wrong. */
    public static final int UNAUTHENTICATED = 401;
    /** RFC 8489 §14.8: a comprehension-required attribute was not understood. */
    public static final int UNKNOWN_ATTRIBUTE = 420;
    /** RFC 8445 §16.2: both agents claim the same role. */
    public static final int ROLE_CONFLICT = 487;

    /** RFC 8489 §14.8: at most 127 characters. */
    static final int MAX_REASON_BYTES = 763;

    public ErrorCode {
        if (code < 300 || code > 699 || reason == null) {
            throw new IllegalArgumentException("error code must be 300-699 with a reason");
        }
    }

    byte[] encode() {
        byte[] phrase = reason.getBytes(StandardCharsets.UTF_8);
        int phraseLength = Math.min(phrase.length, MAX_REASON_BYTES);
        byte[] value = new byte[4 + phraseLength];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(phrase, 0, value, 4, phraseLength);
        return value;
    }

    static boolean isWellFormed(byte[] buf, int valueOffset, int valueLength) {
        if (valueLength < 4 || valueLength > 4 + MAX_REASON_BYTES) {
            return false;
        }
        int errorClass = buf[valueOffset + 2] & 0x07;
        int number = buf[valueOffset + 3] & 0xFF;
        return errorClass >= 3 && errorClass <= 6 && number <= 99;
    }

    static ErrorCode decode(byte[] buf, int valueOffset, int valueLength) {
        int code = (buf[valueOffset + 2] & 0x07) * 100 + (buf[valueOffset + 3] & 0xFF);
        return new ErrorCode(code, new String(buf, valueOffset + 4, valueLength - 4, StandardCharsets.UTF_8));
    }
}
