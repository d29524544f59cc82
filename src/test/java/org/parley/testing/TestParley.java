package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.parley.app.Parley;
import org.parley.app.ParleyConfig;

/**
 * A real Parley server for tests: bound to 127.0.0.1 on port 0, with a fresh database of its own.
 * The database is the embedded SQLite default unless the system property {@code parley.test.db=postgresql} asks for
 * PostgreSQL, in which case a throw-away database is created on the server named by
 * {@code parley.test.postgres.url} (default the local one) and dropped afterwards. An unreachable
 * PostgreSQL fails the test: nothing is skipped silently.
 */
public final class TestParley implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> env;
    private final String pgDatabase;
    private final Clock clock;
    private Parley server;

    private TestParley(Path dataDir, Map<String, String> env, String pgDatabase, Clock clock) {
        this.dataDir = dataDir;
        this.env = env;
        this.pgDatabase = pgDatabase;
        this.clock = clock;
        this.server = Parley.start(ParleyConfig.load(env), clock);
    }

    public static TestParley start() {
        return start(Map.of());
    }

    /** Starts with extra {@code PARLEY_*} settings on top of the test defaults. */
    public static TestParley start(Map<String, String> overrides) {
        return start(overrides, Clock.systemUTC());
    }

    public static TestParley start(Map<String, String> overrides, Clock clock) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("parley-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = settings(dataDir);
        String pgDatabase = null;
        if (usesPostgres()) {
            pgDatabase = TestPostgres.create();
            env.putAll(TestPostgres.env(pgDatabase));
        }
        env.putAll(overrides);
        return new TestParley(dataDir, env, pgDatabase, clock);
    }

    /** The test defaults: loopback only, ports chosen by the system, rate limits out of the way. */
    public static Map<String, String> settings(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_HOST", "127.0.0.1");
        env.put("PARLEY_PORT", "0");
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        // Audio on loopback only, on a free port per server.
        env.put("PARLEY_MEDIA_PORT", "0");
        env.put("PARLEY_MEDIA_BIND", "127.0.0.1");
        env.put("PARLEY_MEDIA_ADDRESSES", "127.0.0.1");
        // Tests sign up many members from one address; the rate-limit tests lower these again.
        env.put("PARLEY_AUTH_ATTEMPTS_PER_IP", "100000");
        env.put("PARLEY_AUTH_FAILURES_PER_ACCOUNT", "100000");
        // Browser tests read many profiles from one address; the anti-scraping tests lower these again.
        env.put("PARLEY_MEMBER_READS_PER_SESSION", "100000");
        env.put("PARLEY_MEMBER_READS_PER_IP", "100000");
        return env;
    }

    public static boolean usesPostgres() {
        return "postgresql".equals(System.getProperty("parley.test.db", "sqlite"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    public Parley server() {
        return server;
    }

    /** The server's data folder: the test's own, or the one the overrides named. */
    public Path dataDir() {
        return Path.of(env.get("PARLEY_DATA_DIR"));
    }

    /** A fresh administrator invitation code, as `parley invite --admin` would print. */
    public String createAdminInviteCode() {
        return server.invitations().createOperatorInvite();
    }

    /** Stops the server and starts it again on the same data (a new port). */
    public void restart() {
        server.close();
        server = Parley.start(ParleyConfig.load(env), clock);
    }

    @Override
    public void close() {
        server.close();
        if (pgDatabase != null) {
            TestPostgres.drop(pgDatabase);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
