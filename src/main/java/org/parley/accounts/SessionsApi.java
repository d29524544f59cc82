package org.parley.accounts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;

/**
 * The member's signed-in devices: operations {@code listSessions}, {@code endSession} and
 * {@code endOtherSessions}. Ending a session takes effect at once: it is deleted, so its next request is
 * 401, and its open WebSocket is closed with 4401 ({@link SessionHttp#announceEnded}); a delegate's
 * acting as an organization is a field of the session and ends with it. Sessions are a person's: a
 * delegate acting as an organization sees and ends their own.
 */
final class SessionsApi {

    private final Database db;
    private final SessionHttp auth;

    SessionsApi(Database db, SessionHttp auth) {
        this.db = db;
        this.auth = auth;
    }

    /**
     * One signed-in device.
     *
     * @param network    the /24 or /48 it signed in from, or null: only kept when the operator allows it
     * @param current    the device making this request
     */
    record Device(String id, String browser, String os, String network, Instant signedInAt, Instant lastUsedAt,
                  boolean current) {}

    record Devices(List<Device> sessions) {}

    void routes(RoutesConfig routes) {
        routes.get("/api/sessions", this::listSessions);
        routes.post("/api/sessions/end-others", this::endOtherSessions);
        routes.delete("/api/sessions/{id}", this::endSession);
    }

    void listSessions(Context ctx) {
        Member person = SessionHttp.requirePerson(ctx);
        String mine = SessionHttp.sessionId(ctx);
        var devices = db.read(conn -> auth.devices(conn, person.id())).stream()
                .map(d -> new Device(d.id(), d.browser(), d.os(), d.network(), d.createdAt(), d.lastUsedAt(),
                        d.id().equals(mine)))
                .toList();
        ctx.header("Cache-Control", "no-store").json(new Devices(devices));
    }

    void endSession(Context ctx) {
        Member person = SessionHttp.requirePerson(ctx);
        JsonBody.requireNone(ctx);
        String id = ctx.pathParam("id");
        boolean ended = db.transaction(conn -> {
            var found = auth.devices(conn, person.id()).stream().filter(d -> d.id().equals(id)).findFirst();
            if (found.isEmpty()) {
                return false;
            }
            auth.end(conn, found.get().tokenHash());
            return true;
        });
        if (!ended) {
            throw new ProblemException(404, "session_not_found", "Not found", "You have no session with this id");
        }
        auth.announceEnded(person.id(), List.of(id));
        if (id.equals(SessionHttp.sessionId(ctx))) {
            auth.clearCookie(ctx); // ending this device is logging out
        }
        ctx.status(204);
    }

    void endOtherSessions(Context ctx) {
        Member person = SessionHttp.requirePerson(ctx);
        JsonBody.requireNone(ctx);
        List<String> ended = db.transaction(conn -> auth.endOtherSessions(ctx, conn, person.id()));
        auth.announceEnded(person.id(), ended);
        ctx.json(new Ended(ended.size()));
    }

    /** How many sessions "log out everywhere else" ended. */
    record Ended(int ended) {}
}
