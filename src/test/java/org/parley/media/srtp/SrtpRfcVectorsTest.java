package org.parley.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC test vectors. The RFC 3711 B.2 keystream and RFC 7714 §16 vectors are stated for session keys, which
 * the facade never exposes (it takes DTLS master keys and runs the KDF). So they check the independent
 * {@link SrtpReference}; B.3 checks its KDF; then the facade's output is compared byte for byte with the
 * reference: for AES-CM directly against the B.3 session keys, for GCM against the reference KDF.
 */
@Timeout(30)
class SrtpRfcVectorsTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    // RFC 3711 Appendix B.2: AES-CM keystream.
    static final byte[] B2_KEY = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    static final byte[] B2_SALT = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
    static final byte[] B2_KEYSTREAM_0 = hex("E03EAD0935C95E80E166B16DD92B4EB4"
            + "D23513162B02D0F72A43A2FE4A5F97AB" + "41E95B3BB0A2E8DD477901E4FCA894C0");
    static final byte[] B2_KEYSTREAM_FEFF = hex("EC8CDF7398607CB0F2D21675EA9EA1E4"
            + "362B7C3C6773516318A077D7FC5073AE" + "6A2CC3787889374FBEB4C81B17BA6C44");

    // RFC 3711 Appendix B.3: key derivation.
    static final byte[] B3_MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    static final byte[] B3_MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");
    static final byte[] B3_CIPHER_KEY = hex("C61E7A93744F39EE10734AFE3FF7A087");
    static final byte[] B3_CIPHER_SALT = hex("30CBBC08863D8C85D49DB34A9AE1");
    static final byte[] B3_AUTH_KEY = hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");

    // RFC 7714 §16.1.1: AEAD_AES_128_GCM RTP packet encryption.
    static final byte[] GCM_KEY = hex("000102030405060708090a0b0c0d0e0f");
    static final byte[] GCM_SALT = hex("517569642070726f2071756f");
    static final byte[] GCM_PLAIN = hex("8040f17b8041f8d35501a0b2 47616c6c696120657374206f6d6e697320646976"
            + "69736120696e20706172746573207472 6573");
    static final byte[] GCM_PROTECTED = hex("8040f17b8041f8d35501a0b2 f24de3a3fb34de6cacba861c9d7e4bca"
            + "be633bd50d294e6f42a5f47a51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce");

    @Test
    void the_reference_aes_cm_matches_the_rfc3711_b2_keystream() throws Exception {
        // B.2: SSRC 0, ROC 0, SEQ 0; the keystream is what encrypting zeros yields.
        assertThat(SrtpReference.aesCtr(B2_KEY, SrtpReference.aesCmIv(B2_SALT, 0, 0), new byte[48]))
                .isEqualTo(B2_KEYSTREAM_0);
        byte[] iv = SrtpReference.aesCmIv(B2_SALT, 0, 0);
        iv[14] = (byte) 0xfe;
        iv[15] = (byte) 0xff;
        assertThat(SrtpReference.aesCtr(B2_KEY, iv, new byte[48])).isEqualTo(B2_KEYSTREAM_FEFF);
    }

    @Test
    void the_reference_kdf_matches_the_rfc3711_b3_session_keys() throws Exception {
        assertThat(SrtpReference.kdf(B3_MASTER_KEY, B3_MASTER_SALT, SrtpReference.LABEL_RTP_ENCRYPTION, 16))
                .isEqualTo(B3_CIPHER_KEY);
        assertThat(SrtpReference.kdf(B3_MASTER_KEY, B3_MASTER_SALT, SrtpReference.LABEL_RTP_SALT, 14))
                .isEqualTo(B3_CIPHER_SALT);
        assertThat(SrtpReference.kdf(B3_MASTER_KEY, B3_MASTER_SALT, SrtpReference.LABEL_RTP_AUTH, 20))
                .isEqualTo(B3_AUTH_KEY);
    }

    @Test
    void the_reference_gcm_matches_rfc7714_16_1_1_ciphertext_and_tag() throws Exception {
        assertThat(SrtpReference.protectRtpGcm(GCM_KEY, GCM_SALT, GCM_PLAIN, 12, 0)).isEqualTo(GCM_PROTECTED);
    }

    @Test
    void the_facade_derives_the_rfc3711_b3_session_keys_and_protects_rtp_with_them() throws Exception {
        SrtpSession session = SrtpSession.create(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                new SrtpKeys(B3_MASTER_KEY, B3_MASTER_SALT, new byte[16], new byte[14]), SrtpConfig.DEFAULTS);
        byte[] plain = SrtpSessionTest.opusPacket(0x1234, 0xcafebabe, 160);
        SrtpBuffer pkt = SrtpSessionTest.buffer(plain, 64);

        assertThat(session.protectRtp(pkt)).isEqualTo(SrtpStatus.OK);

        // Expected output computed from the session keys printed in B.3, not from any KDF.
        byte[] expected = SrtpReference.protectRtpAesCm(B3_CIPHER_KEY, B3_CIPHER_SALT, B3_AUTH_KEY, plain,
                SrtpSessionTest.OPUS_HEADER, 0);
        assertThat(Arrays.copyOfRange(pkt.array(), pkt.offset(), pkt.offset() + pkt.length())).isEqualTo(expected);
    }

    @Test
    void the_facade_protects_the_rfc7714_packet_as_the_reference_does_with_derived_keys() throws Exception {
        // RFC 7714's key and salt used as DTLS master key and salt; the facade runs the KDF (§11).
        SrtpSession session = SrtpSession.create(SrtpProfile.AEAD_AES_128_GCM,
                new SrtpKeys(GCM_KEY, GCM_SALT, new byte[16], new byte[12]), SrtpConfig.DEFAULTS);
        SrtpBuffer pkt = SrtpSessionTest.buffer(GCM_PLAIN, 64);

        assertThat(session.protectRtp(pkt)).isEqualTo(SrtpStatus.OK);

        byte[] key = SrtpReference.kdf(GCM_KEY, GCM_SALT, SrtpReference.LABEL_RTP_ENCRYPTION, 16);
        byte[] salt = SrtpReference.kdf(GCM_KEY, GCM_SALT, SrtpReference.LABEL_RTP_SALT, 12);
        byte[] expected = SrtpReference.protectRtpGcm(key, salt, GCM_PLAIN, 12, 0);
        assertThat(pkt.length()).isEqualTo(GCM_PLAIN.length + 16);
        assertThat(Arrays.copyOfRange(pkt.array(), pkt.offset(), pkt.offset() + pkt.length())).isEqualTo(expected);
    }

    @Test
    void the_facade_protects_rtcp_as_the_reference_does_for_both_profiles() throws Exception {
        byte[] rr = hex("81c90007 cafebabe 11223344 05000010 00010203 00000020 a1b2c340 00010000");
        for (SrtpProfile profile : SrtpProfile.values()) {
            byte[] mk = B3_MASTER_KEY;
            byte[] ms = Arrays.copyOf(B3_MASTER_SALT, profile.saltLength());
            SrtpSession session = SrtpSession.create(profile, new SrtpKeys(mk, ms, new byte[16],
                    new byte[profile.saltLength()]), SrtpConfig.DEFAULTS);
            SrtpBuffer pkt = SrtpSessionTest.buffer(rr, 64);

            assertThat(session.protectRtcp(pkt)).isEqualTo(SrtpStatus.OK);

            byte[] out = Arrays.copyOfRange(pkt.array(), pkt.offset(), pkt.offset() + pkt.length());
            int index = SrtpReference.i32(out, profile == SrtpProfile.AEAD_AES_128_GCM
                    ? out.length - 4 : rr.length) & 0x7fff_ffff;
            byte[] key = SrtpReference.kdf(mk, ms, SrtpReference.LABEL_RTCP_ENCRYPTION, 16);
            byte[] salt = SrtpReference.kdf(mk, ms, SrtpReference.LABEL_RTCP_SALT, profile.saltLength());
            byte[] expected = profile == SrtpProfile.AEAD_AES_128_GCM
                    ? SrtpReference.protectRtcpGcm(key, salt, rr, index)
                    : SrtpReference.protectRtcpAesCm(key, salt,
                            SrtpReference.kdf(mk, ms, SrtpReference.LABEL_RTCP_AUTH, 20), rr, index);
            assertThat(out).as(profile.name()).isEqualTo(expected);
            assertThat(out.length).isEqualTo(rr.length + profile.rtcpOverhead());
        }
    }
}
