package org.parley.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and schema of one Parley node. Feature stores take a {@link Connection} so that
 * a feature can compose several of them in one transaction through {@link #transaction}.
 *
 * <p>Thread-safe: the pool is shared by all request threads.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** How long a request waits for a pooled connection before the node reports itself unavailable. */
    static final long CONNECTION_TIMEOUT_MS = 5_000;

    /** SQLSTATE for unique and primary-key violations; the same in H2 and PostgreSQL. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final HikariDataSource pool;
    private final boolean embedded;

    private Database(HikariDataSource pool, boolean embedded) {
        this.pool = pool;
        this.embedded = embedded;
    }

    /** Opens the pool and brings the schema up to date (Flyway); throws if the database is unreachable. */
    public static Database open(DatabaseConfig config) {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(config.effectiveUrl());
        if (!config.embedded()) {
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
        } else {
            hikari.setUsername("sa");
            hikari.setPassword("");
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hikari.setPoolName("parley-db");
        hikari.setAutoCommit(true);
        var pool = new HikariDataSource(hikari);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        log.info("Database ready: {}", config.embedded() ? "embedded H2 in " + config.dataDir().toAbsolutePath() : redact(config.effectiveUrl()));
        return new Database(pool, config.embedded());
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** Strips credentials that may sit in a JDBC URL's query string before it is logged. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password|user)=[^&;]*", "$1=***");
    }

    public boolean embedded() {
        return embedded;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(SqlWork<T> work) {
        try (Connection conn = pool.getConnection()) {
            conn.setAutoCommit(false);
            try {
                T result = work.run(conn);
                conn.commit();
                return result;
            } catch (Throwable e) {
                conn.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode (single statements, reads). */
    public <T> T read(SqlWork<T> work) {
        try (Connection conn = pool.getConnection()) {
            return work.run(conn);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** True when a connection can be had and answers within {@code timeoutSeconds}. */
    public boolean isUp(int timeoutSeconds) {
        try (Connection conn = pool.getConnection()) {
            return conn.isValid(timeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Work on a connection; may throw {@link SQLException}, which becomes a {@link StorageException}. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection conn) throws SQLException;
    }

    public static OffsetDateTime toDb(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Reads a TIMESTAMP WITH TIME ZONE column portably (H2 and PostgreSQL both map it to OffsetDateTime). */
    public static Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

}
