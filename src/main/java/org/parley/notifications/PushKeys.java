package org.parley.notifications;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.parley.notifications.webpush.P256;
import org.parley.storage.DataFolder;

/**
 * The node's VAPID key pair (RFC 8292), made once and kept in {@code PARLEY_DATA_DIR/vapid-key},
 * owner-only: two lines, the private scalar and the public point, base64url. Browsers subscribe
 * with the public key; a new key pair would orphan every subscription, so the file is part of a
 * backup, and nodes that share a database share it by copying the file.
 */
final class PushKeys {

    static final String FILE = "vapid-key";

    private PushKeys() {}

    static KeyPair load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        String text = DataFolder.secretFile(file, "VAPID key pair", () -> {
            KeyPair fresh = P256.generate();
            return P256.base64Url(P256.encode((ECPrivateKey) fresh.getPrivate())) + "\n"
                    + P256.base64Url(P256.encode((ECPublicKey) fresh.getPublic())) + "\n";
        });
        String[] lines = text.strip().split("\\s+");
        try {
            if (lines.length != 2) {
                throw new IllegalArgumentException("two lines expected");
            }
            return new KeyPair(P256.publicKey(P256.fromBase64Url(lines[1])), P256.privateKey(P256.fromBase64Url(lines[0])));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a VAPID key pair (" + e.getMessage()
                    + "); delete it to make a new one, which ends every device's push subscription");
        }
    }
}
