package org.parley.media.dtls;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsUtils;

/**
 * The record protection of epoch 1, the one after ChangeCipherSpec, kept for a session whose handshake is
 * over: only its keys and fixed IVs (~100 bytes), where bctls keeps two initialised AEAD ciphers with their
 * AES key schedules (~2.7 KB). A cipher object is made for each record, and after the handshake a peer
 * sends a handful of records in its whole life (a retransmitted Finished, close_notify), so that costs
 * nothing that matters.
 *
 * <p>Keys (RFC 5246 §6.3), for the AEAD suites {@link SrtpTlsServer} negotiates (no MAC keys):
 * <pre>
 *   key_block = PRF(master_secret, "key expansion", server_random + client_random)
 *             = client_write_key | server_write_key | client_write_IV | server_write_IV
 * </pre>
 * We are the server: we open with the client's key and seal with ours.
 *
 * <p>A protected record (RFC 6347 §4.1; nonces per RFC 5288 §3 and RFC 7905 §2), the additional data
 * being {@code seq_num(8) | type(1) | version(2) | plaintext length(2)} (RFC 5246 §6.2.3.3), where
 * {@code seq_num} is the 16-bit epoch followed by the 48-bit sequence number:
 * <pre>
 *   AES-GCM:           | header (13) | nonce_explicit (8) = seq_num | ciphertext | tag (16) |
 *                       nonce = write_IV (4) | nonce_explicit
 *   ChaCha20-Poly1305: | header (13) | ciphertext | tag (16) |
 *                       nonce = write_IV (12) XOR (0^32 | seq_num)
 * </pre>
 *
 * <p>Not thread-safe: {@link Established} calls it under its own lock.
 */
final class EpochCipher {

    /** The epoch every record after the handshake carries: Parley never renegotiates. */
    static final int EPOCH = 1;

    private static final int TAG_LENGTH = 16;
    private static final int EXPLICIT_NONCE_LENGTH = 8;

    /** The AEAD suites of {@link SrtpTlsServer}, with their key and fixed-IV lengths. */
    enum Suite {
        AES_128_GCM(16, 4),
        AES_256_GCM(32, 4),
        CHACHA20_POLY1305(32, 12);

        final int keyLength;
        final int ivLength;

        Suite(int keyLength, int ivLength) {
            this.keyLength = keyLength;
            this.ivLength = ivLength;
        }

        static Suite of(int cipherSuite) {
            return switch (cipherSuite) {
                case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 -> AES_128_GCM;
                case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 -> AES_256_GCM;
                case CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 -> CHACHA20_POLY1305;
                default -> throw new IllegalArgumentException("not a suite we negotiate: " + cipherSuite);
            };
        }

        boolean gcm() {
            return this != CHACHA20_POLY1305;
        }

        AEADCipher newCipher() {
            // The table-free multiplier: a table would cost more to build than this one record's blocks.
            return gcm() ? new GCMBlockCipher(AESEngine.newInstance(), new BasicGCMMultiplier()) : new ChaCha20Poly1305();
        }
    }

    private final Suite suite;
    private final byte[] readKey;
    private final byte[] readIv;
    private final byte[] writeKey;
    private final byte[] writeIv;

    EpochCipher(Suite suite, byte[] keyBlock) {
        int k = suite.keyLength;
        int iv = suite.ivLength;
        if (keyBlock.length != 2 * (k + iv)) {
            throw new IllegalArgumentException("expected a key block of " + 2 * (k + iv) + " bytes");
        }
        this.suite = suite;
        this.readKey = Arrays.copyOfRange(keyBlock, 0, k);
        this.writeKey = Arrays.copyOfRange(keyBlock, k, 2 * k);
        this.readIv = Arrays.copyOfRange(keyBlock, 2 * k, 2 * k + iv);
        this.writeIv = Arrays.copyOfRange(keyBlock, 2 * k + iv, 2 * (k + iv));
    }

    /** The server's epoch-1 keys of the connection bctls just established (call before it is gone). */
    static EpochCipher forServer(SecurityParameters connection) {
        Suite suite = Suite.of(connection.getCipherSuite());
        byte[] seed = org.bouncycastle.util.Arrays.concatenate(connection.getServerRandom(), connection.getClientRandom());
        byte[] keyBlock = TlsUtils.PRF(connection, connection.getMasterSecret(), ExporterLabel.key_expansion, seed,
                2 * (suite.keyLength + suite.ivLength)).extract();
        try {
            return new EpochCipher(suite, keyBlock);
        } finally {
            Arrays.fill(keyBlock, (byte) 0);
        }
    }

    Suite suite() {
        return suite;
    }

    /** A whole epoch-1 record carrying {@code plaintext} as {@code type}, sequence number {@code seq}. */
    byte[] seal(int type, int versionMajor, int versionMinor, long seq, byte[] plaintext) {
        int explicit = suite.gcm() ? EXPLICIT_NONCE_LENGTH : 0;
        int fragment = explicit + plaintext.length + TAG_LENGTH;
        byte[] record = new byte[DtlsRecords.HEADER_LENGTH + fragment];
        record[0] = (byte) type;
        record[1] = (byte) versionMajor;
        record[2] = (byte) versionMinor;
        putSeqNum(record, 3, seq);
        record[11] = (byte) (fragment >> 8);
        record[12] = (byte) fragment;
        if (explicit > 0) {
            System.arraycopy(record, 3, record, DtlsRecords.HEADER_LENGTH, EXPLICIT_NONCE_LENGTH);
        }
        AEADCipher cipher = suite.newCipher();
        cipher.init(true, new AEADParameters(new KeyParameter(writeKey), 8 * TAG_LENGTH,
                nonce(writeIv, record, 3), additionalData(record, 0, plaintext.length)));
        int out = DtlsRecords.HEADER_LENGTH + explicit;
        int n = cipher.processBytes(plaintext, 0, plaintext.length, record, out);
        try {
            cipher.doFinal(record, out + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("sealing cannot fail", e);
        }
        return record;
    }

    /**
     * The plaintext of the epoch-1 record at {@code off} in {@code buf} (a whole record, header included,
     * as {@link DtlsRecords#check} accepted it), or null if it does not authenticate.
     */
    byte[] open(byte[] buf, int off) {
        int fragment = ((buf[off + 11] & 0xFF) << 8) | (buf[off + 12] & 0xFF);
        int explicit = suite.gcm() ? EXPLICIT_NONCE_LENGTH : 0;
        int plainLength = fragment - explicit - TAG_LENGTH;
        if (plainLength < 0) {
            return null;
        }
        int body = off + DtlsRecords.HEADER_LENGTH;
        byte[] nonceSource = suite.gcm() ? Arrays.copyOfRange(buf, body, body + explicit)
                : Arrays.copyOfRange(buf, off + 3, off + 11);
        AEADCipher cipher = suite.newCipher();
        cipher.init(false, new AEADParameters(new KeyParameter(readKey), 8 * TAG_LENGTH,
                nonce(readIv, nonceSource, 0), additionalData(buf, off, plainLength)));
        byte[] plain = new byte[plainLength + TAG_LENGTH]; // BouncyCastle writes the tag's room too
        int n = cipher.processBytes(buf, body + explicit, plainLength + TAG_LENGTH, plain, 0);
        try {
            cipher.doFinal(plain, n);
        } catch (InvalidCipherTextException e) {
            return null;
        }
        return Arrays.copyOf(plain, plainLength);
    }

    /** Zeroes the keys; the cipher is useless afterwards. */
    void wipe() {
        Arrays.fill(readKey, (byte) 0);
        Arrays.fill(writeKey, (byte) 0);
        Arrays.fill(readIv, (byte) 0);
        Arrays.fill(writeIv, (byte) 0);
    }

    /** GCM: the fixed IV then the 8 explicit bytes at {@code src[pos]}; ChaCha20: the IV XOR the seq_num there. */
    private byte[] nonce(byte[] iv, byte[] src, int pos) {
        if (suite.gcm()) {
            byte[] nonce = new byte[iv.length + EXPLICIT_NONCE_LENGTH];
            System.arraycopy(iv, 0, nonce, 0, iv.length);
            System.arraycopy(src, pos, nonce, iv.length, EXPLICIT_NONCE_LENGTH);
            return nonce;
        }
        byte[] nonce = iv.clone();
        for (int i = 0; i < EXPLICIT_NONCE_LENGTH; i++) {
            nonce[nonce.length - EXPLICIT_NONCE_LENGTH + i] ^= src[pos + i];
        }
        return nonce;
    }

    /** RFC 5246 §6.2.3.3 with RFC 6347 §4.1.2.1's seq_num: epoch | sequence, type, version, plaintext length. */
    private static byte[] additionalData(byte[] record, int off, int plainLength) {
        byte[] ad = new byte[13];
        System.arraycopy(record, off + 3, ad, 0, 8);
        ad[8] = record[off];
        ad[9] = record[off + 1];
        ad[10] = record[off + 2];
        ad[11] = (byte) (plainLength >> 8);
        ad[12] = (byte) plainLength;
        return ad;
    }

    /** Epoch 1 and the 48-bit sequence number, as in a record header. */
    private static void putSeqNum(byte[] buf, int pos, long seq) {
        buf[pos] = 0;
        buf[pos + 1] = (byte) EPOCH;
        for (int i = 0; i < 6; i++) {
            buf[pos + 2 + i] = (byte) (seq >>> (8 * (5 - i)));
        }
    }
}
