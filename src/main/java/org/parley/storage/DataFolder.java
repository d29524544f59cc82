package org.parley.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(DataFolder.class);

    private DataFolder() {}

    /**
     * The text of a secret kept in the data folder (a signing key), owner-only: read if the file
     * exists, else made by {@code make}, written whole to a temporary owner-only file and moved into
     * place, so no reader ever sees half a secret (another process that made one a moment earlier
     * wins). Warns when the file is readable by others. Never logs the secret.
     *
     * @param what names the secret in the log and in errors
     */
    public static String secretFile(Path file, String what, Supplier<String> make) {
        try {
            if (!Files.exists(file)) {
                Path temporary = posix()
                        ? Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                                PosixFilePermissions.asFileAttribute(FILE))
                        : Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
                Files.writeString(temporary, make.get(), StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file);
                    log.info("Made a new {} in {}", what, file);
                } catch (FileAlreadyExistsException raced) {
                    Files.delete(temporary);
                }
            }
            if (posix() && Files.getPosixFilePermissions(file).stream()
                    .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("{} can be read by others than its owner; `chmod 600` it", file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the " + what + " " + file, e);
        }
    }

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
