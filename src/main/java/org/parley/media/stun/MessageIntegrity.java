package org.parley.media.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message up to, not including, the attribute,
 * computed as if the header length field already counted the attribute (and nothing after it):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type 0x0008           |          Length 20            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  HMAC-SHA1 (20 bytes)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * With short-term credentials, as ICE uses them, the key is the password itself (RFC 8489 §9.1.1;
 * ICE passwords are ASCII ice-chars, so OpaqueString processing leaves them unchanged).
 */
public final class MessageIntegrity {

    /** Size of the HMAC-SHA1 value. */
    public static final int VALUE_LENGTH = 20;
    /** Size of the whole attribute: 4-byte header plus value. */
    public static final int ATTRIBUTE_LENGTH = 4 + VALUE_LENGTH;

    private MessageIntegrity() {
    }

    /** The short-term credential key of a password (RFC 8489 §9.1.1). */
    public static byte[] shortTermKey(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * HMAC-SHA1 of {@code message[0, integrityOffset)} with the header length field replaced by
     * {@code integrityOffset - 20 + 24}; {@code integrityOffset} is where the MESSAGE-INTEGRITY attribute
     * header starts.
     */
    static byte[] compute(byte[] key, byte[] message, int integrityOffset) {
        int adjustedLength = integrityOffset - StunMessage.HEADER_LENGTH + ATTRIBUTE_LENGTH;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            // An empty key is legal for HMAC but not for SecretKeySpec; one zero byte is the same HMAC key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
            mac.update(message, 0, 2);
            mac.update((byte) (adjustedLength >>> 8));
            mac.update((byte) adjustedLength);
            mac.update(message, 4, integrityOffset - 4);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
        }
    }

    /** Constant-time comparison of the attribute value at {@code valueOffset} with the expected HMAC. */
    static boolean verify(byte[] key, byte[] message, int integrityOffset, int valueOffset) {
        byte[] expected = compute(key, message, integrityOffset);
        byte[] actual = new byte[VALUE_LENGTH];
        System.arraycopy(message, valueOffset, actual, 0, VALUE_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }
}
