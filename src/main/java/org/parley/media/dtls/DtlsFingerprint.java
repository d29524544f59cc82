package org.parley.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A certificate fingerprint as SDP carries it (RFC 8122 §5):
 * <pre>
 *   a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3E:4C:9E:3B:0B:8B:...
 *                 |hash-func| fingerprint: the hash of the DER certificate, upper-case hex pairs, ':'
 * </pre>
 * We produce {@code sha-256} (RFC 8827 §6.5 requires every endpoint to support it) and accept sha-256,
 * sha-384 and sha-512 from peers; the MD5 and SHA-1 of older RFCs are refused as too weak.
 */
public final class DtlsFingerprint {

    public static final String SHA_256 = "sha-256";

    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final String hashFunction;
    private final byte[] value;

    private DtlsFingerprint(String hashFunction, byte[] value) {
        this.hashFunction = hashFunction;
        this.value = value;
    }

    /** The SHA-256 fingerprint of a DER-encoded certificate. */
    public static DtlsFingerprint sha256(byte[] derCertificate) {
        return new DtlsFingerprint(SHA_256, digest(SHA_256, derCertificate));
    }

    /**
     * Parses the value of an {@code a=fingerprint} attribute, e.g. {@code "sha-256 AB:CD:…"}. Empty when the
     * text is malformed, the hash function is unsupported, or the length does not fit the hash function.
     * Hex digits and the hash function name are accepted in either case.
     */
    public static Optional<DtlsFingerprint> parse(String sdpValue) {
        if (sdpValue == null) {
            return Optional.empty();
        }
        String text = sdpValue.strip();
        int space = text.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String hashFunction = text.substring(0, space).toLowerCase(Locale.ROOT);
        String hex = text.substring(space + 1).strip();
        int length = digestLength(hashFunction);
        // RFC 8122 §5: each byte is two hex digits, bytes separated by ':' -> 3n - 1 characters.
        if (length < 0 || hex.length() != 3 * length - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DtlsFingerprint(hashFunction, HEX.parseHex(hex)));
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    /** The RFC 8122 hash function name, e.g. {@code sha-256}. */
    public String hashFunction() {
        return hashFunction;
    }

    /** The value of the {@code a=fingerprint} attribute: {@code sha-256 AB:CD:…}. */
    public String toSdp() {
        return hashFunction + " " + HEX.formatHex(value);
    }

    /** Whether a DER-encoded certificate has this fingerprint. */
    boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(value, digest(hashFunction, derCertificate));
    }

    private static int digestLength(String hashFunction) {
        return switch (hashFunction) {
            case "sha-256" -> 32;
            case "sha-384" -> 48;
            case "sha-512" -> 64;
            default -> -1;
        };
    }

    private static byte[] digest(String hashFunction, byte[] data) {
        try {
            // RFC 8122 names ("sha-256") map onto JCA names ("SHA-256") by case alone.
            return MessageDigest.getInstance(hashFunction.toUpperCase(Locale.ROOT)).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + hashFunction, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsFingerprint other && hashFunction.equals(other.hashFunction)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * hashFunction.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toSdp();
    }
}
