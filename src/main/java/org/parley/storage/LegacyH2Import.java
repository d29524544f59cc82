package org.parley.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley 0.1 kept its embedded database in H2 ({@code parley.mv.db}), which did not make commits
 * durable (docs/decisions.md). On the first start with SQLite, that file's data is copied into the new
 * database in one transaction and the file renamed to {@code parley.mv.db.imported}, so the import
 * runs once and the old file stays as a fallback until the operator deletes it.
 */
final class LegacyH2Import {

    private static final Logger log = LoggerFactory.getLogger(LegacyH2Import.class);
    static final String LEGACY_FILE = "parley.mv.db";
    static final String IMPORTED_SUFFIX = ".imported";

    private LegacyH2Import() {}

    static void runIfPresent(Path dataDir, Database db) {
        Path legacy = dataDir.toAbsolutePath().resolve(LEGACY_FILE);
        if (!Files.exists(legacy)) {
            return;
        }
        long members = db.read(conn -> TableCopy.count(conn).get("members"));
        if (members > 0) {
            log.warn("Both {} (H2, Parley 0.1) and the SQLite database hold data; the H2 file was not imported."
                    + " Move it away to silence this warning.", legacy);
            return;
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE;IFEXISTS=TRUE";
        Map<String, Long> counts;
        try (Connection h2 = DriverManager.getConnection(url, "sa", "")) {
            counts = db.transaction(to -> TableCopy.copy(h2, to));
        } catch (SQLException e) {
            throw new StorageException(e);
        }
        try {
            Files.move(legacy, legacy.resolveSibling(LEGACY_FILE + IMPORTED_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Imported " + legacy + " but could not rename it: " + e.getMessage(), e);
        }
        log.info("Imported the H2 database of Parley 0.1 into SQLite ({}); the old file is now {}{}",
                counts, LEGACY_FILE, IMPORTED_SUFFIX);
    }
}
