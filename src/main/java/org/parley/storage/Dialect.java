package org.parley.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The SQL dialects Parley writes: SQLite (the embedded default) and PostgreSQL. Each has its own
 * migrations folder; feature stores write SQL that both accept and ask here only where they differ.
 */
public enum Dialect {
    SQLITE("classpath:db/sqlite"),
    POSTGRESQL("classpath:db/postgresql");

    final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    /**
     * What ends a SELECT that must lock its rows until the transaction ends: PostgreSQL's
     * {@code FOR UPDATE}; nothing in SQLite, which has no row locks and needs none, since Parley's
     * SQLite transactions take the one write lock when they begin ({@link Database#transaction}).
     */
    public String rowLock() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }

    /** The dialect of {@code conn} (a pooled connection unwraps to the driver's own class). */
    public static Dialect of(Connection conn) throws SQLException {
        return conn.isWrapperFor(org.sqlite.SQLiteConnection.class) ? SQLITE : POSTGRESQL;
    }
}
