package org.parley.media.rtp;

/**
 * The client-to-mixer audio level header extension, RFC 6464 (URI
 * {@code urn:ietf:params:rtp-hdrext:ssrc-audio-level}), whose id is negotiated per peer in SDP
 * ({@code a=extmap}, RFC 8285 §5).
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | len=0 |V| level       |   RFC 6464 §3, one-byte form
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>V is the sender's voice activity flag; level is 0..127 in -dBov (0 loudest, 127 silence).
 *
 * <p>The SFU reads it before decrypting: SRTP encrypts only the payload (RFC 3711 §3.1), and with the
 * AEAD profile the whole header, extensions included, is associated data, authenticated but not encrypted
 * (RFC 7714 §8.2, §8.3). So the level of a packet that later fails authentication must not be trusted for
 * anything lasting; the pipeline only acts on it after a successful unprotect, or uses it to skip
 * decryption of silent packets it would drop anyway. (RFC 6904 or cryptex, RFC 9335, would encrypt
 * extensions; Parley does not negotiate them.)
 */
public final class AudioLevel {

    /** Returned by {@link #find} when the packet carries no (well-formed) audio level element. */
    public static final int ABSENT = -1;
    /** The quietest level, RFC 6464 §3: 127 -dBov means silence. */
    public static final int SILENT = 127;

    private AudioLevel() {
    }

    /**
     * The raw audio level byte of {@code packet} for the negotiated extension {@code id}, 0..255, or
     * {@link #ABSENT}. Decode it with {@link #level(int)} and {@link #voiceActivity(int)}.
     */
    public static int find(RtpPacket packet, int id) {
        int at = packet.findExtension(id);
        if (at < 0 || packet.foundExtensionLength() < 1) {
            return ABSENT;
        }
        return packet.buffer()[at] & 0xff;
    }

    /** The level in -dBov, 0 (loudest) .. 127 (silence), from a raw byte returned by {@link #find}. */
    public static int level(int raw) {
        return raw & 0x7f;
    }

    /** The V bit from a raw byte returned by {@link #find}: the sender believes this packet has voice. */
    public static boolean voiceActivity(int raw) {
        return (raw & 0x80) != 0;
    }
}
