package org.parley.schedule;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Tokens;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * A member's private calendar feed: {@code getCalendarFeedStatus}, {@code resetCalendarFeed} (a new
 * secret link; the old one stops working), {@code revokeCalendarFeed}, and the feed itself,
 * {@code getCalendarFeed}, which calendar apps fetch with no session: the secret token in its path
 * is the key. Only the token's SHA-256 is stored, so the link is shown once, when it is made.
 */
final class CalendarApi {

    /** Feed fetches per token per hour: calendar apps poll every 15–60 minutes from a few devices. */
    static final int FETCHES_PER_HOUR = 120;
    /** New links per member per hour. */
    static final int RESETS_PER_HOUR = 20;

    record FeedStatus(boolean active, Instant createdAt) {}

    record NewFeed(String url, Instant createdAt) {}

    private final Schedule schedule;
    private final EventViews views;
    private final EventStore store;
    private final Database db;
    private final ClientInfo client;
    private final Clock clock;
    private final RateLimiter fetches;
    private final RateLimiter resets;

    CalendarApi(Schedule schedule, EventViews views, EventStore store, Database db, ClientInfo client, Clock clock) {
        this.schedule = schedule;
        this.views = views;
        this.store = store;
        this.db = db;
        this.client = client;
        this.clock = clock;
        this.fetches = new RateLimiter(FETCHES_PER_HOUR, 3600, clock);
        this.resets = new RateLimiter(RESETS_PER_HOUR, 3600, clock);
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/me/calendar", this::status);
        routes.post("/api/me/calendar", this::reset);
        routes.delete("/api/me/calendar", this::revoke);
        routes.get("/api/calendar/{token}", this::feed);
    }

    void status(Context ctx) {
        Member me = SessionHttp.require(ctx);
        var created = db.read(conn -> store.feedCreated(conn, me.id()));
        ctx.header("Cache-Control", "no-store").json(new FeedStatus(created.isPresent(), created.orElse(null)));
    }

    void reset(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        resets.acquire("member:" + me.id());
        String token = Tokens.random();
        Instant now = clock.instant();
        db.transaction(conn -> {
            store.setFeed(conn, me.id(), Tokens.sha256Hex(token), now);
            return null;
        });
        ctx.status(201).header("Cache-Control", "no-store")
                .json(new NewFeed(client.publicOrigin(ctx) + "/api/calendar/" + token, now));
    }

    void revoke(Context ctx) {
        Member me = SessionHttp.require(ctx);
        db.transaction(conn -> {
            store.deleteFeed(conn, me.id());
            return null;
        });
        ctx.status(204);
    }

    /** The feed: the events the token's owner hosts or RSVP'd, as one iCalendar (RFC 5545). */
    void feed(Context ctx) {
        String token = ctx.pathParam("token");
        var owner = token.matches("[A-Za-z0-9_-]{43}")
                ? db.read(conn -> store.feedOwner(conn, Tokens.sha256Hex(token))) : java.util.Optional.<Long>empty();
        if (owner.isEmpty()) {
            throw new ProblemException(404, "calendar_feed_not_found", "Not found",
                    "This calendar link was reset or turned off");
        }
        fetches.acquire("feed:" + owner.get());
        String body = EventCalendar.write(views.calendar(schedule.calendar(owner.get())), client.publicOrigin(ctx),
                "Parley");
        ctx.header("Cache-Control", "private, no-cache").contentType("text/calendar; charset=utf-8").result(body);
    }
}
