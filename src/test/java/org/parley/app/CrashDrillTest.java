package org.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChildParley;
import org.parley.testing.TestParley;
import org.parley.testing.TestPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash drill (issue 11): the real server in a process of its own, a stream of mixed writes, and
 * {@code kill -9} at a random moment, round after round on the same data; after each restart every
 * write the server had acknowledged must be there and nothing revoked may have come back. Runs on the
 * embedded default, then (tagged {@code db}) on PostgreSQL.
 */
@Tag("db")
class CrashDrillTest {

    private static final Logger log = LoggerFactory.getLogger(CrashDrillTest.class);
    /**
     * Rounds per run: each costs a JVM start (3–8 s on 2 cores), so the drill stays near a minute on
     * SQLite and under one on PostgreSQL. {@code -Dparley.drill.rounds=N} runs a longer drill.
     */
    static final int ROUNDS = Integer.getInteger("parley.drill.rounds", TestParley.usesPostgres() ? 5 : 8);
    static final int WORKERS = 4;
    /**
     * Each round's workload runs until the server has acknowledged this many writes (however busy
     * the machine), then for a random time up to {@link #MAX_EXTRA_WORK}, and then comes the kill:
     * a random moment in a stream of writes.
     */
    static final int ACKS_BEFORE_KILL = 10;
    static final Duration MAX_EXTRA_WORK = Duration.ofMillis(1_500);
    /** A round whose workload cannot get that many writes acknowledged fails the drill. */
    static final Duration MAX_WAIT_FOR_ACKS = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    @Timeout(300)
    void nothing_acknowledged_is_lost_when_the_server_is_killed_at_random_moments() throws Exception {
        Map<String, String> settings = new HashMap<>();
        String pg = TestParley.usesPostgres() ? TestPostgres.create() : null;
        if (pg != null) {
            settings.putAll(TestPostgres.env(pg));
        }
        // Any other store, to see what the drill catches (docs/operations.md quotes H2's result).
        String other = System.getProperty("parley.drill.database-url");
        if (other != null) {
            settings.put("PARLEY_DATABASE_URL", other);
        }
        Path logFile = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        var drill = new CrashDrill();
        try {
            for (int round = 0; round <= ROUNDS; round++) {
                var server = ChildParley.start(dataDir, settings, logFile);
                try {
                    if (round == 0) {
                        drill.createWorkers(server.baseUrl(), dataDir, settings, WORKERS);
                    } else {
                        drill.verify(server.baseUrl(), round);
                    }
                    if (round == ROUNDS) {
                        server.stop();
                        break;
                    }
                    long before = drill.acknowledged.get();
                    var threads = drill.start(server.baseUrl(), round);
                    assertThat(CrashDrill.awaitGrowth(drill.acknowledged, before, ACKS_BEFORE_KILL, MAX_WAIT_FOR_ACKS))
                            .as("round %d: the workload got %d writes acknowledged", round, ACKS_BEFORE_KILL).isTrue();
                    Thread.sleep(ThreadLocalRandom.current().nextLong(MAX_EXTRA_WORK.toMillis()));
                    drill.dying();
                    server.kill();
                    drill.stop(threads);
                } finally {
                    server.close();
                }
            }
        } finally {
            if (pg != null) {
                TestPostgres.drop(pg);
            }
        }
        String summary = String.format("crash drill (%s): rounds=%d writes_acknowledged=%d writes_attempted=%d"
                        + " accounts=%d rooms=%d writes_lost=%d", label(other),
                ROUNDS, drill.acknowledged.get(), drill.attempted.get(), drill.accounts.size(), drill.rooms.size(),
                drill.lost.size());
        log.info(summary);
        Files.writeString(Path.of("target", "crash-drill-" + label(other) + ".txt"), summary + "\n");
        assertThat(drill.errors).as("the workload's own failures against a live server").isEmpty();
        assertThat(drill.lost).as(summary).isEmpty();
    }

    private static String label(String otherUrl) {
        return otherUrl != null ? "other-store" : TestParley.usesPostgres() ? "postgresql" : "sqlite";
    }
}
