package org.parley.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and schema of one Parley node. Feature stores take a {@link Connection} so that
 * a feature can compose several of them in one transaction through {@link #transaction}.
 *
 * <p>Durability: a transaction that returns has reached the disk. SQLite runs in WAL mode with
 * {@code synchronous=FULL} (the WAL is fsynced at every commit, so a commit survives {@code kill -9}
 * and power loss); PostgreSQL is durable with its defaults. Why not H2: docs/decisions.md.
 *
 * <p>Thread-safe: the pool is shared by all request threads.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** How long a request waits for a pooled connection before the node reports itself unavailable. */
    static final long CONNECTION_TIMEOUT_MS = 5_000;
    /**
     * How long an SQLite writer waits for another's transaction to finish (SQLite has one writer at a
     * time; Parley's transactions take milliseconds).
     */
    static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

    /** SQLSTATE for unique and primary-key violations in PostgreSQL. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final HikariDataSource pool;
    private final DatabaseConfig config;
    private final WriteProbe probe;
    /**
     * SQLite's one writer, taken in Java before a transaction begins. Without it, writers queue inside
     * SQLite's busy handler, a native sleep that pins a virtual thread to its carrier: with as many
     * waiting writers as cores, the writer holding the lock gets no carrier to commit on, and everyone
     * waits out the busy timeout (a 503 in the load test's sign-ups). A virtual thread waiting here
     * unmounts. Fair, so no writer starves.
     */
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);

    private Database(HikariDataSource pool, DatabaseConfig config) {
        this.pool = pool;
        this.config = config;
        this.probe = new WriteProbe(this);
    }

    /**
     * Opens the pool and brings the schema up to date (Flyway); throws if the database is unreachable.
     * The embedded database's folder and files are made owner-only, and an embedded H2 database left
     * by Parley 0.1 is imported once ({@link LegacyH2Import}).
     */
    public static Database open(DatabaseConfig config) {
        if (config.embedded()) {
            DataFolder.prepareEmbedded(config);
        }
        var pool = new HikariDataSource(hikari(config));
        try {
            migrate(pool, config.dialect());
            var db = new Database(pool, config);
            if (config.embedded()) {
                LegacyH2Import.runIfPresent(config.dataDir(), db);
            }
            log.info("Database ready: {}", config.embedded()
                    ? "embedded SQLite " + org.sqlite.SQLiteJDBCLoader.getVersion() + " in " + config.embeddedFile()
                    : redact(config.effectiveUrl()));
            return db;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariConfig hikari(DatabaseConfig config) {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(config.effectiveUrl());
        if (config.embedded()) {
            // Applied by the driver to every new connection (org.sqlite.SQLiteConfig.Pragma):
            // WAL lets readers run beside the one writer; FULL fsyncs the WAL at each commit.
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "FULL");
            hikari.addDataSourceProperty("foreign_keys", "true");
            hikari.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
        } else {
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hikari.setPoolName("parley-db");
        hikari.setAutoCommit(true);
        return hikari;
    }

    private static void migrate(DataSource dataSource, Dialect dialect) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrations)
                .load()
                .migrate();
    }

    /** Strips credentials that may sit in a JDBC URL's query string before it is logged. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password|user)=[^&;]*", "$1=***");
    }

    public boolean embedded() {
        return config.embedded();
    }

    public Dialect dialect() {
        return config.dialect();
    }

    DatabaseConfig config() {
        return config;
    }

    /**
     * Runs {@code work} in one transaction: committed (durably) if it returns, rolled back if it throws.
     * SQLite transactions begin IMMEDIATE, taking the one write lock up front: a transaction that
     * reads and then writes cannot fail half-way because another writer went first.
     */
    public <T> T transaction(SqlWork<T> work) {
        if (!config.embedded()) {
            try (Connection conn = pool.getConnection()) {
                return jdbcTransaction(conn, work);
            } catch (SQLException e) {
                throw failed(e);
            }
        }
        try {
            if (!sqliteWriter.tryLock(SQLITE_BUSY_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new StorageException(new SQLException("The database stayed busy for "
                        + SQLITE_BUSY_TIMEOUT_MS + " ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(new SQLException("Interrupted while waiting for the database", e));
        }
        try (Connection conn = pool.getConnection()) {
            return sqliteTransaction(conn, work);
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            sqliteWriter.unlock();
        }
    }

    private static <T> T jdbcTransaction(Connection conn, SqlWork<T> work) throws SQLException {
        conn.setAutoCommit(false);
        try {
            T result = work.run(conn);
            conn.commit();
            return result;
        } catch (Throwable e) {
            conn.rollback();
            throw e;
        }
    }

    /**
     * The driver's own transactions (auto-commit off) would begin the next transaction right after
     * each commit and hold it while the connection idles in the pool; explicit statements do not.
     */
    private <T> T sqliteTransaction(Connection conn, SqlWork<T> work) throws SQLException {
        exec(conn, "BEGIN IMMEDIATE");
        try {
            T result = work.run(conn);
            exec(conn, "COMMIT");
            return result;
        } catch (Throwable e) {
            try {
                exec(conn, "ROLLBACK");
            } catch (SQLException rollbackFailed) {
                // SQLite rolls back by itself after a failed COMMIT (disk full, I/O error); anything
                // else leaves the connection in doubt, so the pool must not hand it out again.
                if (!rollbackFailed.getMessage().contains("no transaction is active")) {
                    pool.evictConnection(conn);
                }
            }
            throw e;
        }
    }

    private static void exec(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode: reads. A write goes through
     * {@link #transaction}, which queues SQLite's writers in Java (see {@code sqliteWriter}).
     */
    public <T> T read(SqlWork<T> work) {
        try (Connection conn = pool.getConnection()) {
            return work.run(conn);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** A failure of the store itself (not of a constraint) makes the next health check probe again. */
    private StorageException failed(SQLException e) {
        if (!isConstraintViolation(e)) {
            probe.invalidate();
        }
        return new StorageException(e);
    }

    /** True when a connection can be had and answers within {@code timeoutSeconds}. */
    public boolean isUp(int timeoutSeconds) {
        try (Connection conn = pool.getConnection()) {
            return conn.isValid(timeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True when the store can durably write now: a one-row write is committed at most once per
     * {@link WriteProbe#FRESH_FOR}, and again at once after any storage failure. A full disk, a
     * read-only file system or database, or a database that is gone all make it false.
     */
    public boolean writable() {
        return probe.writable();
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

    /** Binds an instant (or null) the way this connection's dialect stores it ({@link Instants}). */
    public static void setInstant(PreparedStatement st, int index, Instant value) throws SQLException {
        Instants.set(st, index, value);
    }

    /** Reads an instant column written by {@link #setInstant}; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instants.get(rs, column);
    }

    public static boolean isUniqueViolation(SQLException e) {
        if (e instanceof org.sqlite.SQLiteException s) {
            return switch (s.getResultCode()) {
                case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> true;
                default -> false;
            };
        }
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /** Integrity constraint violations: the request's fault, not the store's (SQLSTATE class 23). */
    static boolean isConstraintViolation(SQLException e) {
        if (e instanceof org.sqlite.SQLiteException s) {
            return s.getResultCode().name().startsWith("SQLITE_CONSTRAINT");
        }
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
