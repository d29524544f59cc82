package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.parley.app.Parley;
import org.parley.app.ParleyConfig;
import org.parley.web.Tokens;

/**
 * A real Parley server for tests: bound to 127.0.0.1 on port 0, with a fresh database of its own.
 * The database is embedded H2 unless the system property {@code parley.test.db=postgresql} asks for
 * PostgreSQL, in which case a throw-away database is created on the server named by
 * {@code parley.test.postgres.url} (default the local one) and dropped afterwards. An unreachable
 * PostgreSQL fails the test: nothing is skipped silently.
 */
public final class TestParley implements AutoCloseable {

    private static final String PG_ADMIN_URL = System.getProperty("parley.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_USER = System.getProperty("parley.test.postgres.user", "postgres");
    private static final String PG_PASSWORD = System.getProperty("parley.test.postgres.password", "");

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
        String pgDatabase = null;
        if (usesPostgres()) {
            pgDatabase = "parley_test_" + Tokens.random(9).toLowerCase().replaceAll("[^a-z0-9]", "x");
            createPostgresDatabase(pgDatabase);
            env.put("PARLEY_DATABASE_URL", PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1) + pgDatabase);
            env.put("PARLEY_DATABASE_USER", PG_USER);
            env.put("PARLEY_DATABASE_PASSWORD", PG_PASSWORD);
        }
        env.putAll(overrides);
        return new TestParley(dataDir, env, pgDatabase, clock);
    }

    public static boolean usesPostgres() {
        return "postgresql".equals(System.getProperty("parley.test.db", "h2"));
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

    public Path dataDir() {
        return dataDir;
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
            try (var conn = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, PG_PASSWORD);
                 var st = conn.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop test database " + pgDatabase, e);
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    private static void createPostgresDatabase(String name) {
        try (var conn = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, PG_PASSWORD);
             var st = conn.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL tests need a server at " + PG_ADMIN_URL
                    + " (user " + PG_USER + "); start one or run with -Dparley.test.db=h2: " + e.getMessage(), e);
        }
    }
}
