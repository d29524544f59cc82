package org.parley.media.dtls;

import java.io.IOException;
import java.time.Clock;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A browser stand-in written against bctls's client API only: offers DTLS 1.2, the ECDHE-ECDSA suites
 * and {@code use_srtp} like Chrome, and authenticates with its own ECDSA certificate. Knobs turn single
 * features off to provoke each failure.
 */
final class TestDtlsClient extends DefaultTlsClient {

    static final int[] BROWSER_PROFILES = {
        SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM,
        SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM,
        SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80,
        SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32,
    };

    static final int[] BROWSER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    final DtlsCertificate certificate;
    int[] offeredSuites = BROWSER_SUITES;
    int[] offeredProfiles = BROWSER_PROFILES;
    boolean offerExtendedMasterSecret = true;
    boolean presentCertificate = true;

    volatile int selectedProfile = -1;
    volatile byte[] keyingMaterial;
    volatile Certificate serverCertificate;
    volatile boolean closeNotifyReceived;
    volatile int selectedSuite = -1;
    /** RFC 5246 §6.3's key block, so a test can forge (or replay) records as this client would seal them. */
    volatile byte[] keyBlock;

    TestDtlsClient() {
        this(DtlsCertificate.generate(new BcTlsCrypto(), Clock.systemUTC()));
    }

    TestDtlsClient(DtlsCertificate certificate) {
        super(certificate.crypto());
        this.certificate = certificate;
    }

    DtlsFingerprint fingerprint() {
        return certificate.fingerprint();
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), offeredSuites);
    }

    /** Ends a client whose server went quiet, so no test leaves a thread behind. */
    @Override
    public int getHandshakeTimeoutMillis() {
        return 5000;
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertDescription == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }

    @Override
    public boolean shouldUseExtendedMasterSecret() {
        return offerExtendedMasterSecret;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return offerExtendedMasterSecret;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        if (offeredProfiles != null) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(offeredProfiles, TlsUtils.EMPTY_BYTES));
        }
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen != null && chosen.getProtectionProfiles().length == 1) {
            selectedProfile = chosen.getProtectionProfiles()[0];
        }
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate server) {
                serverCertificate = server.getCertificate();
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                if (!presentCertificate) {
                    return null;
                }
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), certificate.crypto(),
                        certificate.privateKey(), certificate.chain(),
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        int length = switch (selectedProfile) {
            case SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM -> 2 * (16 + 12);
            case SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80 -> 2 * (16 + 14);
            default -> throw new IOException("unexpected SRTP profile " + selectedProfile);
        };
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
        var connection = context.getSecurityParametersConnection();
        selectedSuite = connection.getCipherSuite();
        EpochCipher.Suite suite = EpochCipher.Suite.of(selectedSuite);
        keyBlock = TlsUtils.PRF(connection, connection.getMasterSecret(), ExporterLabel.key_expansion,
                org.bouncycastle.util.Arrays.concatenate(connection.getServerRandom(), connection.getClientRandom()),
                2 * (suite.keyLength + suite.ivLength)).extract();
    }

    /** Seals records as this client does (its write keys are the server's read keys). */
    EpochCipher clientCipher() {
        EpochCipher.Suite suite = EpochCipher.Suite.of(selectedSuite);
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
