package org.parley.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data folder and the embedded database's files, owner-only (0700 and 0600): they hold password
 * and session hashes. SQLite creates its {@code -wal} and {@code -shm} files with the database file's
 * permissions, so creating that file first as 0600 covers them; files left by an older version are
 * tightened on start. On a file system without POSIX permissions nothing is changed.
 */
public final class DataFolder {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final String[] SUFFIXES = {"", "-wal", "-shm", "-journal"};

    private DataFolder() {}

    /** Creates {@code dir} if needed and makes it owner-only. */
    public static void create(Path dir) {
        try {
            Files.createDirectories(dir);
            if (posix()) {
                Files.setPosixFilePermissions(dir, FOLDER);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates an empty owner-only file at {@code file} unless it exists; tightens it if it does. */
    static void ownerOnlyFile(Path file) throws IOException {
        if (Files.notExists(file)) {
            if (posix()) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } else if (posix()) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    static void prepareEmbedded(DatabaseConfig config) {
        create(config.dataDir().toAbsolutePath());
        Path file = config.embeddedFile();
        try {
            ownerOnlyFile(file);
            for (String suffix : SUFFIXES) {
                Path p = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(p) && posix()) {
                    Files.setPosixFilePermissions(p, FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
