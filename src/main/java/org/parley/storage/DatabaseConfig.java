package org.parley.storage;

import java.nio.file.Path;

/**
 * Where Parley keeps its data.
 *
 * @param url      JDBC URL of a PostgreSQL database; {@code null} or blank means the embedded SQLite
 *                 database {@link #EMBEDDED_FILE} inside {@code dataDir}
 * @param user     database user (PostgreSQL); ignored for the embedded default
 * @param password database password
 * @param poolSize maximum JDBC connections held by this node
 * @param dataDir  folder for the embedded database
 */
public record DatabaseConfig(String url, String user, String password, int poolSize, Path dataDir) {

    /** Default pool size: enough for a small node; PostgreSQL's default max_connections is 100. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** The embedded database's file in the data folder (SQLite keeps {@code -wal} and {@code -shm} beside it). */
    public static final String EMBEDDED_FILE = "parley.db";

    /** The JDBC URL actually used: the configured one, or SQLite in {@code dataDir/parley.db}. */
    public String effectiveUrl() {
        if (url != null && !url.isBlank()) {
            return url;
        }
        return "jdbc:sqlite:" + embeddedFile();
    }

    /** The embedded database's file (meaningful when {@link #embedded()}). */
    public Path embeddedFile() {
        return dataDir.toAbsolutePath().resolve(EMBEDDED_FILE);
    }

    public boolean embedded() {
        return effectiveUrl().startsWith("jdbc:sqlite:");
    }

    public Dialect dialect() {
        return embedded() ? Dialect.SQLITE : Dialect.POSTGRESQL;
    }
}
