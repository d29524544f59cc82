package org.parley.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.media.rtp.AudioLevel;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpWriter;

@Timeout(30)
class SrtpSessionTest {

    /** Header length of {@link #opusPacket}: 12 fixed, 4 extension header, 4 extension data. */
    static final int OPUS_HEADER = 20;

    /** An Opus-like RTP packet: PT 111, audio level (id 1, V=1, -30 dBov), {@code payload} bytes. */
    static byte[] opusPacket(int seq, int ssrc, int payload) {
        byte[] p = new byte[OPUS_HEADER + payload];
        int h = RtpWriter.writeHeader(p, 0, false, 111, seq, 960L * seq, ssrc);
        h += RtpWriter.writeOneByteExtensions(p, 0, h, new int[] {1}, new byte[][] {{(byte) (0x80 | 30)}});
        for (int i = h; i < p.length; i++) {
            p[i] = (byte) (i * 7);
        }
        return p;
    }

    /** A buffer holding {@code packet} at offset 10 with {@code room} bytes after it. */
    static SrtpBuffer buffer(byte[] packet, int room) {
        byte[] array = new byte[10 + packet.length + room];
        System.arraycopy(packet, 0, array, 10, packet.length);
        return new SrtpBuffer(array, 10, packet.length);
    }

    static byte[] bytes(SrtpBuffer b) {
        return Arrays.copyOfRange(b.array(), b.offset(), b.offset() + b.length());
    }

    /**
     * The SFU (DTLS server, with {@code sfuConfig}) and a browser (DTLS client, defaults) keyed from the same
     * exported material.
     */
    static SrtpSession[] pair(SrtpProfile profile, SrtpConfig sfuConfig) {
        byte[] material = new byte[2 * (profile.keyLength() + profile.saltLength())];
        new Random(42).nextBytes(material);
        return new SrtpSession[] {
            SrtpSession.fromKeyingMaterial(profile, material, SrtpRole.SERVER, sfuConfig),
            SrtpSession.fromKeyingMaterial(profile, material, SrtpRole.CLIENT, SrtpConfig.DEFAULTS)};
    }

    static final byte[] RR = HexFormat.of().parseHex("81c90007 cafebabe 11223344 05000010 00010203 00000020"
            .replace(" ", "") + "a1b2c34000010000");

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtp_and_rtcp_protected_by_one_role_are_recovered_by_the_other(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, SrtpConfig.DEFAULTS);
        SrtpSession sfu = p[0];
        SrtpSession browser = p[1];

        for (int seq = 0; seq < 5; seq++) {
            byte[] plain = opusPacket(seq, 0x1111, 80);
            SrtpBuffer up = buffer(plain, 32);
            assertThat(browser.protectRtp(up)).isEqualTo(SrtpStatus.OK);
            assertThat(up.length()).isEqualTo(plain.length + profile.rtpOverhead());
            assertThat(sfu.unprotectRtp(up)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(up)).isEqualTo(plain);

            SrtpBuffer down = buffer(plain, 32);
            assertThat(sfu.protectRtp(down)).isEqualTo(SrtpStatus.OK);
            assertThat(browser.unprotectRtp(down)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(down)).isEqualTo(plain);

            SrtpBuffer rtcp = buffer(RR, 32);
            assertThat(sfu.protectRtcp(rtcp)).isEqualTo(SrtpStatus.OK);
            assertThat(rtcp.length()).isEqualTo(RR.length + profile.rtcpOverhead());
            assertThat(browser.unprotectRtcp(rtcp)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(rtcp)).isEqualTo(RR);
        }
        assertThat(sfu.unprotectResults(SrtpStatus.OK)).isEqualTo(5);
        assertThat(sfu.protectResults(SrtpStatus.OK)).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_session_does_not_decrypt_its_own_output(SrtpProfile profile) {
        SrtpSession sfu = pair(profile, SrtpConfig.DEFAULTS)[0];
        SrtpBuffer pkt = buffer(opusPacket(1, 7, 60), 32);
        sfu.protectRtp(pkt);

        assertThat(sfu.unprotectRtp(pkt)).isEqualTo(SrtpStatus.AUTH_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_tampered_tag_payload_or_header_fails_authentication(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, SrtpConfig.DEFAULTS);
        int[] positions = {-1, 40, 2}; // last tag byte, a payload byte, the sequence number
        for (int k = 0; k < positions.length; k++) {
            SrtpBuffer pkt = buffer(opusPacket(10 + k, 7, 60), 32);
            p[1].protectRtp(pkt);
            int at = pkt.offset() + (positions[k] < 0 ? pkt.length() - 1 : positions[k]);
            pkt.array()[at] ^= 0x01;

            assertThat(p[0].unprotectRtp(pkt)).as("flip at %d", positions[k]).isEqualTo(SrtpStatus.AUTH_FAILED);
        }
        SrtpBuffer rtcp = buffer(RR, 32);
        p[1].protectRtcp(rtcp);
        rtcp.array()[rtcp.offset() + 9] ^= 0x40;
        assertThat(p[0].unprotectRtcp(rtcp)).isEqualTo(SrtpStatus.AUTH_FAILED);
        assertThat(p[0].unprotectResults(SrtpStatus.AUTH_FAILED)).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_replayed_or_too_old_packet_is_refused(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, SrtpConfig.DEFAULTS);
        byte[] first = protect(p[1], opusPacket(100, 7, 60));
        assertThat(p[0].unprotectRtp(buffer(first, 0))).isEqualTo(SrtpStatus.OK);
        assertThat(p[0].unprotectRtp(buffer(first, 0))).isEqualTo(SrtpStatus.REPLAY);

        // 64-packet window (RFC 3711 §3.3.2 recommends at least 64): 100 falls out after 164+.
        byte[] late = protect(p[1], opusPacket(101, 7, 60));
        for (int seq = 102; seq < 200; seq++) {
            p[0].unprotectRtp(buffer(protect(p[1], opusPacket(seq, 7, 60)), 0));
        }
        assertThat(p[0].unprotectRtp(buffer(late, 0))).isEqualTo(SrtpStatus.REPLAY);

        byte[] rtcp = protectRtcp(p[1], RR);
        assertThat(p[0].unprotectRtcp(buffer(rtcp, 0))).isEqualTo(SrtpStatus.OK);
        assertThat(p[0].unprotectRtcp(buffer(rtcp, 0))).isEqualTo(SrtpStatus.REPLAY);
        assertThat(p[0].unprotectResults(SrtpStatus.REPLAY)).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protecting_the_same_index_twice_is_refused_so_no_keystream_or_nonce_is_reused(SrtpProfile profile) {
        SrtpSession sfu = pair(profile, SrtpConfig.DEFAULTS)[0];
        assertThat(sfu.protectRtp(buffer(opusPacket(5, 7, 60), 32))).isEqualTo(SrtpStatus.OK);

        assertThat(sfu.protectRtp(buffer(opusPacket(5, 7, 70), 32))).isEqualTo(SrtpStatus.REPLAY);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_late_packet_within_the_window_is_accepted_and_order_does_not_matter(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, SrtpConfig.DEFAULTS);
        byte[] a = protect(p[1], opusPacket(1, 7, 60));
        byte[] b = protect(p[1], opusPacket(2, 7, 60));
        byte[] c = protect(p[1], opusPacket(3, 7, 60));

        assertThat(p[0].unprotectRtp(buffer(a, 0))).isEqualTo(SrtpStatus.OK);
        assertThat(p[0].unprotectRtp(buffer(c, 0))).isEqualTo(SrtpStatus.OK);
        assertThat(p[0].unprotectRtp(buffer(b, 0))).isEqualTo(SrtpStatus.OK);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void sequence_numbers_wrapping_past_65535_keep_decrypting(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, SrtpConfig.DEFAULTS);
        for (int i = 0; i < 20; i++) {
            int seq = (65_530 + i) & 0xffff;
            byte[] plain = opusPacket(seq, 7, 60);
            SrtpBuffer pkt = buffer(protect(p[1], plain), 0);

            assertThat(p[0].unprotectRtp(pkt)).as("seq %d", seq).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(pkt)).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void truncated_or_non_rtp_packets_are_malformed(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, SrtpConfig.DEFAULTS);
        byte[] whole = protect(p[1], opusPacket(1, 7, 60));

        // Header (with its extension) plus less than a tag.
        assertThat(p[0].unprotectRtp(buffer(Arrays.copyOf(whole, OPUS_HEADER + profile.rtpOverhead() - 1), 0)))
                .isEqualTo(SrtpStatus.MALFORMED);
        assertThat(p[0].unprotectRtp(buffer(Arrays.copyOf(whole, 11), 0))).isEqualTo(SrtpStatus.MALFORMED);
        byte[] v1 = whole.clone();
        v1[0] = 0x40;
        assertThat(p[0].unprotectRtp(buffer(v1, 0))).isEqualTo(SrtpStatus.MALFORMED);
        assertThat(p[0].protectRtp(buffer(new byte[8], 32))).isEqualTo(SrtpStatus.MALFORMED);
        assertThat(p[0].unprotectRtcp(buffer(Arrays.copyOf(RR, 8 + profile.rtcpOverhead() - 1), 0)))
                .isEqualTo(SrtpStatus.MALFORMED);
        assertThat(p[0].protectRtcp(buffer(new byte[4], 32))).isEqualTo(SrtpStatus.MALFORMED);
        // A truncated but well-framed packet fails authentication instead.
        assertThat(p[0].unprotectRtp(buffer(Arrays.copyOf(whole, whole.length - 1), 0)))
                .isEqualTo(SrtpStatus.AUTH_FAILED);
        assertThat(p[0].unprotectResults(SrtpStatus.MALFORMED)).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_buffer_without_room_for_the_tag_is_refused_and_left_untouched(SrtpProfile profile) {
        SrtpSession sfu = pair(profile, SrtpConfig.DEFAULTS)[0];
        byte[] plain = opusPacket(1, 7, 60);
        SrtpBuffer rtp = buffer(plain, profile.rtpOverhead() - 1);
        SrtpBuffer rtcp = buffer(RR, profile.rtcpOverhead() - 1);

        assertThat(sfu.protectRtp(rtp)).isEqualTo(SrtpStatus.BUFFER_TOO_SMALL);
        assertThat(sfu.protectRtcp(rtcp)).isEqualTo(SrtpStatus.BUFFER_TOO_SMALL);
        assertThat(bytes(rtp)).isEqualTo(plain);
        assertThat(bytes(rtcp)).isEqualTo(RR);
    }

    @Test
    void incoming_ssrcs_beyond_the_limit_are_refused_and_forgeries_take_no_slot() {
        SrtpSession[] p = pair(SrtpProfile.AEAD_AES_128_GCM, new SrtpConfig(2, null));
        // Forged packets for many SSRCs: each fails authentication and leaves no context behind.
        for (int ssrc = 100; ssrc < 110; ssrc++) {
            SrtpBuffer forged = buffer(opusPacket(1, ssrc, 60), 16);
            forged.set(forged.offset(), forged.length() + 16);
            assertThat(p[0].unprotectRtp(forged)).isEqualTo(SrtpStatus.AUTH_FAILED);
        }
        assertThat(p[0].contexts()).isZero();

        assertThat(p[0].unprotectRtp(buffer(protect(p[1], opusPacket(1, 1, 60)), 0))).isEqualTo(SrtpStatus.OK);
        assertThat(p[0].unprotectRtp(buffer(protect(p[1], opusPacket(1, 2, 60)), 0))).isEqualTo(SrtpStatus.OK);
        assertThat(p[0].unprotectRtp(buffer(protect(p[1], opusPacket(1, 3, 60)), 0)))
                .isEqualTo(SrtpStatus.TOO_MANY_STREAMS);
        assertThat(p[0].unprotectRtp(buffer(protect(p[1], opusPacket(2, 2, 60)), 0))).isEqualTo(SrtpStatus.OK);
        assertThat(p[0].unprotectResults(SrtpStatus.TOO_MANY_STREAMS)).isEqualTo(1);
    }

    @Test
    void outgoing_ssrcs_beyond_the_limit_are_refused() {
        SrtpSession sfu = pair(SrtpProfile.AES_CM_128_HMAC_SHA1_80, new SrtpConfig(2, null))[0];

        assertThat(sfu.protectRtp(buffer(opusPacket(1, 1, 60), 32))).isEqualTo(SrtpStatus.OK);
        assertThat(sfu.protectRtp(buffer(opusPacket(1, 2, 60), 32))).isEqualTo(SrtpStatus.OK);
        assertThat(sfu.protectRtp(buffer(opusPacket(1, 3, 60), 32))).isEqualTo(SrtpStatus.TOO_MANY_STREAMS);
        assertThat(sfu.protectRtp(buffer(opusPacket(2, 1, 60), 32))).isEqualTo(SrtpStatus.OK);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void the_audio_level_is_read_from_the_protected_packet_before_decryption(SrtpProfile profile) {
        SrtpSession[] p = pair(profile, SrtpConfig.DEFAULTS);
        SrtpBuffer pkt = buffer(opusPacket(1, 7, 100), 32);
        p[1].protectRtp(pkt);
        RtpPacket rtp = new RtpPacket();

        assertThat(rtp.wrapEncrypted(pkt.array(), pkt.offset(), pkt.length())).isNull();
        int raw = AudioLevel.find(rtp, 1);

        assertThat(AudioLevel.voiceActivity(raw)).isTrue();
        assertThat(AudioLevel.level(raw)).isEqualTo(30);
        assertThat(rtp.ssrc()).isEqualTo(7);
        assertThat(p[0].unprotectRtp(pkt)).isEqualTo(SrtpStatus.OK);
    }

    @Test
    void a_closed_session_refuses_everything() {
        SrtpSession[] p = pair(SrtpProfile.AEAD_AES_128_GCM, SrtpConfig.DEFAULTS);
        byte[] pkt = protect(p[1], opusPacket(1, 7, 60));

        p[0].close();

        assertThat(p[0].unprotectRtp(buffer(pkt, 0))).isEqualTo(SrtpStatus.CLOSED);
        assertThat(p[0].protectRtp(buffer(opusPacket(1, 7, 60), 32))).isEqualTo(SrtpStatus.CLOSED);
        assertThat(p[0].protectRtcp(buffer(RR, 32))).isEqualTo(SrtpStatus.CLOSED);
        assertThat(p[0].unprotectRtcp(buffer(RR, 32))).isEqualTo(SrtpStatus.CLOSED);
        assertThat(p[0].contexts()).isZero();
    }

    @Test
    void keying_material_is_split_as_rfc5764_lays_it_out() {
        // client key (0x01..), server key (0x02..), client salt (0x03..), server salt (0x04..).
        byte[] m = new byte[2 * (16 + 14)];
        Arrays.fill(m, 0, 16, (byte) 1);
        Arrays.fill(m, 16, 32, (byte) 2);
        Arrays.fill(m, 32, 46, (byte) 3);
        Arrays.fill(m, 46, 60, (byte) 4);

        SrtpKeys server = SrtpKeys.fromKeyingMaterial(SrtpProfile.AES_CM_128_HMAC_SHA1_80, m, SrtpRole.SERVER);
        SrtpKeys client = SrtpKeys.fromKeyingMaterial(SrtpProfile.AES_CM_128_HMAC_SHA1_80, m, SrtpRole.CLIENT);

        assertThat(server.localKey).containsOnly(2);
        assertThat(server.localSalt).hasSize(14).containsOnly(4);
        assertThat(server.remoteKey).containsOnly(1);
        assertThat(server.remoteSalt).containsOnly(3);
        assertThat(client.localKey).containsOnly(1);
        assertThat(client.remoteSalt).containsOnly(4);
        assertThat(server.toString()).doesNotContain("2, 2").contains("redacted");
        assertThatThrownBy(() -> SrtpKeys.fromKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, m, SrtpRole.SERVER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profiles_are_found_by_their_dtls_wire_ids() {
        assertThat(SrtpProfile.fromId(0x0007)).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(SrtpProfile.fromId(0x0001)).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(SrtpProfile.fromId(0x0002)).isNull();
        assertThat(SrtpProfile.AEAD_AES_128_GCM.rtcpOverhead()).isEqualTo(20);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.rtpOverhead()).isEqualTo(10);
    }

    @Test
    void keys_of_the_wrong_length_are_rejected_when_the_session_is_created() {
        assertThatThrownBy(() -> SrtpSession.create(SrtpProfile.AEAD_AES_128_GCM,
                new SrtpKeys(new byte[16], new byte[14], new byte[16], new byte[12]), SrtpConfig.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] protect(SrtpSession s, byte[] plain) {
        SrtpBuffer b = buffer(plain, 32);
        assertThat(s.protectRtp(b)).isEqualTo(SrtpStatus.OK);
        return bytes(b);
    }

    static byte[] protectRtcp(SrtpSession s, byte[] plain) {
        SrtpBuffer b = buffer(plain, 32);
        assertThat(s.protectRtcp(b)).isEqualTo(SrtpStatus.OK);
        return bytes(b);
    }
}
