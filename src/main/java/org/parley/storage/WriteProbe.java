package org.parley.storage;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the store can write right now, for {@code GET /healthz}: rewrites the one row of
 * {@code storage_probe}. A successful probe is trusted for {@link #FRESH_FOR}, so a health checker
 * polling every second costs one small commit a second; any storage failure in between drops that
 * trust, so the next check probes again.
 *
 * <p>Thread-safe: concurrent checks may both probe, which is harmless.
 */
final class WriteProbe {

    /** How long a successful probe stands for the store's state. */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final Database db;
    private volatile long okAtNanos;
    private volatile boolean everOk;

    WriteProbe(Database db) {
        this.db = db;
    }

    boolean writable() {
        if (everOk && System.nanoTime() - okAtNanos < FRESH_FOR.toNanos()) {
            return true;
        }
        try {
            db.transaction(conn -> {
                try (var st = conn.prepareStatement("UPDATE storage_probe SET written_at = ? WHERE id = 1")) {
                    Database.setInstant(st, 1, Instant.now());
                    return st.executeUpdate();
                }
            });
            okAtNanos = System.nanoTime();
            everOk = true;
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    void invalidate() {
        everOk = false;
    }
}
