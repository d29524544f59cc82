package org.parley.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.media.rtcp.RtcpCompound;
import org.parley.media.rtcp.RtcpPacketType;
import org.parley.media.rtp.RtpWriter;

class RtcpReporterTest {

    static final long INTERVAL = Duration.ofSeconds(5).toNanos();

    long monotonic = 1_000_000_000L;
    final RtcpReporter reporter = new RtcpReporter(0x0bad_cafe, "parley", new RtcpReporter.NanoClock() {
        @Override
        public long epochNanos() {
            return 1_790_000_000_000_000_000L + monotonic;
        }

        @Override
        public long monotonicNanos() {
            return monotonic;
        }
    });

    @Test
    void a_leg_that_neither_sent_nor_received_has_nothing_to_report() {
        assertThat(reporter.write(new byte[RtcpReporter.MAX_COMPOUND])).isZero();
    }

    @Test
    void the_first_report_comes_within_one_interval_and_later_ones_every_half_to_one_and_a_half() {
        assertThat(reporter.due(monotonic, INTERVAL)).as("the first call only schedules").isFalse();
        long first = -1;
        for (long t = monotonic; t <= monotonic + INTERVAL; t += INTERVAL / 100) {
            if (reporter.due(t, INTERVAL)) {
                first = t;
                break;
            }
        }
        assertThat(first).as("due within one interval").isNotNegative();
        long second = -1;
        for (long t = first + INTERVAL / 100; t <= first + 2 * INTERVAL; t += INTERVAL / 100) {
            if (reporter.due(t, INTERVAL)) {
                second = t;
                break;
            }
        }
        assertThat(second - first).isBetween(INTERVAL / 2, INTERVAL * 3 / 2 + INTERVAL / 100);
    }

    @Test
    void each_slot_gets_its_sender_report_with_counts_and_one_cname_chunk_each() {
        byte[] packet = new byte[100];
        for (int ssrc = 1; ssrc <= 3; ssrc++) {
            for (int i = 0; i < ssrc; i++) {
                int n = RtpWriter.writeHeader(packet, 0, false, 111, i, 960L * i, ssrc);
                reporter.sent(packet, 0, n + 40);
            }
        }
        byte[] buf = new byte[RtcpReporter.MAX_COMPOUND];
        int n = reporter.write(buf);
        RtcpCompound compound = new RtcpCompound();
        assertThat(compound.wrap(buf, 0, n)).isNull();
        for (int ssrc = 1; ssrc <= 3; ssrc++) {
            assertThat(compound.next()).isTrue();
            assertThat(compound.packetType()).isEqualTo(RtcpPacketType.SR);
            assertThat(compound.senderReport().senderSsrc()).isEqualTo(ssrc);
            assertThat(compound.senderReport().packetCount()).isEqualTo(ssrc);
            assertThat(compound.senderReport().octetCount()).isEqualTo(40L * ssrc);
        }
        assertThat(compound.next()).isTrue();
        assertThat(compound.packetType()).isEqualTo(RtcpPacketType.SDES);
        assertThat(compound.sdes()).hasSize(3).allSatisfy(c -> assertThat(c.cname()).isEqualTo("parley"));
    }

    @Test
    void more_streams_than_a_leg_can_have_are_not_reported_and_do_not_grow_its_state() {
        byte[] packet = new byte[100];
        for (int ssrc = 1; ssrc <= 1_000; ssrc++) {
            int n = RtpWriter.writeHeader(packet, 0, false, 111, 1, 960, ssrc);
            reporter.sent(packet, 0, n + 10);
        }
        reporter.sent(new byte[5], 0, 5); // not RTP: ignored
        byte[] buf = new byte[RtcpReporter.MAX_COMPOUND];
        int n = reporter.write(buf);
        RtcpCompound compound = new RtcpCompound();
        assertThat(compound.wrap(buf, 0, n)).isNull();
        int srs = 0;
        while (compound.next()) {
            if (compound.packetType() == RtcpPacketType.SR) {
                srs++;
            }
        }
        assertThat(srs).isEqualTo(RtcpReporter.MAX_SENT_STREAMS);
    }
}
