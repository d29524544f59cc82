package org.parley.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.Fuzz;

/** Fuzzing the RTCP parser and round-tripping the writers. */
@Timeout(30)
class RtcpPropertiesTest {

    private static final String LETTERS = Fuzz.charRange('a', 'z') + Fuzz.charRange('A', 'Z');

    @Test
    void random_bytes_never_throw_and_packets_stay_inside_the_datagram() {
        Fuzz.run(10_000, f -> {
            byte[] bytes = f.bytes(200);
            check(bytes, 0, bytes.length);
        });
    }

    @Test
    void random_bytes_behind_a_plausible_header_never_throw() {
        Fuzz.run(10_000, f -> {
            int type = f.intBetween(200, 207);
            int count = f.intBetween(0, 31);
            byte[] body = f.bytes(120);
            byte[] p = new byte[4 + body.length];
            p[0] = (byte) (0x80 | count);
            p[1] = (byte) type;
            int words = (p.length + 3) / 4 - 1;
            p[2] = (byte) (words >>> 8);
            p[3] = (byte) words;
            System.arraycopy(body, 0, p, 4, body.length);
            f.note("packet", p);
            check(p, 0, p.length);
        });
    }

    @Test
    void mutated_browser_compounds_never_throw() {
        Fuzz.run(10_000, f -> {
            byte[] p = f.mutate(RtcpCompoundTest.BROWSER_COMPOUND);
            int truncateTo = f.intBetween(0, 80);
            check(p, 0, Math.min(truncateTo, p.length));
            check(p, 0, p.length);
        });
    }

    private static void check(byte[] buf, int off, int len) {
        RtcpCompound rtcp = new RtcpCompound();
        if (rtcp.wrap(buf, off, len) != null) {
            assertThat(rtcp.next()).isFalse();
            return;
        }
        int covered = 0;
        while (rtcp.next()) {
            assertThat(rtcp.packetOffset()).isBetween(off, off + len - 4);
            assertThat(rtcp.packetOffset() + rtcp.packetLength()).isLessThanOrEqualTo(off + len);
            covered += rtcp.packetLength();
            rtcp.firstSsrc();
            rtcp.senderReport();
            rtcp.receiverReport();
            rtcp.sdes();
            rtcp.bye();
            Feedback f = rtcp.feedback();
            if (f != null) {
                assertThat(f.fciOffset() + f.fciLength()).isLessThanOrEqualTo(off + len);
            }
        }
        assertThat(covered).isLessThanOrEqualTo(len);
    }

    private static ReportBlock block(Fuzz f) {
        return new ReportBlock(f.anyInt(), f.intBetween(0, 255),
                f.intBetween(ReportBlock.MIN_CUMULATIVE_LOST, ReportBlock.MAX_CUMULATIVE_LOST),
                f.longBetween(0, 0xffff_ffffL), f.longBetween(0, 0xffff_ffffL),
                f.longBetween(0, 0xffff_ffffL), f.longBetween(0, 0xffff_ffffL));
    }

    @Test
    void a_written_receiver_report_parses_back_to_the_same_blocks() {
        Fuzz.run(2_000, f -> {
            int sender = f.anyInt();
            List<ReportBlock> blocks = f.listOf(0, 31, () -> block(f));
            byte[] buf = new byte[8 + 24 * 31];
            int n = RtcpWriter.writeReceiverReport(buf, 0, sender, blocks);
            RtcpCompound rtcp = new RtcpCompound();

            assertThat(rtcp.wrap(buf, 0, n)).isNull();
            assertThat(rtcp.next()).isTrue();
            assertThat(rtcp.receiverReport()).isEqualTo(new ReceiverReport(sender, blocks));
        });
    }

    @Test
    void a_written_sender_report_parses_back_to_the_same_fields() {
        Fuzz.run(2_000, f -> {
            int sender = f.anyInt();
            long ntp = f.anyLong();
            int rtpTs = f.anyInt();
            int packets = f.anyInt();
            int octets = f.anyInt();
            List<ReportBlock> blocks = f.listOf(0, 31, () -> block(f));
            byte[] buf = new byte[28 + 24 * 31];
            int n = RtcpWriter.writeSenderReport(buf, 0, sender, ntp, rtpTs, packets, octets, blocks);
            RtcpCompound rtcp = new RtcpCompound();

            assertThat(rtcp.wrap(buf, 0, n)).isNull();
            assertThat(rtcp.next()).isTrue();
            assertThat(rtcp.senderReport()).isEqualTo(new SenderReport(sender, ntp, rtpTs & 0xffff_ffffL,
                    packets & 0xffff_ffffL, octets & 0xffff_ffffL, blocks));
        });
    }

    @Test
    void a_written_cname_parses_back() {
        Fuzz.run(2_000, f -> {
            int ssrc = f.anyInt();
            String cname = f.string(1, 255, LETTERS);
            byte[] buf = new byte[300];
            int n = RtcpWriter.writeSdesCname(buf, 0, ssrc, cname);
            RtcpCompound rtcp = new RtcpCompound();

            assertThat(n % 4).isZero();
            assertThat(rtcp.wrap(buf, 0, n)).isNull();
            rtcp.next();
            assertThat(rtcp.sdes()).containsExactly(new SdesChunk(ssrc, cname));
        });
    }

    @Test
    void receive_statistics_stay_in_their_field_ranges_for_any_arrival_pattern() {
        Fuzz.run(2_000, f -> {
            List<Integer> seqs = f.listOf(0, 300, () -> f.intBetween(0, 65535));
            Random r = new Random(f.anyLong());
            ReceiveStats stats = new ReceiveStats(1, 48_000);
            long now = 0;
            for (int i = 0; i < seqs.size(); i++) {
                now += r.nextInt(50_000_000);
                stats.update(seqs.get(i), r.nextInt(), now);
                if (i % 50 == 49) {
                    ReportBlock b = stats.report(now);
                    if (b != null) {
                        assertThat(b.fractionLost()).isBetween(0, 255);
                        assertThat(b.cumulativeLost()).isBetween(ReportBlock.MIN_CUMULATIVE_LOST,
                                ReportBlock.MAX_CUMULATIVE_LOST);
                        assertThat(b.extendedHighestSequence()).isBetween(0L, 0xffff_ffffL);
                        assertThat(b.jitter()).isNotNegative();
                    }
                }
            }
        });
    }
}
