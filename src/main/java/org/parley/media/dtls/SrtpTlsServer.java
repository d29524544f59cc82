package org.parley.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bctls's callbacks for one WebRTC handshake in the server role: DTLS 1.2 only, ECDHE-ECDSA AEAD suites,
 * extended master secret, a client certificate checked against the SDP fingerprints, {@code use_srtp},
 * and the SRTP keys exported at the end.
 *
 * <p>Threading: bctls calls every method on the session thread; the fields are confined to it.
 */
final class SrtpTlsServer extends DefaultTlsServer {

    private static final Logger log = LoggerFactory.getLogger(SrtpTlsServer.class);

    /**
     * RFC 8827 §6.5 makes the first mandatory; the others are what Chrome and Firefox also offer. bctls
     * picks in the client's order among those it supports.
     */
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    /** Our ServerKeyExchange signature: ecdsa_secp256r1_sha256, the only one a P-256 key should make. */
    private static final SignatureAndHashAlgorithm OUR_SIGNATURE = SignatureAndHashAlgorithm.getInstance(
            HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private final DtlsCertificate certificate;
    private final List<DtlsFingerprint> peerFingerprints;
    private final int handshakeTimeoutMillis;
    private final String logContext;

    private DtlsFailure failure;
    private SrtpProtectionProfile profile;
    private DtlsSrtpKeys keys;
    private EpochCipher epochCipher;

    SrtpTlsServer(DtlsCertificate certificate, List<DtlsFingerprint> peerFingerprints, int handshakeTimeoutMillis,
                  String logContext) {
        super(certificate.crypto());
        this.certificate = certificate;
        this.peerFingerprints = List.copyOf(peerFingerprints);
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.logContext = logContext;
    }

    /** The specific reason we aborted the handshake, if we know one better than the alert. */
    DtlsFailure failure() {
        return failure;
    }

    /** Set once the handshake is complete. */
    DtlsSrtpKeys keys() {
        return keys;
    }

    /** Set once the handshake is complete: the record keys of epoch 1, for the session after bctls. */
    EpochCipher epochCipher() {
        return epochCipher;
    }

    // RFC 8827 §6.5: DTLS 1.2 (RFC 6347). DTLS 1.0 is obsolete (RFC 8996).
    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CIPHER_SUITES);
    }

    // RFC 7627 §5.3: without it a man in the middle can synchronise two sessions' master secrets,
    // and with them the SRTP keys exported from them.
    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    /** bctls's own deadline, a second line behind {@link QueueTransport}'s. */
    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    // WebRTC certificates are self-signed and trusted only through the SDP fingerprint (RFC 8827 §6.5),
    // so the algorithm that signed them does not matter.
    @Override
    public boolean shouldCheckSigAlgOfPeerCerts() {
        return false;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        if (!TlsExtensionsUtils.hasExtendedMasterSecretExtension(clientExtensions)) {
            throw abort(DtlsFailure.NO_EXTENDED_MASTER_SECRET, AlertDescription.handshake_failure);
        }
        // RFC 5764 §4.1.1: pick one profile the client offered. Without one there is nothing to key, so
        // rather than falling back to plain DTLS we send "an appropriate DTLS alert".
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw abort(DtlsFailure.NO_SRTP_PROFILE, AlertDescription.handshake_failure);
        }
        profile = SrtpProtectionProfile.choose(offered.getProtectionProfiles())
                .orElseThrow(() -> abort(DtlsFailure.NO_SRTP_PROFILE, AlertDescription.handshake_failure));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        // RFC 5764 §4.1.1: exactly the chosen profile, and an empty srtp_mki: we use no MKI.
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {profile.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), certificate.crypto(),
                certificate.privateKey(), certificate.chain(), OUR_SIGNATURE);
    }

    /** RFC 5763 §5, RFC 8827 §6.5: the client must authenticate with the certificate of its SDP. */
    @Override
    public CertificateRequest getCertificateRequest() {
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        algorithms.add(OUR_SIGNATURE);
        algorithms.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384,
                SignatureAlgorithm.ecdsa));
        // RTCPeerConnection.generateCertificate() can also make RSA certificates.
        algorithms.add(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256);
        algorithms.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256,
                SignatureAlgorithm.rsa));
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                algorithms, null);
    }

    /**
     * RFC 8827 §6.5 / RFC 8122 §5: the end-entity certificate must hash to a fingerprint of the peer's
     * SDP. bctls then checks the CertificateVerify signature, proving the peer holds its private key.
     */
    @Override
    public void notifyClientCertificate(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw abort(DtlsFailure.NO_CLIENT_CERTIFICATE, AlertDescription.handshake_failure);
        }
        byte[] der = chain.getCertificateAt(0).getEncoded();
        for (DtlsFingerprint expected : peerFingerprints) {
            if (expected.matches(der)) {
                return;
            }
        }
        throw abort(DtlsFailure.FINGERPRINT_MISMATCH, AlertDescription.bad_certificate);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        // RFC 5764 §4.2: the RFC 5705 exporter, no context value.
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
        keys = DtlsSrtpKeys.split(profile, material);
        java.util.Arrays.fill(material, (byte) 0);
        epochCipher = EpochCipher.forServer(context.getSecurityParametersConnection());
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        log.debug("[{}] DTLS alert received: {} {}", logContext, AlertLevel.getText(alertLevel),
                AlertDescription.getText(alertDescription));
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        log.debug("[{}] DTLS alert raised: {} {} ({})", logContext, AlertLevel.getText(alertLevel),
                AlertDescription.getText(alertDescription), message);
    }

    private TlsFatalAlert abort(DtlsFailure reason, short alert) {
        if (failure == null) {
            failure = reason;
        }
        return new TlsFatalAlert(alert, reason.label());
    }
}
