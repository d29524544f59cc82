package org.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load test's arithmetic: the final line, percentiles, the send-time codec and the heap estimate. */
@Timeout(10)
class MeasurementTest {

    @Test
    void the_final_line_has_every_key_in_order_on_one_line_and_nan_for_what_was_not_measured() {
        var report = new Report(3, 2000, 60, 299_812.4, 4.567, 0.1234, 212.34, 3.456, 17.891, 21.04);
        assertThat(report.finalLine()).isEqualTo("parley-loadtest speakers=3 listeners=2000 duration_s=60 "
                + "forwarded_pps=299812 server_cpu_us_per_packet=4.57 loss_pct=0.123 join_p99_ms=212.3 "
                + "delay_p50_ms=3.46 delay_p99_ms=17.89 heap_kb_per_listener=21.0");
        var blind = new Report(1, 0, 5, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN);
        assertThat(blind.finalLine()).doesNotContain("\n").endsWith("join_p99_ms=NaN delay_p50_ms=NaN delay_p99_ms=NaN "
                + "heap_kb_per_listener=NaN").contains("server_cpu_us_per_packet=NaN loss_pct=NaN");
    }

    @Test
    void histogram_percentiles_are_within_one_percent_at_any_scale() {
        var h = new Histogram();
        for (int i = 1; i <= 100_000; i++) {
            h.record(i * 10L); // 10 µs .. 1 s
        }
        assertThat(h.count()).isEqualTo(100_000);
        assertThat(h.percentile(0.5)).isCloseTo(500_000, within(5_000.0));
        assertThat(h.percentile(0.99)).isCloseTo(990_000, within(9_900.0));
        assertThat(h.percentile(1.0)).isCloseTo(1_000_000, within(10_000.0));
        var small = new Histogram();
        small.record(3);
        small.record(-5); // clamped to 0, never an index out of bounds
        small.record(Long.MAX_VALUE);
        assertThat(small.percentile(0.3)).isEqualTo(0);
        assertThat(small.percentile(0.6)).isEqualTo(3);
        assertThat(new Histogram().percentile(0.5)).isNaN();
    }

    @Test
    void the_send_time_survives_the_ntp_round_trip_to_the_nanosecond() {
        var clock = new CaptureClock(1_000_000_000L, 1_795_000_000_123L);
        for (long t : new long[] {0, 999_999_999L, 1_000_000_000L, 1_234_567_891_011L, 86_400_000_000_000L}) {
            long ntp = clock.toNtp(t);
            assertThat(clock.toNanos(ntp)).isCloseTo(t, within(1L));
            byte[] b = new byte[8];
            CaptureClock.write(b, 0, ntp);
            assertThat(CaptureClock.read(b, 0)).isEqualTo(ntp);
        }
        // NTP seconds (RFC 5905 §6) of 2026: upper 32 bits near 3.97e9
        assertThat(clock.toNtp(1_000_000_000L) >>> 32).isEqualTo(1_795_000_000L + 2_208_988_800L);
    }

    @Test
    void the_heap_estimate_is_the_after_gc_figure_and_unknown_when_no_collection_ran_during_the_hold() {
        var baseline = List.of(new ServerMetrics(1, 1, 900, 300, 4, 0), new ServerMetrics(2, 1, 500, 320, 4, 0));
        assertThat(HeapEstimate.before(baseline).bytes()).isEqualTo(320);
        var holdStart = new ServerMetrics(3, 1, 700, 320, 5, 0);
        var collected = List.of(new ServerMetrics(4, 1, 990, 320, 5, 0), new ServerMetrics(5, 1, 800, 410, 6, 0));
        assertThat(HeapEstimate.after(holdStart, collected).bytes()).isEqualTo(410);
        var notCollected = List.of(new ServerMetrics(4, 1, 990, 320, 5, 0), new ServerMetrics(5, 1, 950, 320, 5, 0));
        assertThat(HeapEstimate.after(holdStart, notCollected).bytes()).as("heap in use counts garbage: unknown").isNaN();
        assertThat(HeapEstimate.after(holdStart, notCollected).method()).contains("no GC during the hold");
        String text = "# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 12.5\n"
                + "jvm_heap_used_bytes 1000\njvm_heap_after_gc_bytes 400\njvm_gc_collections_total 9\nparley_media_leg_rtp_sent 77\n";
        var parsed = ServerMetrics.parse(text, 5);
        assertThat(parsed.cpuSeconds()).isEqualTo(12.5);
        assertThat(parsed.heapAfterGcBytes()).isEqualTo(400);
        assertThat(parsed.collections()).isEqualTo(9);
        assertThat(parsed.forwarded()).as("older servers: the leg counter").isEqualTo(77);
        assertThat(ServerMetrics.parse("garbage", 1)).isNull();
    }
}
