package org.parley.loadtest;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Hashtable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
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
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.parley.media.dtls.DtlsFingerprint;

/**
 * A listener's or speaker's DTLS 1.2 client (RFC 6347) like a browser's: ECDHE-ECDSA, extended
 * master secret, both SRTP profiles Parley supports offered in {@code use_srtp} (RFC 5764 §4.1.1), and
 * a self-signed P-256 certificate (RFC 8827 §6.5), one per run shared by every leg ({@link Identity}):
 * key generation and signing
 * would otherwise cost the load generator a few milliseconds per leg. After the handshake it exports
 * the SRTP keying material with {@code EXTRACTOR-dtls_srtp} (RFC 5764 §4.2). One instance per handshake.
 * Public because the media tests use it as their browser too.
 */
public final class DtlsClient extends DefaultTlsClient {

    /** The run's one client certificate: its key pair, chain and SDP fingerprint. */
    public record Identity(BcTlsCrypto crypto, AsymmetricCipherKeyPair keyPair, Certificate chain, DtlsFingerprint fingerprint) {

        public static Identity generate() {
            BcTlsCrypto crypto = new org.parley.media.dtls.DtlsCrypto(new SecureRandom());
            ECKeyPairGenerator generator = new ECKeyPairGenerator();
            generator.init(new ECKeyGenerationParameters(
                    ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1), crypto.getSecureRandom()));
            AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();
            org.bouncycastle.asn1.x509.Certificate certificate = selfSigned(keyPair, crypto.getSecureRandom());
            try {
                return new Identity(crypto, keyPair,
                        new Certificate(new TlsCertificate[] {new BcTlsCertificate(crypto, certificate)}),
                        DtlsFingerprint.sha256(certificate.getEncoded(ASN1Encoding.DER)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Generous: under load the server answers late, and bctls retransmits from 1 s (RFC 6347 §4.2.4.1). */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 20_000;

    private final Identity identity;
    private final int handshakeTimeoutMillis;

    private volatile int selectedProfile = -1;
    private volatile byte[] keyingMaterial;

    DtlsClient(Identity identity) {
        this(identity, HANDSHAKE_TIMEOUT_MILLIS);
    }

    public DtlsClient(Identity identity, int handshakeTimeoutMillis) {
        super(identity.crypto());
        this.identity = identity;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /** What an offer from this client carries in {@code a=fingerprint}. */
    public DtlsFingerprint fingerprint() {
        return identity.fingerprint();
    }

    /** The {@code use_srtp} profile id the server chose (RFC 5764 §4.1.2), or -1 before the handshake. */
    public int selectedProfile() {
        return selectedProfile;
    }

    /** The SRTP keying material exported after the handshake (RFC 5764 §4.2), or null before. */
    public byte[] keyingMaterial() {
        return keyingMaterial;
    }

    /** RFC 5280 §4.1: SEQUENCE { tbsCertificate, ecdsa-with-SHA256, signature BIT STRING }. */
    private static org.bouncycastle.asn1.x509.Certificate selfSigned(AsymmetricCipherKeyPair keyPair,
                                                                     SecureRandom random) {
        AlgorithmIdentifier ecdsaWithSha256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        X500Name name = new X500Name("CN=WebRTC");
        Instant now = Instant.now();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, random).add(BigInteger.ONE)));
        tbs.setSignature(ecdsaWithSha256);
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofDays(1)))));
        tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(30)))));
        try {
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            TBSCertificate toBeSigned = tbs.generateTBSCertificate();
            byte[] der = toBeSigned.getEncoded(ASN1Encoding.DER);
            DSADigestSigner signer = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())),
                    new SHA256Digest());
            signer.init(true, keyPair.getPrivate());
            signer.update(der, 0, der.length);
            ASN1EncodableVector parts = new ASN1EncodableVector(3);
            parts.add(toBeSigned);
            parts.add(ecdsaWithSha256);
            parts.add(new DERBitString(signer.generateSignature()));
            return org.bouncycastle.asn1.x509.Certificate.getInstance(new DERSequence(parts));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), new int[] {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        });
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public boolean shouldUseExtendedMasterSecret() {
        return true;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {
            SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM,
            SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80,
        }, TlsUtils.EMPTY_BYTES));
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
                // A browser checks the server's fingerprint against the answer's; the load test trusts the
                // server it was pointed at (the answer came over its own WebSocket).
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context),
                        (BcTlsCrypto) getCrypto(), identity.keyPair().getPrivate(), identity.chain(),
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
    }
}
