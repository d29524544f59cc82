package org.parley.app;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.storage.Database;

/** {@code GET /healthz}: 200 when this node and its database answer, 503 otherwise. */
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
        boolean dbUp = db.isUp(DATABASE_TIMEOUT_SECONDS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", dbUp ? "up" : "down");
        body.put("database", dbUp ? "up" : "down");
        body.put("version", version);
        ctx.header("Cache-Control", "no-store").status(dbUp ? 200 : 503).json(body);
    }
}
