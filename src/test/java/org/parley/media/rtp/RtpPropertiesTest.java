package org.parley.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.Fuzz;

/** Fuzzing the RTP parser: nothing a peer sends may make it throw or read outside the packet. */
@Timeout(30)
class RtpPropertiesTest {

    @Test
    void random_bytes_never_throw_and_views_stay_inside_the_packet() {
        Fuzz.run(5_000, f -> {
            byte[] bytes = f.bytes(300);
            int off = f.intBetween(0, 8);
            byte[] buf = new byte[bytes.length + off + 3];
            System.arraycopy(bytes, 0, buf, off, bytes.length);
            checkEverything(buf, off, bytes.length);
        });
    }

    @Test
    void mutated_browser_packets_never_throw() {
        Fuzz.run(5_000, f -> {
            byte[] p = f.mutate(RtpPacketTest.CHROME_OPUS);
            int truncateTo = f.intBetween(0, 28);
            checkEverything(p, 0, Math.min(truncateTo, p.length));
            checkEverything(p, 0, p.length);
        });
    }

    private static void checkEverything(byte[] buf, int off, int len) {
        RtpPacket rtp = new RtpPacket();
        for (boolean encrypted : new boolean[] {false, true}) {
            RtpDropReason reason = encrypted ? rtp.wrapEncrypted(buf, off, len) : rtp.wrap(buf, off, len);
            int h = RtpPacket.headerLength(buf, off, len);
            if (reason != null) {
                assertThat(rtp.buffer()).isNull();
                continue;
            }
            assertThat(h).isEqualTo(rtp.headerLength());
            assertThat(rtp.payloadOffset() + rtp.payloadLength() + rtp.paddingLength()).isEqualTo(off + len);
            assertThat(rtp.payloadLength()).isNotNegative();
            rtp.sequenceNumber();
            rtp.timestamp();
            rtp.ssrc();
            for (int i = 0; i < rtp.csrcCount(); i++) {
                rtp.csrc(i);
            }
            for (int id = -1; id <= 256; id++) {
                int at = rtp.findExtension(id);
                if (at >= 0) {
                    assertThat(at).isGreaterThanOrEqualTo(rtp.extensionOffset());
                    assertThat(at + rtp.foundExtensionLength())
                            .isLessThanOrEqualTo(rtp.extensionOffset() + rtp.extensionLength());
                }
                AudioLevel.find(rtp, id);
            }
        }
    }

    @Test
    void a_written_header_parses_back_to_the_same_fields() {
        Fuzz.run(5_000, f -> {
            boolean marker = f.bool();
            int pt = f.intBetween(0, 127);
            int seq = f.intBetween(0, 65535);
            int ts = f.anyInt();
            int ssrc = f.anyInt();
            int[] csrcs = f.listOf(0, 15, f::anyInt).stream().mapToInt(Integer::intValue).toArray();
            int payload = f.intBetween(0, 200);
            byte[] buf = new byte[12 + 60 + payload];
            int h = RtpWriter.writeHeader(buf, 0, marker, pt, seq, ts & 0xffff_ffffL, ssrc, csrcs);
            RtpPacket rtp = new RtpPacket();

            assertThat(rtp.wrap(buf, 0, h + payload)).isNull();

            assertThat(rtp.marker()).isEqualTo(marker);
            assertThat(rtp.payloadType()).isEqualTo(pt);
            assertThat(rtp.sequenceNumber()).isEqualTo(seq);
            assertThat(rtp.timestamp()).isEqualTo(ts & 0xffff_ffffL);
            assertThat(rtp.ssrc()).isEqualTo(ssrc);
            assertThat(rtp.csrcCount()).isEqualTo(csrcs.length);
            for (int i = 0; i < csrcs.length; i++) {
                assertThat(rtp.csrc(i)).isEqualTo(csrcs[i]);
            }
            assertThat(rtp.payloadLength()).isEqualTo(payload);
        });
    }

    @Test
    void rewriting_fields_changes_only_those_fields() {
        Fuzz.run(5_000, f -> {
            int seq = f.intBetween(0, 65535);
            int ts = f.anyInt();
            int ssrc = f.anyInt();
            int pt = f.intBetween(0, 127);
            byte[] p = RtpPacketTest.CHROME_OPUS.clone();
            RtpPacket rtp = new RtpPacket();
            rtp.wrap(p, 0, p.length);

            rtp.setSequenceNumber(seq);
            rtp.setTimestamp(ts);
            rtp.setSsrc(ssrc);
            rtp.setPayloadType(pt);

            rtp.wrap(p, 0, p.length);
            assertThat(rtp.sequenceNumber()).isEqualTo(seq);
            assertThat(rtp.timestamp()).isEqualTo(ts & 0xffff_ffffL);
            assertThat(rtp.ssrc()).isEqualTo(ssrc);
            assertThat(rtp.payloadType()).isEqualTo(pt);
            assertThat(rtp.marker()).isFalse();
            assertThat(Arrays.copyOfRange(p, 12, 28)).isEqualTo(Arrays.copyOfRange(RtpPacketTest.CHROME_OPUS, 12, 28));
        });
    }
}
