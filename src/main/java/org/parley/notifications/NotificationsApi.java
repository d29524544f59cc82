package org.parley.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;

/** The notification centre: {@code listNotifications} and {@code markNotificationsRead}. */
final class NotificationsApi {

    static final int DEFAULT_LIMIT = 30;
    static final int MAX_LIMIT = 100;

    private final Database db;
    private final NotificationStore store;
    private final Members members;
    private final Clock clock;

    NotificationsApi(Database db, NotificationStore store, Members members, Clock clock) {
        this.db = db;
        this.store = store;
        this.members = members;
        this.clock = clock;
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/notifications", this::list);
        routes.post("/api/notifications/read", this::markRead);
    }

    /** Newest first, {@code limit} (1–100, default 30) at a time; {@code before} pages back. */
    void list(Context ctx) {
        Member me = SessionHttp.require(ctx);
        Validation v = new Validation();
        int limit = number(v, "limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT).intValue();
        Long before = ctx.queryParam("before") == null ? null : number(v, "before", ctx.queryParam("before"), 0, 1, Long.MAX_VALUE);
        ProblemException.throwIfInvalid(v);
        var page = db.read(conn -> {
            var rows = store.page(conn, me.id(), before, limit + 1);
            List<Views.NotificationView> items = new ArrayList<>();
            for (var row : rows.subList(0, Math.min(limit, rows.size()))) {
                items.add(Views.of(conn, members, row));
            }
            Long next = rows.size() > limit ? items.get(items.size() - 1).id() : null;
            return new Views.Page(store.unread(conn, me.id()), items, next);
        });
        ctx.header("Cache-Control", "no-store").json(page);
    }

    /** {@code {"upTo": id}} marks that one and every older one read; an empty body marks all. */
    void markRead(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("upTo"), true);
        Validation v = body.validator();
        JsonNode upTo = body.node("upTo");
        if (upTo != null && !upTo.isNull() && !(upTo.isIntegralNumber() && upTo.canConvertToLong() && upTo.longValue() > 0)) {
            v.add("upTo", "invalid_type", "must be a notification id");
        }
        ProblemException.throwIfInvalid(v);
        Long last = upTo == null || upTo.isNull() ? null : upTo.longValue();
        db.transaction(conn -> store.markRead(conn, me.id(), last, clock.instant()));
        ctx.status(204);
    }

    private static Long number(Validation v, String name, String raw, long fallback, long min, long max) {
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                v.add(name, "invalid_value", "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            v.add(name, "invalid_type", "must be a whole number");
            return fallback;
        }
    }
}
