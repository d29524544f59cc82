package org.parley.media.dtls;

import java.security.SecureRandom;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * bctls's lightweight crypto with a GCM that keeps no multiplication tables. A DTLS-SRTP connection
 * encrypts a handful of records in its life (Finished, then perhaps a close_notify): the media itself
 * is SRTP, keyed once from the handshake. BouncyCastle's default GCM precomputes a 4 KiB table per key
 * (as 256 small {@code long[]}, ~8 KiB of heap with their headers), and a leg keeps two or three such
 * ciphers for as long as it lives: about 28 KB per listener, most of a leg's heap in a 1,000-listener
 * room. The table-free multiplier is slower per block, which a few records never notice.
 */
public final class DtlsCrypto extends BcTlsCrypto {

    public DtlsCrypto(SecureRandom random) {
        super(random);
    }

    @Override
    protected AEADBlockCipher createGCMMode(BlockCipher engine) {
        return new GCMBlockCipher(engine, new BasicGCMMultiplier());
    }
}
