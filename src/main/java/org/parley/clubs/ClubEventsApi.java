package org.parley.clubs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.schedule.EventDirectory;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;

/**
 * A club's events: {@code addClubEvent} (a leader or higher puts a scheduled event they host into the
 * club) and {@code listClubEvents} (its upcoming events the caller may see, for the club page). The
 * events themselves are the schedule's; the club keeps which belong to it.
 */
final class ClubEventsApi {

    private final Clubs clubs;
    private final Database db;
    private final EventDirectory events;
    private final Clock clock;

    ClubEventsApi(Clubs clubs, Database db, EventDirectory events, Clock clock) {
        this.clubs = clubs;
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    record Events(List<EventDirectory.Summary> items) {}

    void routes(RoutesConfig routes) {
        routes.get("/api/clubs/{club}/events", this::list);
        routes.put("/api/clubs/{club}/events/{event}", this::add);
    }

    void add(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        Club club = ClubsApi.refusing(() -> clubs.require(me.id(), ClubsApi.club(ctx), ClubRules.Action.createEvent)).club();
        String eventId = ctx.pathParam("event");
        if (!eventId.matches("[A-Za-z0-9_-]{1,32}") || events.hostedBy(eventId, me.id()).isEmpty()) {
            throw new ProblemException(404, "event_not_found", "Not found",
                    "No scheduled event you host has this id");
        }
        db.transaction(conn -> {
            clubs.store().addEvent(conn, club.id(), eventId, me.id(), clock.instant());
            return null;
        });
        ctx.status(204);
    }

    void list(Context ctx) {
        Member me = SessionHttp.require(ctx);
        Club club = ClubsApi.refusing(() -> clubs.require(me.id(), ClubsApi.club(ctx), ClubRules.Action.view)).club();
        List<String> ids = db.read(conn -> clubs.store().events(conn, club.id()));
        ctx.header("Cache-Control", "no-store").json(new Events(events.upcoming(ids, me.id(), clock.instant())));
    }
}
