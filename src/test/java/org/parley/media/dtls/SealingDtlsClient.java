package org.parley.media.dtls;

import java.io.IOException;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsUtils;
import org.parley.media.client.DtlsClient;

/**
 * The browser's DTLS client that can also seal records as it would after the handshake, so a test can
 * send the session records bctls's client API does not (a fatal alert): it reads RFC 5246 §6.3's key block
 * from bctls's context when the handshake completes.
 */
final class SealingDtlsClient extends DtlsClient {

    private volatile byte[] keyBlock;

    SealingDtlsClient() {
        super(newCertificate(), DtlsSessionTest.CLIENT_TIMEOUT_MILLIS);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        var connection = context.getSecurityParametersConnection();
        EpochCipher.Suite suite = EpochCipher.Suite.of(connection.getCipherSuite());
        keyBlock = TlsUtils.PRF(connection, connection.getMasterSecret(), ExporterLabel.key_expansion,
                org.bouncycastle.util.Arrays.concatenate(connection.getServerRandom(), connection.getClientRandom()),
                2 * (suite.keyLength + suite.ivLength)).extract();
    }

    /** Seals records as this client does (its write keys are the server's read keys). */
    EpochCipher clientCipher() {
        EpochCipher.Suite suite = EpochCipher.Suite.of(selectedSuite());
        int k = suite.keyLength;
        int iv = suite.ivLength;
        byte[] mirrored = new byte[keyBlock.length];
        System.arraycopy(keyBlock, k, mirrored, 0, k);
        System.arraycopy(keyBlock, 0, mirrored, k, k);
        System.arraycopy(keyBlock, 2 * k + iv, mirrored, 2 * k, iv);
        System.arraycopy(keyBlock, 2 * k, mirrored, 2 * k + iv, iv);
        return new EpochCipher(suite, mirrored);
    }
}
