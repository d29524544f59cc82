package org.parley.media.srtp;

import java.util.Arrays;

/**
 * The SRTP master keys of one session, split by direction: what protects what we send ({@code local})
 * and what protects what the peer sends us ({@code remote}). Holds copies; {@link #toString} never prints
 * key material.
 */
public final class SrtpKeys {

    final byte[] localKey;
    final byte[] localSalt;
    final byte[] remoteKey;
    final byte[] remoteSalt;

    public SrtpKeys(byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt) {
        this.localKey = localKey.clone();
        this.localSalt = localSalt.clone();
        this.remoteKey = remoteKey.clone();
        this.remoteSalt = remoteSalt.clone();
    }

    /**
     * Splits keying material exported by DTLS with label "EXTRACTOR-dtls_srtp", RFC 5764 §4.2:
     * <pre>
     * client_write_SRTP_master_key[key_len]
     * server_write_SRTP_master_key[key_len]
     * client_write_SRTP_master_salt[salt_len]
     * server_write_SRTP_master_salt[salt_len]
     * </pre>
     *
     * @param ourRole our role in the DTLS handshake; each side sends with its own write key
     * @throws IllegalArgumentException if the material is not 2 * (key_len + salt_len) bytes for the profile
     */
    public static SrtpKeys fromKeyingMaterial(SrtpProfile profile, byte[] material, SrtpRole ourRole) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material == null || material.length != 2 * (k + s)) {
            throw new IllegalArgumentException("keying material must be " + 2 * (k + s) + " bytes for " + profile);
        }
        byte[] clientKey = Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
        return ourRole == SrtpRole.SERVER
                ? new SrtpKeys(serverKey, serverSalt, clientKey, clientSalt)
                : new SrtpKeys(clientKey, clientSalt, serverKey, serverSalt);
    }

    /** The keys as the peer sees them: its local keys are our remote ones. Handy for tests and loopback. */
    public SrtpKeys swapped() {
        return new SrtpKeys(remoteKey, remoteSalt, localKey, localSalt);
    }

    /** Overwrites the key material with zeros. */
    void wipe() {
        Arrays.fill(localKey, (byte) 0);
        Arrays.fill(localSalt, (byte) 0);
        Arrays.fill(remoteKey, (byte) 0);
        Arrays.fill(remoteSalt, (byte) 0);
    }

    @Override
    public String toString() {
        return "SrtpKeys[redacted]";
    }
}
