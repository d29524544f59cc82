package org.parley.notifications.webpush;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * NIST P-256 keys as Web Push writes them: public keys as 65-byte uncompressed points
 * ({@code 0x04 ‖ X ‖ Y}, SEC 1 §2.3.3; RFC 8291 §3.1, RFC 8292 §3.2), private keys as the 32-byte
 * scalar, both in URL-safe Base64 without padding. Everything here is the JDK's own crypto.
 */
public final class P256 {

    /** Length of an uncompressed point. */
    public static final int PUBLIC_KEY_BYTES = 65;
    private static final int COORDINATE = 32;
    private static final ECParameterSpec CURVE = curve();

    private P256() {}

    /** A fresh key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(CURVE);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is part of every JDK", e);
        }
    }

    /** {@code 0x04 ‖ X ‖ Y}. */
    public static byte[] encode(ECPublicKey key) {
        byte[] out = new byte[PUBLIC_KEY_BYTES];
        out[0] = 0x04;
        unsigned(key.getW().getAffineX(), out, 1);
        unsigned(key.getW().getAffineY(), out, 1 + COORDINATE);
        return out;
    }

    /** The private scalar, 32 bytes. */
    public static byte[] encode(ECPrivateKey key) {
        byte[] out = new byte[COORDINATE];
        unsigned(key.getS(), out, 0);
        return out;
    }

    /**
     * Reads an uncompressed point; throws {@link IllegalArgumentException} for anything else,
     * including a point that is not on the curve (the JDK checks that when the key is built).
     */
    public static ECPublicKey publicKey(byte[] point) {
        if (point == null || point.length != PUBLIC_KEY_BYTES || point[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed P-256 point");
        }
        var w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + COORDINATE)),
                new BigInteger(1, Arrays.copyOfRange(point, 1 + COORDINATE, PUBLIC_KEY_BYTES)));
        if (!onCurve(w)) {
            throw new IllegalArgumentException("not a point on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, CURVE));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a point on P-256", e);
        }
    }

    public static ECPrivateKey privateKey(byte[] scalar) {
        if (scalar == null || scalar.length != COORDINATE) {
            throw new IllegalArgumentException("not a P-256 private key");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(
                    new ECPrivateKeySpec(new BigInteger(1, scalar), CURVE));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes URL-safe Base64 with or without padding; {@link IllegalArgumentException} when it is not. */
    public static byte[] fromBase64Url(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    /** SEC 1 §3.2.2.1: 0 ≤ x, y < p and y² = x³ + ax + b (mod p); an invalid point would leak the private key in ECDH. */
    private static boolean onCurve(ECPoint w) {
        BigInteger p = ((java.security.spec.ECFieldFp) CURVE.getCurve().getField()).getP();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(CURVE.getCurve().getA().multiply(x)).add(CURVE.getCurve().getB()).mod(p);
        return y.modPow(BigInteger.TWO, p).equals(right);
    }

    private static void unsigned(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray(); // big-endian, maybe with a leading sign byte, maybe shorter
        int n = Math.min(raw.length, COORDINATE);
        System.arraycopy(raw, raw.length - n, out, offset + COORDINATE - n, n);
    }

    private static ECParameterSpec curve() {
        try {
            var parameters = java.security.AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is part of every JDK", e);
        }
    }
}
