package org.parley.media.ice;

import java.security.SecureRandom;

/**
 * An ice-ufrag and ice-pwd pair (RFC 8839 §5.4): ufrag 4–256 and pwd 22–256 ice-chars, where
 * {@code ice-char = ALPHA / DIGIT / "+" / "/"}. The password is a secret: it keys MESSAGE-INTEGRITY,
 * so {@link #toString()} leaves it out.
 */
public record IceCredentials(String ufrag, String pwd) {

    /** Generated ufrags are 8 ice-chars (48 bits): unique enough to route checks by, short in SDP. */
    static final int GENERATED_UFRAG_LENGTH = 8;
    /** Generated passwords are 24 ice-chars (144 bits), above the 22-char (128-bit) minimum. */
    static final int GENERATED_PWD_LENGTH = 24;

    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public IceCredentials {
        if (!isIceChars(ufrag, 4) || !isIceChars(pwd, 22)) {
            throw new IllegalArgumentException("ice-ufrag must be 4-256 and ice-pwd 22-256 ice-chars (RFC 8839 §5.4)");
        }
    }

    /** New random local credentials. */
    public static IceCredentials generate(SecureRandom random) {
        return new IceCredentials(randomIceChars(random, GENERATED_UFRAG_LENGTH), randomIceChars(random, GENERATED_PWD_LENGTH));
    }

    /** Whether {@code value} is {@code minLength}–256 ice-chars. */
    static boolean isIceChars(String value, int minLength) {
        if (value == null || value.length() < minLength || value.length() > 256) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String randomIceChars(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=(hidden)]";
    }
}
