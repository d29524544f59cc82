package org.parley.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

/** The hand-built certificate, checked by the JDK's own X.509 code rather than BouncyCastle's. */
class DtlsCertificateTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final DtlsCertificate certificate = DtlsCertificate.generate(new BcTlsCrypto(), Clock.fixed(NOW, ZoneOffset.UTC));

    X509Certificate parsed() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.der()));
    }

    @Test
    void the_certificate_is_a_self_signed_ecdsa_p256_certificate_the_jdk_can_verify() throws Exception {
        X509Certificate x509 = parsed();

        assertThat(x509.getVersion()).isEqualTo(3);
        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(x509.getSigAlgParams()).isNull();
        assertThat(x509.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
                key -> assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
        assertThat(x509.getPublicKey().getFormat()).isEqualTo("X.509");
        assertThat(x509.getSubjectX500Principal()).isEqualTo(x509.getIssuerX500Principal());
        assertThat(x509.getSerialNumber().signum()).isPositive();
        x509.verify(x509.getPublicKey()); // throws unless the signature is good
    }

    @Test
    void the_certificate_is_valid_now_and_for_a_year() throws Exception {
        X509Certificate x509 = parsed();

        x509.checkValidity(Date.from(NOW));
        x509.checkValidity(Date.from(NOW.plusSeconds(364L * 24 * 3600)));
        assertThat(x509.getNotBefore()).isBefore(Date.from(NOW));
    }

    @Test
    void the_fingerprint_is_the_sha_256_of_the_encoded_certificate() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(parsed().getEncoded());

        assertThat(certificate.fingerprint().toSdp())
                .isEqualTo("sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
    }

    @Test
    void every_certificate_has_its_own_key() {
        DtlsCertificate other = DtlsCertificate.generate(new BcTlsCrypto(), Clock.systemUTC());

        assertThat(other.fingerprint()).isNotEqualTo(certificate.fingerprint());
    }
}
