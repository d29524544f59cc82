package org.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.TestParley;

/**
 * The load test's smoke run in CI (issue 5): a real server on port 0, 3 speakers — 2 on the floor and
 * 1 interpreting into English (issue 14) — and 200 listeners over real ICE, DTLS and SRTP on loopback,
 * every other one listening in English, a short hold. It fails on gross regressions only — a listener
 * without audio, loss above 5 %, more packets than the routing allows (an interpreter heard on the
 * floor) — and asserts no latency or CPU figure: the machine is small and shared.
 * Runs once, on the embedded SQLite database (it is not about storage, so not tagged {@code db}).
 */
@Tag("loadtest")
@Timeout(240)
class LoadTestSmokeTest {

    static final Pattern FINAL = Pattern.compile("parley-loadtest speakers=(\\d+) listeners=(\\d+) duration_s=(\\d+) "
            + "forwarded_pps=(\\S+) server_cpu_us_per_packet=(\\S+) loss_pct=(\\S+) join_p99_ms=(\\S+) "
            + "delay_p50_ms=(\\S+) delay_p99_ms=(\\S+) heap_kb_per_listener=(\\S+)( interpreters=\\d+)?");
    static final Pattern PACKETS = Pattern.compile("expected (\\d+), received (\\d+)");

    @Test
    void two_speakers_and_an_interpreter_reach_two_hundred_listeners_with_little_loss_and_a_parseable_final_line() {
        var output = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status;
        try (TestParley parley = TestParley.start()) {
            status = LoadTest.run(List.of("--url", parley.baseUrl(), "--speakers", "3", "--interpreters", "1", "--listeners", "200",
                            "--duration", "8s", "--ramp-rate", "40", "--settle", "1s", "--data-dir", parley.dataDir().toString()),
                    Map.of(), tee(output), tee(err));
        }
        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status; stderr: " + err).isZero();
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1];
        Matcher m = FINAL.matcher(last);
        assertThat(m.matches()).as("final line: " + last).isTrue();
        Map<String, Double> v = new HashMap<>();
        String[] names = {"speakers", "listeners", "duration_s", "forwarded_pps", "server_cpu_us_per_packet", "loss_pct",
            "join_p99_ms", "delay_p50_ms", "delay_p99_ms", "heap_kb_per_listener"};
        for (int i = 0; i < names.length; i++) {
            v.put(names[i], Double.parseDouble(m.group(i + 1)));
        }
        assertThat(v.get("speakers")).isEqualTo(3);
        assertThat(last).endsWith(" interpreters=1");
        Matcher packets = PACKETS.matcher(text);
        assertThat(packets.find()).as(text).isTrue();
        assertThat(Long.parseLong(packets.group(2))).as("received: no interpreter reaches a floor listener")
                .isLessThanOrEqualTo(Math.round(Long.parseLong(packets.group(1)) * 1.02));
        assertThat(v.get("listeners")).isEqualTo(200);
        assertThat(v.get("loss_pct")).as(text).isLessThan(5.0);
        assertThat(v.get("join_p99_ms")).as("every listener heard audio, so join p99 is finite").isFinite();
        assertThat(text).contains("200/200 listeners heard audio");
        assertThat(text).doesNotContain("the ramp stops");
        // The send time travels in a header extension the SFU passes through: delays were measured.
        assertThat(v.get("delay_p50_ms")).isFinite().isPositive();
        assertThat(v.get("forwarded_pps")).isPositive();
        assertThat(v.get("server_cpu_us_per_packet")).as("read from /metrics on loopback").isFinite();
    }

    /** Keeps the output for the assertions and shows it in the test's output file. */
    private static PrintStream tee(ByteArrayOutputStream keep) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                keep.write(b);
                System.out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                keep.write(b, off, len);
                System.out.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
    }
}
