package org.parley.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DtlsFingerprintTest {

    @Test
    void the_node_fingerprint_is_in_rfc_8122_form() {
        DtlsServer server = DtlsServer.create(DtlsConfig.defaults());

        assertThat(server.fingerprint().toSdp()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(server.fingerprint().hashFunction()).isEqualTo("sha-256");
    }

    @Test
    void a_fingerprint_is_the_sha_256_of_the_der_bytes() {
        // SHA-256("abc"), FIPS 180-2 Appendix B.1.
        DtlsFingerprint fingerprint = DtlsFingerprint.sha256("abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(fingerprint.toSdp()).isEqualTo("sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:"
                + "B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD");
    }

    @Test
    void an_sdp_fingerprint_parses_back_to_the_same_value_whatever_the_case() {
        DtlsFingerprint original = DtlsFingerprint.sha256(new byte[] {1, 2, 3});

        assertThat(DtlsFingerprint.parse(original.toSdp())).contains(original);
        assertThat(DtlsFingerprint.parse("  " + original.toSdp().toLowerCase() + " ")).contains(original);
        assertThat(DtlsFingerprint.parse(original.toSdp().replace("sha-256", "SHA-256"))).contains(original);
    }

    @Test
    void the_longer_sha_2_fingerprints_are_accepted_and_checked() {
        String sha512 = "sha-512 " + "AB:".repeat(63) + "AB";

        assertThat(DtlsFingerprint.parse(sha512)).hasValueSatisfying(f -> {
            assertThat(f.hashFunction()).isEqualTo("sha-512");
            assertThat(f.matches(new byte[] {1})).isFalse();
        });
    }

    @Test
    void malformed_weak_or_mis_sized_fingerprints_are_refused() {
        String valid = DtlsFingerprint.sha256(new byte[] {1}).toSdp();

        assertThat(DtlsFingerprint.parse(null)).isEmpty();
        assertThat(DtlsFingerprint.parse("")).isEmpty();
        assertThat(DtlsFingerprint.parse("sha-256")).isEmpty();
        assertThat(DtlsFingerprint.parse(valid.substring(0, valid.length() - 3))).isEmpty();
        assertThat(DtlsFingerprint.parse(valid.replace(':', '-'))).isEmpty();
        assertThat(DtlsFingerprint.parse(valid.substring(0, valid.length() - 2) + "ZZ")).isEmpty();
        assertThat(DtlsFingerprint.parse("sha-1 " + "AB:".repeat(19) + "AB")).isEmpty();
        assertThat(DtlsFingerprint.parse("md5 " + "AB:".repeat(15) + "AB")).isEmpty();
        assertThat(DtlsFingerprint.parse("sha-384 " + valid.substring(8))).isEmpty();
    }

    @Test
    void a_certificate_matches_only_its_own_fingerprint() {
        byte[] one = {1, 2, 3};
        byte[] other = {1, 2, 4};

        assertThat(DtlsFingerprint.sha256(one).matches(one)).isTrue();
        assertThat(DtlsFingerprint.sha256(one).matches(other)).isFalse();
    }
}
