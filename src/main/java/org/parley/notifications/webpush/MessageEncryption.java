package org.parley.notifications.webpush;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message Encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188): only
 * the browser that subscribed can read a push; the push service carries ciphertext. One record
 * holds the whole message (Parley's payloads are far below the 4,096-byte limit push services accept).
 *
 * <pre>
 * RFC 8188 §2.1, the body:
 * +-----------+--------+-----------+---------------+------------------------------+
 * | salt (16) | rs (4) | idlen (1) | keyid (idlen) | AES-128-GCM(record ‖ 0x02)   |
 * +-----------+--------+-----------+---------------+------------------------------+
 *   keyid = the sender's ephemeral public key, 65 bytes (RFC 8291 §4)
 * </pre>
 */
public final class MessageEncryption {

    /** RFC 8291 §4: the record size a push message declares. */
    static final int RECORD_SIZE = 4096;
    /** RFC 8291 §4: a push message's whole body must fit in one 4,096-byte record. */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - 16 - 1 - 86;
    private static final int SALT_BYTES = 16;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageEncryption() {}

    /** Encrypts {@code plaintext} for a subscription, with a fresh ephemeral key and salt. */
    public static byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, uaPublic, authSecret, P256.generate(), salt);
    }

    /** The same with the sender's key pair and salt given: RFC 8291 Appendix A's test vector fixes both. */
    public static byte[] encrypt(byte[] plaintext, ECPublicKey uaPublic, byte[] authSecret, KeyPair asKeys, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " bytes");
        }
        if (salt.length != SALT_BYTES || authSecret.length != 16) {
            throw new IllegalArgumentException("the salt and the auth secret are 16 bytes");
        }
        byte[] asPublic = P256.encode((ECPublicKey) asKeys.getPublic());
        byte[][] keyAndNonce = contentKeys(ecdh((ECPrivateKey) asKeys.getPrivate(), uaPublic), authSecret,
                P256.encode(uaPublic), asPublic, salt);
        // RFC 8188 §2: the last (here only) record ends with the delimiter 0x02 and no padding.
        byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
        record[plaintext.length] = 0x02;
        byte[] sealed = aesGcm(Cipher.ENCRYPT_MODE, keyAndNonce, record);
        return ByteBuffer.allocate(SALT_BYTES + 4 + 1 + asPublic.length + sealed.length)
                .put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(sealed).array();
    }

    /**
     * The receiving side (RFC 8291 §3.4), as a browser does it: Parley's tests use it to read what
     * the server sent; the server itself never decrypts. Throws {@link GeneralSecurityException}
     * when the body was not made for these keys or was altered.
     */
    public static byte[] decrypt(byte[] body, ECPrivateKey uaPrivate, ECPublicKey uaPublic, byte[] authSecret)
            throws GeneralSecurityException {
        if (body.length < SALT_BYTES + 4 + 1) {
            throw new GeneralSecurityException("shorter than the aes128gcm header");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[SALT_BYTES];
        in.get(salt);
        in.getInt(); // rs: one record, whatever its declared size
        int idLength = in.get() & 0xff;
        if (in.remaining() < idLength) {
            throw new GeneralSecurityException("truncated key id");
        }
        byte[] asPublic = new byte[idLength];
        in.get(asPublic);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        ECPublicKey sender;
        try {
            sender = P256.publicKey(asPublic);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the key id is not a P-256 public key", e);
        }
        byte[] record;
        try {
            byte[][] keyAndNonce = contentKeys(ecdh(uaPrivate, sender), authSecret, P256.encode(uaPublic), asPublic, salt);
            record = aesGcm(Cipher.DECRYPT_MODE, keyAndNonce, sealed);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
        int end = record.length - 1;
        while (end >= 0 && record[end] == 0) {
            end--; // RFC 8188 §2: padding zeros after the delimiter
        }
        if (end < 0 || record[end] != 0x02) {
            throw new GeneralSecurityException("no last-record delimiter");
        }
        return Arrays.copyOf(record, end);
    }

    /** RFC 8291 §3.3 and §3.4, then RFC 8188 §2.2 and §2.3: {CEK (16 bytes), NONCE (12 bytes)}. */
    private static byte[][] contentKeys(byte[] ecdhSecret, byte[] authSecret, byte[] uaPublic, byte[] asPublic, byte[] salt) {
        // PRK_key = HMAC-SHA-256(auth_secret, ecdh_secret)
        // key_info = "WebPush: info" || 0x00 || ua_public || as_public
        // IKM = HMAC-SHA-256(PRK_key, key_info || 0x01)
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
        byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
        // PRK = HMAC-SHA-256(salt, IKM); CEK and NONCE are its first expansions.
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        return new byte[][] {cek, nonce};
    }

    /** HKDF-SHA-256 (RFC 5869) for outputs of at most one block, which is all Web Push needs. */
    static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        byte[] prk = hmac(salt, ikm);
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ecdh(ECPrivateKey mine, ECPublicKey theirs) {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(mine);
            agreement.doPhase(theirs, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("no ECDH with this key", e);
        }
    }

    private static byte[] aesGcm(int mode, byte[][] keyAndNonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(keyAndNonce[0], "AES"), new GCMParameterSpec(TAG_BITS, keyAndNonce[1]));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the message was altered or is not for this key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
