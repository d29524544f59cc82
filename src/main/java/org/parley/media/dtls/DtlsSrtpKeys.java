package org.parley.media.dtls;

import java.util.Arrays;

/**
 * The SRTP master keys and salts of one session, for both directions. RFC 5764 §4.2 splits the exported
 * keying material (label {@code EXTRACTOR-dtls_srtp}, no context) like this:
 * <pre>
 *   +-------------------+-------------------+--------------------+--------------------+
 *   | client write key  | server write key  | client write salt  | server write salt  |
 *   |    keyLength      |    keyLength      |    saltLength      |    saltLength      |
 *   +-------------------+-------------------+--------------------+--------------------+
 * </pre>
 * We are the DTLS server: the client (the browser) encrypts what it sends with the client keys, and we
 * encrypt what we send with the server keys. Accessors hand out copies; {@link #destroy()} zeroes and
 * drops the material once the SRTP session holds its own copy, so the master keys do not stay in the
 * completed handshake future for the life of the leg. {@link #toString()} never shows key bytes.
 * Thread-safe.
 */
public final class DtlsSrtpKeys {

    private final SrtpProtectionProfile profile;
    /** The exported material, laid out as above; null once destroyed. */
    private byte[] material;

    private DtlsSrtpKeys(SrtpProtectionProfile profile, byte[] material) {
        this.profile = profile;
        this.material = material.clone();
    }

    /** Splits exported keying material of exactly {@code profile.keyingMaterialLength()} bytes. */
    static DtlsSrtpKeys split(SrtpProtectionProfile profile, byte[] material) {
        if (material.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("expected " + profile.keyingMaterialLength() + " bytes of keying material");
        }
        return new DtlsSrtpKeys(profile, material);
    }

    public SrtpProtectionProfile profile() {
        return profile;
    }

    /** Master key of the SRTP the peer sends us (decrypt with it). */
    public byte[] clientWriteKey() {
        return part(0, profile.keyLength());
    }

    /** Master salt of the SRTP the peer sends us. */
    public byte[] clientWriteSalt() {
        return part(2 * profile.keyLength(), profile.saltLength());
    }

    /** Master key of the SRTP we send the peer (encrypt with it). */
    public byte[] serverWriteKey() {
        return part(profile.keyLength(), profile.keyLength());
    }

    /** Master salt of the SRTP we send the peer. */
    public byte[] serverWriteSalt() {
        return part(2 * profile.keyLength() + profile.saltLength(), profile.saltLength());
    }

    /** Zeroes and forgets the material; the accessors throw afterwards. Idempotent. */
    public synchronized void destroy() {
        if (material != null) {
            Arrays.fill(material, (byte) 0);
            material = null;
        }
    }

    private synchronized byte[] part(int from, int length) {
        if (material == null) {
            throw new IllegalStateException("the SRTP keys were destroyed");
        }
        return Arrays.copyOfRange(material, from, from + length);
    }

    @Override
    public String toString() {
        return "DtlsSrtpKeys[" + profile + "]";
    }
}
