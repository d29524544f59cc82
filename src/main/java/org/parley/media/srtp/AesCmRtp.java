package org.parley.media.srtp;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.parley.media.rtp.RtpPacket;

/**
 * SRTP for the RTP of one direction of one session with AES_CM_128_HMAC_SHA1_80 (RFC 3711): Parley's own
 * transform for the forwarding path, where jitsi-srtp's re-initialises a JCE cipher for every packet and,
 * with its native library loaded, computes HMAC-SHA1 across JNI (docs/decisions.md has the measurements).
 *
 * <p>The session keys are derived once (§4.3, key derivation rate 0, so one set serves every SSRC of the
 * session) into one AES cipher in ECB mode that makes the counter-mode keystream block by block (§4.1.1)
 * and one SHA-1 digest with the HMAC pads (RFC 2104, for §4.2.1; unlike the JDK's {@code Mac} it allocates
 * nothing per packet); neither is re-initialised per packet. The forwarding path allocates nothing here. Per SSRC it keeps only the highest
 * packet index and a 64-packet replay window (§3.3.1, §3.3.2), in both directions: a sender refuses to
 * protect an index twice (a reused keystream would reveal both plaintexts), a receiver refuses replays
 * and packets too old for the window.
 *
 * <pre>
 *  counter block j = (k_s * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16) + j      (§4.1.1)
 *  keystream       = AES(k_e, block 0) || AES(k_e, block 1) || ...
 *  tag             = HMAC-SHA1(k_a, header || encrypted payload || ROC)[0..10)  (§4.2, §5.1)
 * </pre>
 *
 * <p>Threading: one thread at a time per instance (the caller serialises: a leg's send lock, or the one
 * receive thread); scratch buffers are per thread.
 */
final class AesCmRtp {

    /** RFC 3711 §5.1: HMAC-SHA1 truncated to 80 bits. */
    static final int TAG_LENGTH = 10;
    /** RFC 3711 §3.3.2: the replay window, as in libsrtp and jitsi-srtp. */
    static final int REPLAY_WINDOW = 64;
    private static final int BLOCK = 16;
    private static final int SALT_LENGTH = 14;
    private static final int SHA1_BLOCK = 64;
    private static final int SHA1_LENGTH = 20;
    /** Keystream made per cipher call: covers an Opus packet in one call, and bounds the scratch buffers. */
    private static final int CHUNK_BLOCKS = 32;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
        final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];
        final byte[] inner = new byte[SHA1_LENGTH];
        final byte[] mac = new byte[SHA1_LENGTH];
        final byte[] roc = new byte[4];
    }

    /** One SSRC's position: the highest index accepted and which of the 63 before it were seen. */
    static final class Stream {
        long highest = -1;
        long window;
    }

    private final Cipher keystream;
    /** SHA-1 (intrinsified where the CPU has SHA instructions), and k_a XOR ipad / opad (RFC 2104 §2). */
    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[SHA1_BLOCK];
    private final byte[] outerPad = new byte[SHA1_BLOCK];
    private final byte[] salt;
    private final SsrcContexts<Stream> streams;

    private AesCmRtp(byte[] encryptionKey, byte[] authKey, byte[] salt, int maxStreams) throws GeneralSecurityException {
        this.keystream = Cipher.getInstance("AES/ECB/NoPadding");
        this.keystream.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"));
        this.sha1 = MessageDigest.getInstance("SHA-1");
        for (int i = 0; i < SHA1_BLOCK; i++) {
            byte k = i < authKey.length ? authKey[i] : 0; // a 20-byte key is shorter than the block: zero-padded
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        this.salt = salt;
        this.streams = new SsrcContexts<>(maxStreams);
    }

    /**
     * The RTP transform for the session keys of {@code masterKey}/{@code masterSalt} (16 and 14 bytes).
     *
     * @throws IllegalStateException if the JDK lacks AES or HmacSHA1 (every Java SE has both)
     */
    static AesCmRtp create(byte[] masterKey, byte[] masterSalt, int maxStreams) {
        try {
            // RFC 3711 §4.3.2: labels 0x00 (encryption), 0x01 (authentication), 0x02 (salt) for SRTP.
            byte[] encryption = derive(masterKey, masterSalt, 0x00, 16);
            byte[] auth = derive(masterKey, masterSalt, 0x01, 20);
            byte[] salt = derive(masterKey, masterSalt, 0x02, SALT_LENGTH);
            try {
                return new AesCmRtp(encryption, auth, salt, maxStreams);
            } finally {
                java.util.Arrays.fill(encryption, (byte) 0);
                java.util.Arrays.fill(auth, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES or HmacSHA1 missing from the JDK", e);
        }
    }

    /**
     * RFC 3711 §4.3.1 and §4.3.3 with key_derivation_rate 0: x = label XOR'd into byte 7 of the master salt
     * (key_id = label || 48 zero bits, right-aligned), the output the AES-CM keystream from IV x * 2^16.
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) throws GeneralSecurityException {
        Cipher prf = Cipher.getInstance("AES/ECB/NoPadding");
        prf.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
        int blocks = (length + BLOCK - 1) / BLOCK;
        byte[] counters = new byte[blocks * BLOCK];
        for (int j = 0; j < blocks; j++) {
            System.arraycopy(masterSalt, 0, counters, j * BLOCK, SALT_LENGTH);
            counters[j * BLOCK + 7] ^= (byte) label;
            counters[j * BLOCK + 15] = (byte) j;
        }
        return java.util.Arrays.copyOf(prf.doFinal(counters), length);
    }

    /** Streams (SSRCs) with state. */
    int streams() {
        return streams.size();
    }

    /**
     * Encrypts the payload of the plain RTP packet in {@code pkt} and appends the tag. The caller checked the
     * header and that {@link #TAG_LENGTH} bytes of room follow the packet.
     */
    SrtpStatus protect(SrtpBuffer pkt, int headerLength) {
        byte[] b = pkt.array;
        int off = pkt.offset;
        int ssrc = RtpPacket.ssrcAt(b, off);
        Stream stream = stream(ssrc);
        if (stream == null) {
            return SrtpStatus.TOO_MANY_STREAMS;
        }
        long index = estimate(stream, seq(b, off));
        if (!fresh(stream, index)) {
            return SrtpStatus.REPLAY; // the index was used: protecting it again would reuse its keystream
        }
        Scratch s = SCRATCH.get();
        crypt(s, b, off + headerLength, pkt.length - headerLength, ssrc, index);
        tag(s, b, off, pkt.length, (int) (index >>> 16));
        System.arraycopy(s.mac, 0, b, off + pkt.length, TAG_LENGTH);
        pkt.length += TAG_LENGTH;
        accept(stream, index);
        return SrtpStatus.OK;
    }

    /**
     * Authenticates the SRTP packet in {@code pkt}, refuses replays, decrypts it in place and removes the tag.
     * A stream's state is kept only once a packet of it authenticated, so forged SSRCs cannot fill the table.
     */
    SrtpStatus unprotect(SrtpBuffer pkt, int headerLength) {
        byte[] b = pkt.array;
        int off = pkt.offset;
        int authenticated = pkt.length - TAG_LENGTH;
        int ssrc = RtpPacket.ssrcAt(b, off);
        Stream stream = streams.get(ssrc);
        boolean known = stream != null;
        if (!known) {
            if (streams.isFull()) {
                return SrtpStatus.TOO_MANY_STREAMS;
            }
            stream = new Stream();
        }
        long index = estimate(stream, seq(b, off));
        if (!fresh(stream, index)) {
            return SrtpStatus.REPLAY;
        }
        Scratch s = SCRATCH.get();
        tag(s, b, off, authenticated, (int) (index >>> 16));
        int diff = 0; // in constant time, as MessageDigest.isEqual, without copying the tags out
        for (int i = 0; i < TAG_LENGTH; i++) {
            diff |= s.mac[i] ^ b[off + authenticated + i];
        }
        if (diff != 0) {
            return SrtpStatus.AUTH_FAILED;
        }
        crypt(s, b, off + headerLength, authenticated - headerLength, ssrc, index);
        pkt.length = authenticated;
        if (!known) {
            Stream added = streams.putIfAbsent(ssrc, stream);
            if (added == null) {
                return SrtpStatus.TOO_MANY_STREAMS;
            }
            stream = added;
        }
        accept(stream, index);
        return SrtpStatus.OK;
    }

    private Stream stream(int ssrc) {
        Stream stream = streams.get(ssrc);
        if (stream == null && !streams.isFull()) {
            stream = streams.putIfAbsent(ssrc, new Stream());
        }
        return stream;
    }

    /**
     * RFC 3711 §3.3.1 and Appendix A: the index whose ROC is the highest one's, or one more or one less,
     * whichever puts {@code seq} nearest to the highest sequence number; the first packet starts at ROC 0.
     */
    static long estimate(Stream stream, int seq) {
        if (stream.highest < 0) {
            return seq;
        }
        long roc = stream.highest >>> 16;
        int last = (int) (stream.highest & 0xffff);
        long v;
        if (last < 0x8000) {
            v = seq - last > 0x8000 ? roc - 1 : roc;
        } else {
            v = last - 0x8000 > seq ? roc + 1 : roc;
        }
        return v < 0 ? -1 : v << 16 | seq;
    }

    /** RFC 3711 §3.3.2: newer than the highest, or within the window and not seen. */
    static boolean fresh(Stream stream, long index) {
        if (index < 0) {
            return false; // before ROC 0: older than anything this stream can have sent
        }
        if (stream.highest < 0) {
            return true;
        }
        long delta = index - stream.highest;
        if (delta > 0) {
            return true;
        }
        return -delta < REPLAY_WINDOW && (stream.window >>> -delta & 1) == 0;
    }

    static void accept(Stream stream, long index) {
        if (stream.highest < 0) {
            stream.highest = index;
            stream.window = 1;
            return;
        }
        long delta = index - stream.highest;
        if (delta > 0) {
            stream.window = delta >= REPLAY_WINDOW ? 1 : stream.window << delta | 1;
            stream.highest = index;
        } else {
            stream.window |= 1L << -delta;
        }
    }

    /** XORs {@code len} bytes at {@code from} with the keystream of (ssrc, index), §4.1.1. */
    private void crypt(Scratch s, byte[] b, int from, int len, int ssrc, long index) {
        byte[] counters = s.counters;
        byte[] stream = s.keystream;
        for (int done = 0, block = 0; done < len; ) {
            int blocks = Math.min(CHUNK_BLOCKS, (len - done + BLOCK - 1) / BLOCK);
            for (int k = 0; k < blocks; k++) {
                counterBlock(counters, k * BLOCK, ssrc, index, block + k);
            }
            try {
                keystream.doFinal(counters, 0, blocks * BLOCK, stream, 0);
            } catch (ShortBufferException | javax.crypto.IllegalBlockSizeException | javax.crypto.BadPaddingException e) {
                throw new IllegalStateException("AES-ECB refused whole blocks", e); // cannot happen: sizes are exact
            }
            int n = Math.min(len - done, blocks * BLOCK);
            for (int i = 0; i < n; i++) {
                b[from + done + i] ^= stream[i];
            }
            done += n;
            block += blocks;
        }
    }

    private void counterBlock(byte[] out, int at, int ssrc, long index, int j) {
        System.arraycopy(salt, 0, out, at, SALT_LENGTH);
        out[at + 4] ^= (byte) (ssrc >>> 24);
        out[at + 5] ^= (byte) (ssrc >>> 16);
        out[at + 6] ^= (byte) (ssrc >>> 8);
        out[at + 7] ^= (byte) ssrc;
        for (int k = 0; k < 6; k++) {
            out[at + 8 + k] ^= (byte) (index >>> (40 - 8 * k));
        }
        out[at + 14] = (byte) (j >>> 8);
        out[at + 15] = (byte) j;
    }

    /**
     * HMAC-SHA1 over {@code b[off, off+len)} || ROC into the scratch (§4.2: M = authenticated portion || ROC):
     * H(K ^ opad || H(K ^ ipad || M)), RFC 2104 §2.
     */
    private void tag(Scratch s, byte[] b, int off, int len, int roc) {
        s.roc[0] = (byte) (roc >>> 24);
        s.roc[1] = (byte) (roc >>> 16);
        s.roc[2] = (byte) (roc >>> 8);
        s.roc[3] = (byte) roc;
        try {
            sha1.update(innerPad);
            sha1.update(b, off, len);
            sha1.update(s.roc);
            sha1.digest(s.inner, 0, SHA1_LENGTH);
            sha1.update(outerPad);
            sha1.update(s.inner);
            sha1.digest(s.mac, 0, SHA1_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException(e); // cannot happen: 20 bytes of room for a 20-byte digest
        }
    }

    private static int seq(byte[] b, int off) {
        return (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** Forgets every stream and wipes the HMAC key pads (the AES key lives in the cipher, which the GC takes). */
    void clear() {
        streams.clear();
        java.util.Arrays.fill(innerPad, (byte) 0);
        java.util.Arrays.fill(outerPad, (byte) 0);
    }
}
