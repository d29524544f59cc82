package org.parley.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;
import org.parley.kernel.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's secret for signing device cookies: 256 random bits made once and kept in
 * {@code PARLEY_DATA_DIR/device-key} (URL-safe Base64), readable by the owner only. Deleting the file
 * forgets every device; nodes that share a database share it by copying the file.
 */
final class DeviceKey {

    private static final Logger log = LoggerFactory.getLogger(DeviceKey.class);
    static final String FILE = "device-key";
    private static final int BYTES = 32;

    private DeviceKey() {}

    /** Reads the key, making it first if the data folder has none. Never logs the key. */
    static byte[] load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key == null) {
                throw new IllegalStateException(file + " is not a device key (" + BYTES
                        + " bytes or more, URL-safe Base64); delete it to make a new one, which forgets every device");
            }
            warnIfShared(file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the device key " + file, e);
        }
    }

    /** Written whole to a temporary file first, so no reader ever sees half a key. */
    private static void create(Path file) throws IOException {
        Path temporary;
        try {
            temporary = Files.createTempFile(file.getParent(), FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
        }
        Files.writeString(temporary, Tokens.random(BYTES) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file);
            log.info("Made a new device key in {}", file);
        } catch (FileAlreadyExistsException raced) {
            Files.delete(temporary); // another process made one a moment ago: use theirs
        }
    }

    private static byte[] decode(String text) {
        try {
            byte[] key = Base64.getUrlDecoder().decode(text);
            return key.length >= BYTES ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void warnIfShared(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("{} can be read by others than its owner; `chmod 600` it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
