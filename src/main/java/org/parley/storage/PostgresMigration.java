package org.parley.storage;

import java.util.Map;

/**
 * {@code parley migrate-to-postgres URL}: copies the embedded database into an empty PostgreSQL
 * database (which Flyway first brings to the same schema) in one PostgreSQL transaction, while
 * holding SQLite's write lock so that nothing changes during the copy. The embedded database is left
 * as it was. The caller makes sure the server is stopped, so that no later write is left behind.
 */
public final class PostgresMigration {

    private PostgresMigration() {}

    /** Returns rows copied per table; throws {@link IllegalStateException} when the target holds data. */
    public static Map<String, Long> run(DatabaseConfig embedded, DatabaseConfig postgres) {
        if (!embedded.embedded() || postgres.embedded()) {
            throw new IllegalArgumentException("copies the embedded database into PostgreSQL");
        }
        try (Database from = Database.open(embedded); Database to = Database.open(postgres)) {
            Map<String, Long> existing = to.read(TableCopy::count);
            if (existing.values().stream().anyMatch(n -> n > 0)) {
                throw new IllegalStateException("the PostgreSQL database already holds data " + existing
                        + "; migrate into an empty database");
            }
            return from.transaction(src -> to.transaction(dst -> TableCopy.copy(src, dst)));
        }
    }
}
