package org.parley.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.parley.accounts.AccountRules;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Validation;
import org.parley.rooms.Room;
import org.parley.rooms.RoomType;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * Scheduled events over HTTP: {@code createEvent}, {@code getEvent}, {@code updateEvent},
 * {@code cancelEvent}, {@code rsvpEvent}, {@code unrsvpEvent}, {@code answerCohostRequest},
 * {@code startEvent}, {@code listUpcomingEvents} and {@code getEventIcs} (docs/api.md).
 */
final class EventsApi {

    /** Events one member may schedule per window: a busy host's week, not a script's. */
    static final int CREATES_PER_WINDOW = 20;
    static final long CREATE_WINDOW_SECONDS = 3600;
    private static final Set<String> FIELDS = Set.of("title", "description", "startsAt", "lengthMinutes", "language", "type");

    private final Schedule schedule;
    private final EventViews views;
    private final Database db;
    private final Members members;
    private final SocialGraph graph;
    private final ClientInfo client;
    private final Clock clock;
    private final RateLimiter creates;

    EventsApi(Schedule schedule, EventViews views, Database db, Members members, SocialGraph graph, ClientInfo client,
              Clock clock) {
        this.schedule = schedule;
        this.views = views;
        this.db = db;
        this.members = members;
        this.graph = graph;
        this.client = client;
        this.clock = clock;
        this.creates = new RateLimiter(CREATES_PER_WINDOW, CREATE_WINDOW_SECONDS, clock);
    }

    void routes(RoutesConfig routes) {
        routes.post("/api/events", this::create);
        routes.get("/api/events/upcoming", this::upcoming);
        routes.get("/api/events/{id}", ctx -> answer(ctx, 200, find(ctx)));
        routes.patch("/api/events/{id}", this::update);
        routes.post("/api/events/{id}/cancel", ctx -> answer(ctx, 200, refusing(() ->
                schedule.cancel(SessionHttp.require(ctx), id(ctx)))));
        routes.put("/api/events/{id}/rsvp", ctx -> rsvp(ctx, true));
        routes.delete("/api/events/{id}/rsvp", ctx -> rsvp(ctx, false));
        routes.post("/api/events/{id}/cohost", this::answerCohost);
        routes.post("/api/events/{id}/start", this::start);
        routes.get("/api/events/{id}/ics", this::ics);
    }

    void create(Context ctx) {
        Member me = SessionHttp.require(ctx);
        Set<String> fields = new LinkedHashSet<>(FIELDS);
        fields.add("cohosts");
        JsonBody body = JsonBody.read(ctx, fields, false);
        Validation v = body.validator();
        Schedule.Draft d = draft(body, v, true);
        List<String> usernames = cohosts(body, v, me);
        ProblemException.throwIfInvalid(v);
        creates.acquire("member:" + me.id());
        List<Long> cohosts = db.read(conn -> {
            List<Long> ids = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            Set<Long> blocked = graph.blockedEitherWay(conn, me.id());
            for (String name : usernames) {
                members.byUsername(conn, name).filter(m -> !blocked.contains(m.id()))
                        .ifPresentOrElse(m -> ids.add(m.id()), () -> unknown.add(name));
            }
            if (!unknown.isEmpty()) {
                throw ProblemException.field(400, "validation", "Invalid request", "cohosts",
                        "these members cannot be asked: " + String.join(", ", unknown));
            }
            return ids;
        });
        answer(ctx, 201, schedule.create(me, d, cohosts));
    }

    void update(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, FIELDS, false);
        Validation v = body.validator();
        Schedule.Draft d = draft(body, v, false);
        ProblemException.throwIfInvalid(v);
        answer(ctx, 200, refusing(() -> schedule.update(me, id(ctx), d)));
    }

    /** The fields of a body; on an edit ({@code complete} false) an absent field keeps its value. */
    private Schedule.Draft draft(JsonBody body, Validation v, boolean complete) {
        String title = body.string("title");
        if (complete || body.has("title")) {
            EventRules.title(v, title);
        }
        String description = body.string("description");
        EventRules.description(v, description);
        Instant startsAt = instant(body, v);
        EventRules.start(v, startsAt, clock.instant());
        Integer length = integer(body, v, "lengthMinutes");
        EventRules.length(v, length);
        String language = body.string("language");
        EventRules.language(v, language);
        RoomType type = null;
        String typeName = body.string("type");
        if (typeName != null) {
            try {
                type = RoomType.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                v.add("type", "invalid_value", "must be open, social or closed");
            }
            if (type == RoomType.members) {
                v.add("type", "invalid_value", "must be open, social or closed");
                type = null;
            }
        }
        if (complete) {
            v.required("startsAt", startsAt == null ? null : "");
            v.required("lengthMinutes", length == null ? null : "");
            v.required("type", typeName);
        }
        return new Schedule.Draft(title, description, startsAt, length, language, type);
    }

    /** {@code startsAt}: an RFC 3339 date-time with an offset ({@code 2026-12-24T18:00:00+01:00} or {@code …Z}). */
    private static Instant instant(JsonBody body, Validation v) {
        String raw = body.string("startsAt");
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            v.add("startsAt", "invalid_format", "must be a date and time with its offset, such as 2026-12-24T18:00:00Z");
            return null;
        }
    }

    private static Integer integer(JsonBody body, Validation v, String field) {
        JsonNode node = body.node(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            v.add(field, "invalid_type", "must be a whole number");
            return null;
        }
        return node.intValue();
    }

    private static List<String> cohosts(JsonBody body, Validation v, Member me) {
        List<String> names = AccountRules.usernames(v, "cohosts", body.node("cohosts"), EventRules.COHOSTS_MAX);
        if (names.stream().anyMatch(me.username()::equalsIgnoreCase)) {
            v.add("cohosts", "invalid_value", "you host it already");
            return List.of();
        }
        return names;
    }

    void upcoming(Context ctx) {
        Member me = SessionHttp.require(ctx);
        ctx.header("Cache-Control", "no-store")
                .json(new EventViews.Upcoming(views.of(schedule.upcoming(me.id()), me.id(), clock.instant())));
    }

    private Found find(Context ctx) {
        Member me = SessionHttp.require(ctx);
        return schedule.find(me.id(), id(ctx)).orElseThrow(EventsApi::notFound);
    }

    void rsvp(Context ctx, boolean going) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        String id = id(ctx);
        refusing(() -> {
            schedule.rsvp(me, id, going);
            return null;
        });
        answer(ctx, 200, find(ctx));
    }

    /** {@code {"accept": true}} or {@code false}. */
    void answerCohost(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("accept"), false);
        Validation v = body.validator();
        JsonNode accept = body.node("accept");
        if (accept == null || !accept.isBoolean()) {
            v.add("accept", "invalid_type", "must be true or false");
        }
        ProblemException.throwIfInvalid(v);
        Found f = refusing(() -> schedule.answer(me, id(ctx), accept.booleanValue()));
        if (!accept.booleanValue()) {
            ctx.status(204);
            return;
        }
        answer(ctx, 200, f);
    }

    void start(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        Room room = refusing(() -> schedule.start(me, id(ctx)));
        ctx.status(201).json(new EventViews.LiveRoom(room.id(), "/room/" + room.id()));
    }

    /** The event as an iCalendar file to download (RFC 5545; {@code text/calendar}, RFC 5545 §8.1). */
    void ics(Context ctx) {
        Found f = find(ctx);
        String body = EventCalendar.write(views.calendar(List.of(f)), client.publicOrigin(ctx), null);
        ctx.header("Content-Disposition", "attachment; filename=\"parley-event-" + f.event().id() + ".ics\"")
                .header("Cache-Control", "no-store")
                .contentType("text/calendar; charset=utf-8").result(body);
    }

    private void answer(Context ctx, int status, Found f) {
        Member me = SessionHttp.require(ctx);
        ctx.status(status).header("Cache-Control", "no-store").json(views.of(f, me.id(), clock.instant()));
    }

    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw notFound();
        }
        return id;
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "event_not_found", "Not found", "This event does not exist or is not shown to you");
    }

    /** Runs a schedule action, answering its refusal with the problem that says why. */
    private <T> T refusing(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Refusal r) {
            throw switch (r.reason()) {
                case not_found -> notFound();
                case not_a_host -> new ProblemException(403, "not_event_host", "Forbidden", "Only the event's hosts can do this");
                case not_scheduled -> new ProblemException(409, "event_not_scheduled", "Conflict",
                        "This event is live, over, cancelled or missed");
                case outside_start_window -> new ProblemException(409, "event_not_startable", "Conflict",
                        "An event can be started from " + schedule.config().startsEarly().toMinutes()
                                + " minutes before its start to " + schedule.config().missedAfter().toMinutes() + " minutes after it");
                case no_cohost_request -> new ProblemException(409, "no_cohost_request", "Conflict",
                        "You have no co-host request on this event to answer");
            };
        }
    }
}
