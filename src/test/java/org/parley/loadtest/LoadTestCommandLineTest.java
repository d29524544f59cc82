package org.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees when the command line or the target is wrong: one clear line, a status, no stack trace. */
@Timeout(30)
class LoadTestCommandLineTest {

    record Outcome(int status, String out, String err) {}

    static Outcome run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = LoadTest.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void help_explains_every_option_and_the_final_line() {
        Outcome o = run("--help");
        assertThat(o.status()).isZero();
        assertThat(o.out()).contains("--url", "--speakers", "--listeners", "--duration", "--hold", "--ramp-rate",
                "--max-pending", "--settle", "--invite", "--data-dir", "--metrics-token", "--opus", "--level",
                "--receivers", "--fail-loss-pct", "--max-failed-joins", "--interpreters", "parley-loadtest speakers=S", "PARLEY_AUTH_ATTEMPTS_PER_IP");
    }

    @Test
    void a_bad_url_or_option_is_a_usage_error_with_status_2_and_no_stack_trace() {
        for (String[] args : new String[][] {
            {"--url", "ftp://example.org"}, {"--url", "localhost:8080"}, {"--url", "http://127.0.0.1:8080/api"},
            {"--speakers", "0"}, {"--listeners", "many"}, {"--duration", "soon"}, {"--frobnicate", "1"},
            {"--speakers"}, {"stray"}, {"--interpreters", "5", "--speakers", "8"},
            {"--speakers", "2", "--interpreters", "2"},
        }) {
            Outcome o = run(args);
            assertThat(o.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(o.err()).as(String.join(" ", args)).startsWith("parley loadtest: ").contains("--help")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(o.out()).isEmpty();
        }
    }

    @Test
    void an_opus_file_that_is_not_ogg_opus_is_refused_before_anything_is_sent(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("voice.opus"), "not really opus");
        Outcome o = run("--opus", bad.toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).contains("cannot use the Opus file").contains("not an Ogg file");
    }

    @Test
    void a_server_that_is_not_running_is_reported_plainly_with_status_1() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        Outcome o = run("--url", "http://127.0.0.1:" + port, "--listeners", "1", "--duration", "1s");
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("cannot connect to http://127.0.0.1:" + port).doesNotContain("\tat ");
    }
}
