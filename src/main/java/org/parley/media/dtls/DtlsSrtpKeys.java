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
 * encrypt what we send with the server keys. Immutable: accessors hand out copies. {@link #toString()}
 * never shows key bytes.
 */
public final class DtlsSrtpKeys {

    private final SrtpProtectionProfile profile;
    private final byte[] clientKey;
    private final byte[] serverKey;
    private final byte[] clientSalt;
    private final byte[] serverSalt;

    private DtlsSrtpKeys(SrtpProtectionProfile profile, byte[] material) {
        int key = profile.keyLength();
        int salt = profile.saltLength();
        this.profile = profile;
        this.clientKey = Arrays.copyOfRange(material, 0, key);
        this.serverKey = Arrays.copyOfRange(material, key, 2 * key);
        this.clientSalt = Arrays.copyOfRange(material, 2 * key, 2 * key + salt);
        this.serverSalt = Arrays.copyOfRange(material, 2 * key + salt, 2 * key + 2 * salt);
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
        return clientKey.clone();
    }

    /** Master salt of the SRTP the peer sends us. */
    public byte[] clientWriteSalt() {
        return clientSalt.clone();
    }

    /** Master key of the SRTP we send the peer (encrypt with it). */
    public byte[] serverWriteKey() {
        return serverKey.clone();
    }

    /** Master salt of the SRTP we send the peer. */
    public byte[] serverWriteSalt() {
        return serverSalt.clone();
    }

    @Override
    public String toString() {
        return "DtlsSrtpKeys[" + profile + "]";
    }
}
