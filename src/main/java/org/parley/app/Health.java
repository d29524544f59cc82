package org.parley.app;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.storage.Database;

/**
 * {@code GET /healthz}: 200 when this node answers and its database can durably write, 503 otherwise.
 * {@code database} is {@code up}, {@code read-only} (it answers but a write fails: a full disk, a
 * read-only file system or database) or {@code down} (no connection). A load balancer thus stops
 * sending traffic to a node that would refuse every write, and sends it again once the store recovers.
 */
final class Health {

    /** A database that does not answer a ping within this many seconds counts as down. */
    static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final Database db;
    private final String version;

    Health(Database db, String version) {
        this.db = db;
        this.version = version;
    }

    void handle(Context ctx) {
        String database = !db.isUp(DATABASE_TIMEOUT_SECONDS) ? "down" : db.writable() ? "up" : "read-only";
        boolean up = database.equals("up");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "up" : "down");
        body.put("database", database);
        body.put("version", version);
        ctx.header("Cache-Control", "no-store").status(up ? 200 : 503).json(body);
    }
}
