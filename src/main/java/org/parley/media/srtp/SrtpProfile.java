package org.parley.media.srtp;

/**
 * The SRTP protection profiles Parley negotiates in DTLS-SRTP, with the sizes the SRTP layer needs.
 * Mirrors the DTLS layer's list; the link between them is the wire id ({@link #fromId}).
 */
public enum SrtpProfile {
    /**
     * RFC 7714 §14.2 (id 0x0007): AES-128 in GCM for both SRTP and SRTCP; 128-bit master key, 96-bit
     * master salt (§12), 16-byte tag that is part of the AEAD output (§13.2).
     */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16),
    /**
     * RFC 5764 §4.1.2 (id 0x0001): AES-128 counter mode with HMAC-SHA1 truncated to 80 bits for both SRTP
     * and SRTCP (RFC 3711 §5.1, §5.2); 128-bit master key, 112-bit master salt.
     */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10);

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int tagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
    }

    /** The SRTPProtectionProfile value of the DTLS use_srtp extension (RFC 5764 §4.1.2). */
    public int id() {
        return id;
    }

    /** Master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** Bytes appended to each RTP packet: the authentication tag. */
    public int rtpOverhead() {
        return tagLength;
    }

    /** Bytes appended to each RTCP packet: E flag and SRTCP index (RFC 3711 §3.4), then the tag. */
    public int rtcpOverhead() {
        return 4 + tagLength;
    }

    int tagLength() {
        return tagLength;
    }

    /** The profile with this wire id, or {@code null} if Parley does not support it. */
    public static SrtpProfile fromId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }
}
