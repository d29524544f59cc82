package org.parley.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.parley.kernel.Tokens;

/**
 * Throw-away PostgreSQL databases for tests, on the server named by {@code parley.test.postgres.url}
 * (default the local one). An unreachable server fails the test: nothing is skipped silently.
 */
public final class TestPostgres {

    static final String ADMIN_URL = System.getProperty("parley.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getProperty("parley.test.postgres.user", "postgres");
    static final String PASSWORD = System.getProperty("parley.test.postgres.password", "");

    private TestPostgres() {}

    /** Creates an empty database and returns its name. */
    public static String create() {
        String name = "parley_test_" + Tokens.random(9).toLowerCase().replaceAll("[^a-z0-9]", "x");
        try (var conn = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
             var st = conn.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL tests need a server at " + ADMIN_URL
                    + " (user " + USER + "); start one or run with -Dparley.test.db=sqlite: " + e.getMessage(), e);
        }
        return name;
    }

    public static String url(String name) {
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    /** The {@code PARLEY_DATABASE_*} settings that point a server at database {@code name}. */
    public static Map<String, String> env(String name) {
        return Map.of("PARLEY_DATABASE_URL", url(name), "PARLEY_DATABASE_USER", USER, "PARLEY_DATABASE_PASSWORD", PASSWORD);
    }

    public static void drop(String name) {
        try (var conn = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
             var st = conn.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name, e);
        }
    }
}
