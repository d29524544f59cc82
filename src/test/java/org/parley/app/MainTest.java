package org.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

@Timeout(60)
class MainTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return runWith(Map.of(), args);
    }

    int runWith(Map<String, String> env, String... args) {
        return Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void help_lists_the_subcommands_and_every_setting() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("serve").contains("invite --admin").contains("--version");
        for (ParleyConfig.Key key : ParleyConfig.Key.values()) {
            assertThat(help).contains(key.name());
        }
    }

    @Test
    void loadtest_is_a_subcommand_with_its_own_help_and_usage_errors() {
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("loadtest");
        assertThat(run("loadtest", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: parley loadtest");
        assertThat(run("loadtest", "--url", "not a url")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("parley loadtest: --url").doesNotContain("\tat ");
    }

    @Test
    void an_unknown_command_fails_with_usage() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command").contains("Usage:");
        assertThat(run("invite")).isEqualTo(2);
    }

    @Test
    @Tag("db")
    void invite_admin_asks_the_running_server_and_the_link_makes_an_administrator() {
        try (var parley = TestParley.start()) {
            // The test JVM's environment has no PARLEY_DATA_DIR; point the command at the server's folder.
            String url = LocalAdmin.requestFromRunningServer(parley.dataDir()).orElseThrow();
            assertThat(url).contains("/invite/");
            String code = url.substring(url.lastIndexOf('/') + 1);
            var admin = new ApiClient(parley.baseUrl());
            assertThat(admin.signUp(code, "operator", "Operator").get("admin").asBoolean()).isTrue();
        }
    }

    @Test
    void invite_admin_writes_to_the_database_when_no_server_runs_and_the_link_works_later(@org.junit.jupiter.api.io.TempDir Path dir) {
        var env = Map.of("PARLEY_DATA_DIR", dir.toString(), "PARLEY_PUBLIC_URL", "https://parley.example.org");
        assertThat(runWith(env, "invite", "--admin")).isZero();
        String url = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(url).matches("https://parley\\.example\\.org/invite/[A-Za-z0-9_-]{22}");

        // The embedded database in that folder, whichever database the other tests use.
        try (var parley = TestParley.start(Map.of("PARLEY_DATA_DIR", dir.toString(), "PARLEY_DATABASE_URL", ""))) {
            var admin = new ApiClient(parley.baseUrl());
            assertThat(admin.signUp(url.substring(url.lastIndexOf('/') + 1), "operator", "Operator")
                    .get("admin").asBoolean()).isTrue();
        }
    }

    @Test
    void invite_admin_finds_no_server_once_it_has_stopped() {
        var parley = TestParley.start();
        var dir = parley.dataDir();
        parley.server().close();
        try {
            assertThat(LocalAdmin.requestFromRunningServer(dir)).isEmpty();
            assertThat(dir.resolve(LocalAdmin.FILE)).doesNotExist();
        } finally {
            parley.close();
        }
    }
}
