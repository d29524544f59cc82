package org.parley.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.rtp.RtpWriter;

/**
 * Parley's AES-CM/HMAC-SHA1-80 RTP transform against jitsi-srtp's, byte for byte and both ways: the RFC
 * vectors pin one packet ({@link SrtpRfcVectorsTest}), these pin every other header shape, SSRC and
 * rollover counter a forwarded stream meets.
 */
@Timeout(60)
class AesCmRtpTest {

    static final SrtpConfig JITSI = new SrtpConfig(32, null, false);
    static final SrtpConfig PARLEY = SrtpConfig.DEFAULTS;
    static final SrtpProfile CM = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

    /** Two sessions keyed alike, one per implementation, in the same role. */
    static SrtpSession[] alike(SrtpRole role, long seed) {
        byte[] material = new byte[2 * (CM.keyLength() + CM.saltLength())];
        new Random(seed).nextBytes(material);
        return new SrtpSession[] {SrtpSession.fromKeyingMaterial(CM, material, role, PARLEY),
            SrtpSession.fromKeyingMaterial(CM, material, role, JITSI)};
    }

    /** A packet with a random shape: CSRCs, a header extension, padding, empty or long payloads. */
    static byte[] randomPacket(Random random, int seq, int ssrc) {
        int csrcs = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        boolean extension = random.nextBoolean();
        int payload = random.nextInt(8) == 0 ? 0 : random.nextInt(1100);
        int padding = random.nextInt(10) == 0 ? 1 + random.nextInt(20) : 0;
        byte[] p = new byte[12 + 4 * csrcs + (extension ? 12 : 0) + payload + padding];
        int h = RtpWriter.writeHeader(p, 0, random.nextBoolean(), 111, seq, random.nextInt() & 0xffff_ffffL, ssrc);
        p[0] |= (byte) csrcs;
        for (int i = 0; i < csrcs; i++) {
            p[h++] = (byte) random.nextInt();
            p[h++] = (byte) random.nextInt();
            p[h++] = (byte) random.nextInt();
            p[h++] = (byte) random.nextInt();
        }
        if (extension) {
            p[0] |= 0x10;
            p[h] = (byte) 0xbe;
            p[h + 1] = (byte) 0xde;
            p[h + 3] = 2; // two 32-bit words of one-byte elements
            for (int i = 4; i < 12; i++) {
                p[h + i] = (byte) random.nextInt();
            }
            h += 12;
        }
        for (int i = h; i < h + payload; i++) {
            p[i] = (byte) random.nextInt();
        }
        if (padding > 0) {
            p[0] |= 0x20;
            p[p.length - 1] = (byte) padding;
        }
        return p;
    }

    @Test
    void parleys_protect_matches_jitsi_srtps_byte_for_byte_across_ssrcs_header_shapes_and_a_rollover() {
        SrtpSession[] sfu = alike(SrtpRole.SERVER, 7);
        Random random = new Random(11);
        int[] ssrcs = {0x11111111, 0xdeadbeef, 5};
        int[] seqs = {65_000, 12, 40_000};
        for (int n = 0; n < 3_000; n++) {
            int s = random.nextInt(ssrcs.length);
            seqs[s] = (seqs[s] + 1) & 0xffff; // stream 0 wraps past 65535 early on: ROC 0 -> 1
            byte[] plain = randomPacket(random, seqs[s], ssrcs[s]);
            SrtpBuffer ours = SrtpSessionTest.buffer(plain, 16);
            SrtpBuffer theirs = SrtpSessionTest.buffer(plain, 16);
            assertThat(sfu[0].protectRtp(ours)).isEqualTo(SrtpStatus.OK);
            assertThat(sfu[1].protectRtp(theirs)).isEqualTo(SrtpStatus.OK);
            assertThat(SrtpSessionTest.bytes(ours)).as("packet %d", n).isEqualTo(SrtpSessionTest.bytes(theirs));
        }
    }

    @Test
    void each_implementation_unprotects_what_the_other_protected_through_a_rollover_with_late_packets() {
        SrtpSession[] sfu = alike(SrtpRole.SERVER, 3);
        SrtpSession[] browser = alike(SrtpRole.CLIENT, 3);
        Random random = new Random(5);
        // Both directions of interop: Parley protects for a jitsi receiver, jitsi protects for Parley's.
        for (int way = 0; way < 2; way++) {
            SrtpSession sender = sfu[way];
            SrtpSession receiver = browser[1 - way];
            byte[] late = null;
            for (int seq = 65_500, n = 0; n < 1_000; n++, seq = (seq + 1) & 0xffff) {
                byte[] plain = randomPacket(random, seq, 0x2222);
                SrtpBuffer pkt = SrtpSessionTest.buffer(plain, 16);
                assertThat(sender.protectRtp(pkt)).isEqualTo(SrtpStatus.OK);
                if (n % 50 == 10) {
                    late = SrtpSessionTest.bytes(pkt); // delivered 5 packets later, within the replay window
                    continue;
                }
                assertThat(receiver.unprotectRtp(pkt)).as("way %d packet %d", way, n).isEqualTo(SrtpStatus.OK);
                assertThat(SrtpSessionTest.bytes(pkt)).isEqualTo(plain);
                if (n % 50 == 15) {
                    SrtpBuffer delayed = SrtpSessionTest.buffer(late, 0);
                    assertThat(receiver.unprotectRtp(delayed)).isEqualTo(SrtpStatus.OK);
                    SrtpBuffer again = SrtpSessionTest.buffer(late, 0);
                    assertThat(receiver.unprotectRtp(again)).as("a replay").isEqualTo(SrtpStatus.REPLAY);
                }
            }
        }
    }

    @Test
    void a_flipped_bit_anywhere_fails_authentication_and_leaves_no_stream_behind() {
        SrtpSession[] sfu = alike(SrtpRole.SERVER, 9);
        SrtpSession browser = alike(SrtpRole.CLIENT, 9)[0];
        byte[] plain = SrtpSessionTest.opusPacket(100, 0x3333, 80);
        SrtpBuffer pkt = SrtpSessionTest.buffer(plain, 16);
        sfu[0].protectRtp(pkt);
        byte[] protectedBytes = SrtpSessionTest.bytes(pkt);
        for (int bit = 0; bit < protectedBytes.length * 8; bit += 5) {
            byte[] forged = protectedBytes.clone();
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            SrtpBuffer candidate = SrtpSessionTest.buffer(forged, 0);
            assertThat(browser.unprotectRtp(candidate)).as("bit %d", bit)
                    .isIn(SrtpStatus.AUTH_FAILED, SrtpStatus.MALFORMED);
        }
        assertThat(browser.contexts()).as("forged packets keep no state").isZero();
        assertThat(browser.unprotectRtp(SrtpSessionTest.buffer(protectedBytes, 0))).isEqualTo(SrtpStatus.OK);
        assertThat(browser.contexts()).isEqualTo(1);
    }

    @Test
    void the_session_keys_match_the_rfc3711_b3_derivation() throws Exception {
        assertThat(AesCmRtp.derive(SrtpRfcVectorsTest.B3_MASTER_KEY, SrtpRfcVectorsTest.B3_MASTER_SALT, 0, 16))
                .isEqualTo(SrtpRfcVectorsTest.B3_CIPHER_KEY);
        assertThat(AesCmRtp.derive(SrtpRfcVectorsTest.B3_MASTER_KEY, SrtpRfcVectorsTest.B3_MASTER_SALT, 2, 14))
                .isEqualTo(SrtpRfcVectorsTest.B3_CIPHER_SALT);
        assertThat(AesCmRtp.derive(SrtpRfcVectorsTest.B3_MASTER_KEY, SrtpRfcVectorsTest.B3_MASTER_SALT, 1, 20))
                .isEqualTo(SrtpRfcVectorsTest.B3_AUTH_KEY);
    }

    @Test
    void the_index_estimate_follows_rfc3711_appendix_a_around_the_wrap() {
        AesCmRtp.Stream s = new AesCmRtp.Stream();
        assertThat(AesCmRtp.estimate(s, 65_535)).as("first packet: ROC 0").isEqualTo(65_535);
        AesCmRtp.accept(s, 65_535);
        assertThat(AesCmRtp.estimate(s, 2)).as("wrapped: ROC 1").isEqualTo(65_536 + 2);
        AesCmRtp.accept(s, 65_538);
        assertThat(AesCmRtp.estimate(s, 65_530)).as("late from before the wrap: ROC 0").isEqualTo(65_530);
        assertThat(AesCmRtp.fresh(s, 65_530)).isTrue();
        assertThat(AesCmRtp.fresh(s, 65_538)).as("the highest again").isFalse();
        assertThat(AesCmRtp.fresh(s, 65_538 - 64)).as("out of the 64-packet window").isFalse();
        AesCmRtp.Stream young = new AesCmRtp.Stream();
        AesCmRtp.accept(young, 10);
        assertThat(AesCmRtp.estimate(young, 65_000)).as("before ROC 0: no valid index").isEqualTo(-1);
        assertThat(AesCmRtp.fresh(young, -1)).isFalse();
    }
}
