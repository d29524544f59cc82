package org.parley.media.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deliberately plain, independent SRTP/SRTCP implementation on javax.crypto, written from RFC 3711 and
 * RFC 7714, used only to check jitsi-srtp behind the facade. It is itself checked against the RFC test
 * vectors (see {@link SrtpRfcVectorsTest}). No replay or ROC state: callers pass the index.
 */
final class SrtpReference {

    // RFC 3711 §4.3.2 and §4.3.1: KDF labels.
    static final int LABEL_RTP_ENCRYPTION = 0;
    static final int LABEL_RTP_AUTH = 1;
    static final int LABEL_RTP_SALT = 2;
    static final int LABEL_RTCP_ENCRYPTION = 3;
    static final int LABEL_RTCP_AUTH = 4;
    static final int LABEL_RTCP_SALT = 5;

    private SrtpReference() {
    }

    /**
     * RFC 3711 §4.3.1 with the AES-CM PRF of §4.3.3 and key_derivation_rate 0:
     * x = (label || index DIV kdr) XOR master_salt, right-aligned in 112 bits; output = AES-CM keystream
     * from IV x * 2^16. A 96-bit (GCM) master salt is zero-padded on the right to 112 bits, as libsrtp does.
     */
    static byte[] kdf(byte[] masterKey, byte[] masterSalt, int label, int length) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        iv[7] ^= (byte) label;
        return aesCtr(masterKey, iv, new byte[length]);
    }

    /** AES in counter mode over {@code data} starting from the 16-byte counter block {@code iv}. */
    static byte[] aesCtr(byte[] key, byte[] iv, byte[] data) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c.doFinal(data);
    }

    /** RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16). */
    static byte[] aesCmIv(byte[] sessionSalt, int ssrc, long index) {
        byte[] iv = new byte[16];
        System.arraycopy(sessionSalt, 0, iv, 0, 14);
        for (int k = 0; k < 4; k++) {
            iv[4 + k] ^= (byte) (ssrc >>> (24 - 8 * k));
        }
        for (int k = 0; k < 6; k++) {
            iv[8 + k] ^= (byte) (index >>> (40 - 8 * k));
        }
        return iv;
    }

    /** RFC 3711 §3.1, §4.1.1, §4.2: SRTP with AES-CM and an 80-bit HMAC-SHA1 tag over packet || ROC. */
    static byte[] protectRtpAesCm(byte[] encKey, byte[] salt, byte[] authKey, byte[] rtp, int headerLength, int roc)
            throws GeneralSecurityException {
        int ssrc = i32(rtp, 8);
        int seq = ((rtp[2] & 0xff) << 8) | (rtp[3] & 0xff);
        long index = ((long) roc << 16) | seq;
        byte[] payload = Arrays.copyOfRange(rtp, headerLength, rtp.length);
        byte[] enc = aesCtr(encKey, aesCmIv(salt, ssrc, index), payload);
        byte[] out = Arrays.copyOf(rtp, rtp.length + 10);
        System.arraycopy(enc, 0, out, headerLength, enc.length);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        mac.update(out, 0, rtp.length);
        mac.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
        System.arraycopy(mac.doFinal(), 0, out, rtp.length, 10);
        return out;
    }

    /**
     * RFC 3711 §3.4: SRTCP with AES-CM: everything after the first 8 bytes encrypted with the SRTCP index as
     * i, then E=1 || index, then HMAC-SHA1-80 over packet || E || index.
     */
    static byte[] protectRtcpAesCm(byte[] encKey, byte[] salt, byte[] authKey, byte[] rtcp, int srtcpIndex)
            throws GeneralSecurityException {
        int ssrc = i32(rtcp, 4);
        byte[] enc = aesCtr(encKey, aesCmIv(salt, ssrc, srtcpIndex), Arrays.copyOfRange(rtcp, 8, rtcp.length));
        byte[] out = Arrays.copyOf(rtcp, rtcp.length + 4 + 10);
        System.arraycopy(enc, 0, out, 8, enc.length);
        putI32(out, rtcp.length, 0x8000_0000 | srtcpIndex);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        mac.update(out, 0, rtcp.length + 4);
        System.arraycopy(mac.doFinal(), 0, out, rtcp.length + 4, 10);
        return out;
    }

    /**
     * RFC 7714 §8: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt (§8.1); the header is the associated data
     * and the payload the plaintext (§8.2); output header || ciphertext || 16-byte tag.
     */
    static byte[] protectRtpGcm(byte[] key, byte[] salt, byte[] rtp, int headerLength, int roc)
            throws GeneralSecurityException {
        byte[] iv = new byte[12];
        putI32(iv, 2, i32(rtp, 8));
        putI32(iv, 6, roc);
        iv[10] = rtp[2];
        iv[11] = rtp[3];
        for (int k = 0; k < 12; k++) {
            iv[k] ^= salt[k];
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(rtp, 0, headerLength);
        byte[] ct = c.doFinal(rtp, headerLength, rtp.length - headerLength);
        byte[] out = Arrays.copyOf(rtp, headerLength + ct.length);
        System.arraycopy(ct, 0, out, headerLength, ct.length);
        return out;
    }

    /**
     * RFC 7714 §9: IV = (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) XOR salt (§9.1); associated data is
     * the first 8 bytes and E || index (§9.2); output first 8 bytes || ciphertext || tag || E || index.
     */
    static byte[] protectRtcpGcm(byte[] key, byte[] salt, byte[] rtcp, int srtcpIndex)
            throws GeneralSecurityException {
        byte[] iv = new byte[12];
        putI32(iv, 2, i32(rtcp, 4));
        putI32(iv, 8, srtcpIndex);
        for (int k = 0; k < 12; k++) {
            iv[k] ^= salt[k];
        }
        byte[] eIndex = new byte[4];
        putI32(eIndex, 0, 0x8000_0000 | srtcpIndex);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(rtcp, 0, 8);
        c.updateAAD(eIndex);
        byte[] ct = c.doFinal(rtcp, 8, rtcp.length - 8);
        byte[] out = Arrays.copyOf(rtcp, 8 + ct.length + 4);
        System.arraycopy(ct, 0, out, 8, ct.length);
        System.arraycopy(eIndex, 0, out, 8 + ct.length, 4);
        return out;
    }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static void putI32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
