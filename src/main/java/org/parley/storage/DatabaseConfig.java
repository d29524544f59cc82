package org.parley.storage;

import java.nio.file.Path;

/**
 * Where Parley keeps its data.
 *
 * @param url      JDBC URL; {@code null} means the embedded H2 file database inside {@code dataDir}
 * @param user     database user (PostgreSQL); ignored for the embedded default
 * @param password database password
 * @param poolSize maximum JDBC connections held by this node
 * @param dataDir  folder for the embedded database
 */
public record DatabaseConfig(String url, String user, String password, int poolSize, Path dataDir) {

    /** Default pool size: enough for a small node; PostgreSQL's default max_connections is 100. */
    public static final int DEFAULT_POOL_SIZE = 10;

    /** The JDBC URL actually used: the configured one, or H2 in {@code dataDir/parley}. */
    public String effectiveUrl() {
        if (url != null && !url.isBlank()) {
            return url;
        }
        // DB_CLOSE_ON_EXIT=FALSE: Parley closes the pool itself on shutdown, in order.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public boolean embedded() {
        return effectiveUrl().startsWith("jdbc:h2:");
    }
}
