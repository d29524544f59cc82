package org.parley.media.srtp;

/**
 * Settings of an {@link SrtpSession}.
 *
 * @param maxStreams most SSRCs per direction and per RTP/RTCP that get a crypto context (each costs a key
 *                   derivation and a few hundred bytes); packets for further SSRCs are refused with
 *                   {@link SrtpStatus#TOO_MANY_STREAMS}
 * @param provider   jitsi-srtp's AES implementation, fixed for the whole JVM by the first session created;
 *                   {@code null} means {@link SrtpCryptoProvider#preferred()}
 * @param parleyAesCm RTP with AES_CM_128_HMAC_SHA1_80 through Parley's own transform ({@code AesCmRtp}),
 *                   not jitsi-srtp's (default true; false only to compare the two)
 */
public record SrtpConfig(int maxStreams, SrtpCryptoProvider provider, boolean parleyAesCm) {

    /**
     * Default: 32 streams, enough for an audio leg (a sender's one SSRC in; one per listener slot and
     * the RTCP sender SSRC out) with room for restarts; the preferred provider; Parley's AES-CM transform.
     */
    public static final SrtpConfig DEFAULTS = new SrtpConfig(32, null, true);

    /** With Parley's AES-CM transform. */
    public SrtpConfig(int maxStreams, SrtpCryptoProvider provider) {
        this(maxStreams, provider, true);
    }

    public SrtpConfig {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be at least 1");
        }
    }
}
