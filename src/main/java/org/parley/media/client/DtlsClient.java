package org.parley.media.client;

import java.io.IOException;
import java.security.SecureRandom;
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
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.parley.media.dtls.DtlsCertificate;
import org.parley.media.dtls.DtlsCrypto;
import org.parley.media.dtls.DtlsFingerprint;

/**
 * A browser's DTLS 1.2 client (RFC 6347), the one the load test's legs and the media tests' browsers
 * use: DTLS 1.2 only, the ECDHE-ECDSA AEAD suites, the extended master secret (RFC 7627) and
 * {@code use_srtp} with the profiles Chrome offers (RFC 5764 §4.1.1), authenticated by a self-signed
 * P-256 certificate (RFC 8827 §6.5) that the server trusts only through the offer's {@code a=fingerprint}.
 * After the handshake it exports the SRTP keying material with {@code EXTRACTOR-dtls_srtp} (RFC 5764
 * §4.2). One instance per handshake; the certificate may be shared by many (the load test makes one per
 * run: key generation and signing would cost it a few milliseconds per leg).
 *
 * <p>{@link Offer} turns single features off, so protocol tests can provoke each of the server's refusals.
 * Not final: a test that forges records as this client would seal them reads bctls's {@code context} in a
 * subclass; nothing else overrides it.
 *
 * <p>Threading: bctls calls it on the thread that runs {@code DTLSClientProtocol.connect}; what it learns
 * is volatile, for any thread to read afterwards.
 */
public class DtlsClient extends DefaultTlsClient {

    /** The ECDHE-ECDSA suites Chrome offers for DTLS 1.2 (RFC 8827 §6.5 makes the first mandatory). */
    private static final int[] BROWSER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    /** The SRTP protection profiles Chrome offers in {@code use_srtp} (RFC 5764 §4.1.2, RFC 7714 §14.2). */
    private static final int[] BROWSER_PROFILES = {
        SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM,
        SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM,
        SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80,
        SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_32,
    };

    /**
     * What the ClientHello offers and whether the client presents its certificate when asked. Immutable:
     * the arrays are copied in and out.
     *
     * @param suites               cipher suites, in order of preference
     * @param profiles             {@code use_srtp} profiles; null leaves the extension out (RFC 5764 §4.1.1)
     * @param extendedMasterSecret offer (and insist on) the extended master secret, RFC 7627 §5
     * @param presentCertificate   answer the server's CertificateRequest with the certificate
     */
    public record Offer(int[] suites, int[] profiles, boolean extendedMasterSecret, boolean presentCertificate) {

        /** A browser's offer. */
        public static final Offer BROWSER = new Offer(BROWSER_SUITES, BROWSER_PROFILES, true, true);

        public Offer {
            suites = suites.clone();
            profiles = profiles == null ? null : profiles.clone();
        }

        @Override
        public int[] suites() {
            return suites.clone();
        }

        @Override
        public int[] profiles() {
            return profiles == null ? null : profiles.clone();
        }

        public Offer withSuites(int... suites) {
            return new Offer(suites, profiles, extendedMasterSecret, presentCertificate);
        }

        public Offer withProfiles(int... profiles) {
            return new Offer(suites, profiles, extendedMasterSecret, presentCertificate);
        }

        /** No {@code use_srtp} extension at all. */
        public Offer withoutUseSrtp() {
            return new Offer(suites, null, extendedMasterSecret, presentCertificate);
        }

        public Offer withExtendedMasterSecret(boolean on) {
            return new Offer(suites, profiles, on, presentCertificate);
        }

        public Offer withPresentCertificate(boolean on) {
            return new Offer(suites, profiles, extendedMasterSecret, on);
        }
    }

    private final DtlsCertificate certificate;
    private final Offer offer;
    private final int handshakeTimeoutMillis;

    private volatile int selectedProfile = -1;
    private volatile int selectedSuite = -1;
    private volatile byte[] keyingMaterial;
    private volatile Certificate serverCertificate;
    private volatile boolean closeNotifyReceived;

    /** A browser's offer; bctls gives up after {@code handshakeTimeoutMillis} without a finished handshake. */
    public DtlsClient(DtlsCertificate certificate, int handshakeTimeoutMillis) {
        this(certificate, Offer.BROWSER, handshakeTimeoutMillis);
    }

    public DtlsClient(DtlsCertificate certificate, Offer offer, int handshakeTimeoutMillis) {
        super(certificate.crypto());
        this.certificate = certificate;
        this.offer = offer;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /**
     * A new key pair and self-signed certificate, as a browser makes for its peer connections. With
     * {@link DtlsCrypto}: no GCM tables for the handful of records a DTLS-SRTP connection seals.
     */
    public static DtlsCertificate newCertificate() {
        return DtlsCertificate.generate(new DtlsCrypto(new SecureRandom()), Clock.systemUTC());
    }

    /** What an offer from this client carries in {@code a=fingerprint}. */
    public DtlsFingerprint fingerprint() {
        return certificate.fingerprint();
    }

    /** The {@code use_srtp} profile id the server chose (RFC 5764 §4.1.2), or -1 before the handshake. */
    public int selectedProfile() {
        return selectedProfile;
    }

    /** The cipher suite of the finished handshake, or -1 before. */
    public int selectedSuite() {
        return selectedSuite;
    }

    /** The SRTP keying material exported after the handshake (RFC 5764 §4.2), or null before. */
    public byte[] keyingMaterial() {
        return keyingMaterial;
    }

    /** The chain the server presented, or null before its Certificate message. */
    public Certificate serverCertificate() {
        return serverCertificate;
    }

    /** Whether the server said close_notify (RFC 5246 §7.2.1). */
    public boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), offer.suites());
    }

    /** Ends a client whose server went quiet, so no caller waits (or leaves a thread behind) for ever. */
    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertDescription == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }

    @Override
    public boolean shouldUseExtendedMasterSecret() {
        return offer.extendedMasterSecret();
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return offer.extendedMasterSecret();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        int[] profiles = offer.profiles();
        if (profiles != null) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(profiles, TlsUtils.EMPTY_BYTES));
        }
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        // RFC 5764 §4.1.1: the server's use_srtp names exactly one of the offered profiles.
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
                // A browser checks it against the answer's fingerprint; these clients trust the server they
                // were pointed at (the answer came over their own signalling) and only keep it to look at.
                serverCertificate = server.getCertificate();
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                if (!offer.presentCertificate()) {
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
        // RFC 5764 §4.2: 2 × (master key + master salt) of the chosen profile (RFC 7714 §12 for GCM).
        int length = switch (selectedProfile) {
            case SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM -> 2 * (16 + 12);
            case SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80 -> 2 * (16 + 14);
            default -> throw new IOException("unexpected SRTP profile " + selectedProfile);
        };
        keyingMaterial = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length);
        selectedSuite = context.getSecurityParametersConnection().getCipherSuite();
    }
}
