package org.parley.privacy;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;

/**
 * A member's export: {@code requestExport} starts it (made in the background), {@code getExport}
 * tells its progress, {@code downloadExport} hands over the zip while it is kept. A person's own
 * data: a delegate acting as an organization exports themselves.
 */
final class ExportsApi {

    private final Exports exports;

    ExportsApi(Exports exports) {
        this.exports = exports;
    }

    /**
     * An export as the client shows it.
     *
     * @param status      working, ready or failed
     * @param progress    0–100
     * @param downloadUrl where the zip is, once ready
     */
    record ExportView(String id, String status, int progress, Instant requestedAt, Instant readyAt, Instant expiresAt,
                      Long sizeBytes, String downloadUrl) {

        static ExportView of(ExportStore.Export e) {
            boolean ready = e.status().equals("ready");
            return new ExportView(e.id(), e.status(), e.progress(), e.createdAt(), e.readyAt(), ready ? e.expiresAt() : null,
                    e.sizeBytes(), ready ? "/api/me/export/" + e.id() + "/archive" : null);
        }
    }

    void routes(RoutesConfig routes) {
        routes.post("/api/me/export", this::requestExport);
        routes.get("/api/me/export", this::getExport);
        routes.get("/api/me/export/{id}/archive", this::downloadExport);
    }

    void requestExport(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        JsonBody.requireNone(ctx);
        ctx.status(202).json(ExportView.of(exports.request(me.id())));
    }

    void getExport(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        var export = exports.latest(me.id()).orElseThrow(() -> ProblemException.notFound("no_export",
                "You have no export; ask for one"));
        ctx.header("Cache-Control", "no-store").json(ExportView.of(export));
    }

    void downloadExport(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        String id = ctx.pathParam("id");
        byte[] zip = id.length() > 40 ? null : exports.archive(id, me.id()).orElse(null);
        if (zip == null) {
            throw ProblemException.notFound("no_export", "This export is not ready, has expired or is not yours");
        }
        ctx.header("Cache-Control", "no-store, private")
                .header("Content-Disposition", "attachment; filename=\"parley-" + me.username() + "-data.zip\"")
                .contentType("application/zip")
                .result(zip);
    }
}
