package org.parley.media.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A self-signed ECDSA P-256 certificate and its private key, made at start-up (RFC 8827 §6.5: P-256 and
 * TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 are mandatory to implement). Peers trust it only through the
 * fingerprint in our SDP, so names and validity dates carry no meaning; a restart makes a new one.
 *
 * <p>bcpkix (home of BouncyCastle's certificate builders) is not a dependency, so the certificate is
 * assembled from bcprov's ASN.1 classes: {@link V3TBSCertificateGenerator} encodes the to-be-signed part,
 * a deterministic (RFC 6979) SHA-256 ECDSA signer signs its DER, and the three parts make the
 * certificate (RFC 5280 §4.1):
 * <pre>
 *   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm ecdsa-with-SHA256, signatureValue BIT STRING }
 * </pre>
 * Immutable and thread-safe; one per node, shared by all sessions. Public for the client role too
 * ({@code media.client}): a browser stand-in authenticates the same way.
 */
public final class DtlsCertificate {

    /** The subject and issuer; browsers use "WebRTC", the name is never checked. */
    private static final X500Name NAME = new X500Name("CN=parley");
    /** RFC 5758 §3.2: the parameters of ecdsa-with-SHA256 are absent. */
    private static final AlgorithmIdentifier ECDSA_WITH_SHA256 =
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    /** Backdated a day so that a peer with a slow clock would not call it "not yet valid" (none checks). */
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Duration LIFETIME = Duration.ofDays(365);

    private final BcTlsCrypto crypto;
    private final AsymmetricKeyParameter privateKey;
    private final org.bouncycastle.tls.Certificate chain;
    private final byte[] der;
    private final DtlsFingerprint fingerprint;

    private DtlsCertificate(BcTlsCrypto crypto, AsymmetricKeyParameter privateKey, Certificate certificate) {
        this.crypto = crypto;
        this.privateKey = privateKey;
        this.chain = new org.bouncycastle.tls.Certificate(
                new TlsCertificate[] {new BcTlsCertificate(crypto, certificate)});
        try {
            this.der = certificate.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a certificate we just built", e);
        }
        this.fingerprint = DtlsFingerprint.sha256(der);
    }

    /** A new key pair and certificate; takes a few milliseconds. */
    public static DtlsCertificate generate(BcTlsCrypto crypto, Clock clock) {
        SecureRandom random = crypto.getSecureRandom();
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1),
                random));
        AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();

        Instant now = clock.instant();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        // RFC 5280 §4.1.2.2: a positive integer of at most 20 octets; 64 random bits are unique enough.
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, random).add(BigInteger.ONE)));
        tbs.setSignature(ECDSA_WITH_SHA256);
        tbs.setIssuer(NAME);
        tbs.setSubject(NAME);
        tbs.setStartDate(new Time(Date.from(now.minus(BACKDATE))));
        tbs.setEndDate(new Time(Date.from(now.plus(LIFETIME))));
        try {
            // Encodes the key as id-ecPublicKey with the named curve prime256v1 (RFC 5480 §2).
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            TBSCertificate toBeSigned = tbs.generateTBSCertificate();
            byte[] tbsDer = toBeSigned.getEncoded(ASN1Encoding.DER);

            // RFC 5758 §3.2: the signature is the DER SEQUENCE { r INTEGER, s INTEGER }, which
            // DSADigestSigner writes by default.
            DSADigestSigner signer = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())),
                    new SHA256Digest());
            signer.init(true, keyPair.getPrivate());
            signer.update(tbsDer, 0, tbsDer.length);
            byte[] signature = signer.generateSignature();

            ASN1EncodableVector parts = new ASN1EncodableVector(3);
            parts.add(toBeSigned);
            parts.add(ECDSA_WITH_SHA256);
            parts.add(new DERBitString(signature));
            Certificate certificate = Certificate.getInstance(new DERSequence(parts));
            return new DtlsCertificate(crypto, keyPair.getPrivate(), certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a certificate", e);
        }
    }

    public BcTlsCrypto crypto() {
        return crypto;
    }

    public AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** The chain bctls sends in the Certificate message: just this certificate. */
    public org.bouncycastle.tls.Certificate chain() {
        return chain;
    }

    /** The DER encoding of the certificate; a fresh copy. */
    public byte[] der() {
        return der.clone();
    }

    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }
}
