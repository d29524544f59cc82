package org.parley.clubs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.SpokenLanguages;
import org.parley.kernel.Validation;
import org.parley.rooms.ClubTag;
import org.parley.rooms.Room;
import org.parley.rooms.RoomSnapshot;
import org.parley.rooms.RoomType;
import org.parley.rooms.Rooms;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * A club's rooms: {@code startClubRoom} (leaders and above start a room "in" the club, open, members-only
 * or closed) and {@code listClubRooms} (its live rooms the caller may enter, for the club page).
 */
final class ClubRoomsApi {

    /** Rooms one member may start per window, as for any room (rooms' RoomsApi). */
    static final int STARTS_PER_WINDOW = 20;
    static final long START_WINDOW_SECONDS = 3600;
    static final int TITLE_MAX = 120;
    static final int DESCRIPTION_MAX = 280;

    private final Clubs clubs;
    private final Rooms rooms;
    private final RateLimiter starts;

    ClubRoomsApi(Clubs clubs, Rooms rooms, Clock clock) {
        this.clubs = clubs;
        this.rooms = rooms;
        this.starts = new RateLimiter(STARTS_PER_WINDOW, START_WINDOW_SECONDS, clock);
    }

    /** A live room of the club, as its page lists it. */
    record LiveRoom(String id, String title, String description, RoomType type, String url, int stageCount, long listenerCount) {}

    record LiveRooms(List<LiveRoom> items) {}

    void routes(RoutesConfig routes) {
        routes.post("/api/clubs/{club}/rooms", this::start);
        routes.get("/api/clubs/{club}/rooms", this::live);
    }

    void start(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("title", "description", "language", "type"), false);
        Validation v = body.validator();
        String title = body.string("title");
        if (v.required("title", title)) {
            String trimmed = title.strip();
            v.length("title", trimmed, 1, TITLE_MAX).printable("title", trimmed, false);
        }
        String description = body.string("description");
        v.length("description", description, 0, DESCRIPTION_MAX).printable("description", description, false);
        String language = body.string("language");
        if (language != null && !SpokenLanguages.isCode(language)) {
            v.add("language", "invalid_value", "must be a two-letter ISO 639-1 language code, such as en or ro");
        }
        String typeName = body.string("type");
        RoomType type = null;
        if (v.required("type", typeName)) {
            type = switch (typeName) {
                case "open" -> RoomType.open;
                case "members" -> RoomType.members;
                case "closed" -> RoomType.closed;
                default -> {
                    v.add("type", "invalid_value", "must be open, members or closed");
                    yield null;
                }
            };
        }
        ProblemException.throwIfInvalid(v);
        Club club = ClubsApi.refusing(() -> clubs.require(me.id(), ClubsApi.club(ctx), ClubRules.Action.startRoom)).club();
        starts.acquire("member:" + me.id());
        Room room = rooms.create(me, title.strip(), description == null ? "" : description, language, type, List.of(),
                new ClubTag(club.id(), club.slug(), club.name()));
        ctx.status(201).json(view(room.snapshot()));
    }

    void live(Context ctx) {
        Member me = SessionHttp.require(ctx);
        Club club = ClubsApi.refusing(() -> clubs.require(me.id(), ClubsApi.club(ctx), ClubRules.Action.view)).club();
        List<LiveRoom> items = rooms.live().stream()
                .filter(r -> !r.ended() && r.snapshot().club() != null && r.snapshot().club().id().equals(club.id()))
                .filter(r -> rooms.mayEnter(me.id(), r))
                .map(r -> view(r.snapshot()))
                .toList();
        ctx.header("Cache-Control", "no-store").json(new LiveRooms(items));
    }

    private static LiveRoom view(RoomSnapshot s) {
        return new LiveRoom(s.id(), s.title(), s.description(), s.type(), "/room/" + s.id(), s.stage().size(), s.listenerCount());
    }
}
