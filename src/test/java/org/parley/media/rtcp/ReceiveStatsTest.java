package org.parley.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReceiveStatsTest {

    static final int OPUS_CLOCK = 48_000;
    static final long PTIME_NANOS = 20_000_000L;
    static final int PTIME_TICKS = 960;

    final ReceiveStats stats = new ReceiveStats(0x1234, OPUS_CLOCK);

    /** Feeds packet {@code i} of a 20 ms Opus stream starting at sequence number {@code first}, on time. */
    void receive(int first, int i) {
        stats.update((first + i) & 0xffff, 1000L + (long) i * PTIME_TICKS, 5_000_000_000L + i * PTIME_NANOS);
    }

    @Test
    void nothing_is_reported_before_a_source_passes_probation() {
        assertThat(stats.report(0)).isNull();
        assertThat(stats.update(100, 0, 0)).isFalse();
        assertThat(stats.report(0)).isNull();
        assertThat(stats.update(101, 960, PTIME_NANOS)).isTrue();
        assertThat(stats.report(0)).isNotNull();
    }

    @Test
    void a_lossless_on_time_stream_reports_no_loss_and_no_jitter() {
        for (int i = 0; i < 100; i++) {
            receive(1000, i);
        }

        ReportBlock r = stats.report(0);

        assertThat(r.ssrc()).isEqualTo(0x1234);
        assertThat(r.fractionLost()).isZero();
        assertThat(r.cumulativeLost()).isZero();
        assertThat(r.extendedHighestSequence()).isEqualTo(1099);
        assertThat(r.jitter()).isZero();
        assertThat(r.lastSenderReport()).isZero();
        assertThat(r.delaySinceLastSenderReport()).isZero();
    }

    @Test
    void loss_is_reported_cumulatively_and_as_a_fraction_of_each_interval() {
        for (int i = 0; i < 50; i++) {
            receive(0, i);
        }
        assertThat(stats.report(0).fractionLost()).isZero();

        // Next interval: 100 packets expected, every tenth lost.
        for (int i = 50; i < 150; i++) {
            if (i % 10 != 0) {
                receive(0, i);
            }
        }
        ReportBlock r = stats.report(0);

        assertThat(r.cumulativeLost()).isEqualTo(10);
        assertThat(r.fractionLost()).isEqualTo(10 * 256 / 100);
        assertThat(r.extendedHighestSequence()).isEqualTo(149);
    }

    @Test
    void a_burst_loss_is_reported_as_a_fraction_of_its_interval_only() {
        for (int i = 0; i < 10; i++) {
            receive(0, i);
        }
        stats.report(0);
        receive(0, 20); // 11 expected in this interval, 1 received

        assertThat(stats.report(0).fractionLost()).isEqualTo(10 * 256 / 11);

        receive(0, 21);
        receive(0, 22);
        assertThat(stats.report(0).fractionLost()).isZero();
        assertThat(stats.report(0).fractionLost()).isZero(); // empty interval
        assertThat(stats.report(0).cumulativeLost()).isEqualTo(10);
    }

    @Test
    void sequence_wraparound_counts_a_cycle() {
        for (int i = 0; i < 20; i++) {
            receive(65530, i);
        }

        ReportBlock r = stats.report(0);

        assertThat(r.extendedHighestSequence()).isEqualTo(65536L + 13);
        assertThat(r.cumulativeLost()).isZero();
    }

    @Test
    void late_packets_within_the_misorder_window_are_counted_not_lost() {
        for (int i = 0; i < 10; i++) {
            receive(0, i);
        }
        receive(0, 11);
        receive(0, 12);
        receive(0, 10); // late

        ReportBlock r = stats.report(0);

        assertThat(r.cumulativeLost()).isZero();
        assertThat(r.extendedHighestSequence()).isEqualTo(12);
    }

    @Test
    void duplicates_can_make_cumulative_loss_negative() {
        for (int i = 0; i < 10; i++) {
            receive(0, i);
        }
        receive(0, 9);
        receive(0, 9);

        assertThat(stats.report(0).cumulativeLost()).isEqualTo(-2);
    }

    @Test
    void a_restarted_source_is_resynchronised_after_two_packets_in_sequence() {
        for (int i = 0; i < 10; i++) {
            receive(0, i);
        }

        assertThat(stats.update(40_000, 0, 0)).isFalse();
        assertThat(stats.update(40_001, 0, 0)).isTrue();

        ReportBlock r = stats.report(0);
        assertThat(r.extendedHighestSequence()).isEqualTo(40_001);
        assertThat(r.cumulativeLost()).isZero();
    }

    @Test
    void jitter_converges_to_the_mean_deviation_of_transit_time() {
        // Every other packet arrives 10 ms (480 ticks) late: |D| = 480 for every pair.
        for (int i = 0; i < 2000; i++) {
            long late = (i % 2) * 10_000_000L;
            stats.update(i & 0xffff, (long) i * PTIME_TICKS, i * PTIME_NANOS + late);
        }

        assertThat(stats.report(0).jitter()).isBetween(470L, 480L);
    }

    @Test
    void jitter_is_unaffected_by_the_rtp_timestamp_wrapping() {
        for (int i = 0; i < 100; i++) {
            stats.update(i, (0xffff_ff00L + (long) i * PTIME_TICKS) & 0xffff_ffffL, i * PTIME_NANOS);
        }

        assertThat(stats.report(0).jitter()).isZero();
    }

    @Test
    void the_last_sender_report_is_echoed_with_the_delay_since_it_arrived() {
        for (int i = 0; i < 5; i++) {
            receive(0, i);
        }
        long ntp = 0xe9a1b2c3_40000000L;
        stats.onSenderReport(ntp, 10_000_000_000L);

        ReportBlock r = stats.report(11_500_000_000L);

        assertThat(r.lastSenderReport()).isEqualTo(0xb2c34000L);
        assertThat(r.delaySinceLastSenderReport()).isEqualTo(98_304); // 1.5 s in 1/65536 s
    }
}
