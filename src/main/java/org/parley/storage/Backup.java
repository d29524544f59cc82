package org.parley.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * {@code parley backup FILE} and {@code parley restore FILE} for the embedded database.
 *
 * <p>A backup is SQLite's {@code VACUUM INTO}: one consistent snapshot of the committed data, taken
 * through a connection of its own, so it may run while the server writes (WAL readers see the last
 * commit and do not block the writer). A restore checks the file first, keeps the current database
 * beside it, and must run while the server is stopped (the caller makes sure).
 */
public final class Backup {

    private Backup() {}

    /** Writes a snapshot of the embedded database to {@code target} (which must not exist); returns rows per table. */
    public static Map<String, Long> create(DatabaseConfig config, Path target) {
        requireEmbedded(config);
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists already; name a new file");
        }
        if (!Files.isRegularFile(config.embeddedFile())) {
            throw new IllegalArgumentException("there is no database at " + config.embeddedFile() + " (PARLEY_DATA_DIR)");
        }
        try {
            // Owner-only from the start: the copy holds password and session hashes too.
            DataFolder.ownerOnlyFile(target.toAbsolutePath());
            try (var conn = DriverManager.getConnection(config.effectiveUrl(), readOnly());
                 var st = conn.prepareStatement("VACUUM INTO ?")) {
                st.setString(1, target.toAbsolutePath().toString());
                st.execute();
            }
            return check(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /**
     * Replaces the embedded database with {@code backup} after checking it; the database it replaces
     * is kept as {@code parley.db.before-restore-<instant>}. Returns rows per table of the restored data.
     */
    public static Map<String, Long> restore(DatabaseConfig config, Path backup) {
        requireEmbedded(config);
        Map<String, Long> counts = check(backup);
        Path db = config.embeddedFile();
        try {
            DataFolder.create(config.dataDir().toAbsolutePath());
            if (Files.exists(db)) {
                // Opening and closing the live file folds its WAL in, so the kept copy is whole.
                try (var conn = DriverManager.getConnection(config.effectiveUrl())) {
                    conn.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                String stamp = Instant.now().toString().replace(':', '-');
                Files.move(db, db.resolveSibling(DatabaseConfig.EMBEDDED_FILE + ".before-restore-" + stamp));
            }
            for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(db.resolveSibling(DatabaseConfig.EMBEDDED_FILE + suffix));
            }
            Path partial = db.resolveSibling(DatabaseConfig.EMBEDDED_FILE + ".restoring");
            Files.deleteIfExists(partial);
            DataFolder.ownerOnlyFile(partial);
            Files.copy(backup, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, db, StandardCopyOption.ATOMIC_MOVE);
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** Opens {@code file} read-only, checks its integrity and that it is Parley's; returns rows per table. */
    static Map<String, Long> check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), readOnly())) {
            try (var st = conn.createStatement(); var rs = st.executeQuery("PRAGMA integrity_check")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    throw new IllegalArgumentException(file + " is damaged: " + result);
                }
            }
            return TableCopy.count(conn);
        } catch (SQLException e) {
            throw new IllegalArgumentException(file + " is not a Parley database: " + e.getMessage(), e);
        }
    }

    private static java.util.Properties readOnly() {
        var config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        return config.toProperties();
    }

    private static void requireEmbedded(DatabaseConfig config) {
        if (!config.embedded()) {
            throw new IllegalArgumentException("PARLEY_DATABASE_URL names PostgreSQL: back it up with pg_dump"
                    + " (docs/operations.md)");
        }
    }
}
