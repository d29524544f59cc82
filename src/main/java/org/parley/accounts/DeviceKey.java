package org.parley.accounts;

import java.nio.file.Path;
import java.util.Base64;
import org.parley.kernel.Tokens;
import org.parley.storage.DataFolder;

/**
 * The server's secret for signing device cookies: 256 random bits made once and kept in
 * {@code PARLEY_DATA_DIR/device-key} (URL-safe Base64), readable by the owner only. Deleting the file
 * forgets every device; nodes that share a database share it by copying the file.
 */
final class DeviceKey {

    static final String FILE = "device-key";
    private static final int BYTES = 32;

    private DeviceKey() {}

    /** Reads the key, making it first if the data folder has none. Never logs the key. */
    static byte[] load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        byte[] key = decode(DataFolder.secretFile(file, "device key", () -> Tokens.random(BYTES) + "\n").strip());
        if (key == null) {
            throw new IllegalStateException(file + " is not a device key (" + BYTES
                    + " bytes or more, URL-safe Base64); delete it to make a new one, which forgets every device");
        }
        return key;
    }

    private static byte[] decode(String text) {
        try {
            byte[] key = Base64.getUrlDecoder().decode(text);
            return key.length >= BYTES ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
