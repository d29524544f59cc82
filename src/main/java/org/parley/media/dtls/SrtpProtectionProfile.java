package org.parley.media.dtls;

import java.util.Optional;

/**
 * The DTLS-SRTP protection profiles Parley accepts, in order of preference. The server picks from the
 * client's {@code use_srtp} list (RFC 5764 §4.1.1); our preference decides, not the client's order.
 */
public enum SrtpProtectionProfile {
    /**
     * RFC 5764 §4.1.2: AES-128 counter mode with an 80-bit HMAC-SHA1 tag, 128-bit key, 112-bit salt; WebRTC's
     * mandatory profile (RFC 8827 §6.5), so every browser offers it. Preferred because Parley's own transform
     * for it (media.srtp.AesCmRtp) costs the forwarding path about half what AES-GCM through the JCE does
     * (docs/decisions.md).
     */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14),
    /** RFC 7714 §14.2: AEAD_AES_128_GCM, 128-bit key, 96-bit salt. Every current browser offers it. */
    AEAD_AES_128_GCM(0x0007, 16, 12);

    private final int id;
    private final int keyLength;
    private final int saltLength;

    SrtpProtectionProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The two-byte SRTPProtectionProfile value on the wire (RFC 5764 §4.1.2, RFC 7714 §14.2). */
    public int id() {
        return id;
    }

    /** Length in bytes of each SRTP master key. */
    public int keyLength() {
        return keyLength;
    }

    /** Length in bytes of each SRTP master salt. */
    public int saltLength() {
        return saltLength;
    }

    /** RFC 5764 §4.2: keying material for both directions, 2 * (key + salt) bytes. */
    int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    /** Our most preferred profile among those the client offered, if any. */
    static Optional<SrtpProtectionProfile> choose(int[] offered) {
        for (SrtpProtectionProfile ours : values()) {
            for (int theirs : offered) {
                if (theirs == ours.id) {
                    return Optional.of(ours);
                }
            }
        }
        return Optional.empty();
    }
}
