package org.parley.rooms;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.parley.accounts.AccountRules;
import org.parley.accounts.Member;
import org.parley.accounts.MemberRef;
import org.parley.accounts.Members;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.SpokenLanguages;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * What is not live about rooms: {@code createRoom}, {@code getHallway}, {@code getRoom}. Everything
 * that happens inside a room goes over the WebSocket (signalling).
 */
final class RoomsApi {

    /** What a room's or the hallway's {@code language} must be (kernel.SpokenLanguages). */
    private static final String NOT_A_LANGUAGE = "must be a two-letter ISO 639-1 language code, such as en or ro";

    /** Rooms one member may start per window: enough for a busy host, not for a script flooding the hallway. */
    static final int CREATES_PER_WINDOW = 20;
    static final long CREATE_WINDOW_SECONDS = 3600;

    private final Rooms rooms;
    private final Database db;
    private final Members members;
    private final RateLimiter creates;

    RoomsApi(Rooms rooms, Database db, Members members, Clock clock) {
        this.rooms = rooms;
        this.db = db;
        this.members = members;
        this.creates = new RateLimiter(CREATES_PER_WINDOW, CREATE_WINDOW_SECONDS, clock);
    }

    record RoomView(String id, String title, String description, String language, RoomType type, String url, int stageCount, long listenerCount,
                    List<Hallway.StageMember> stage, @com.fasterxml.jackson.annotation.JsonInclude(
                            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Hallway.Club club) {}

    record HallwayView(List<Hallway.Entry> rooms, int hiddenByBlocks) {}

    void routes(RoutesConfig routes) {
        routes.post("/api/rooms", this::createRoom);
        routes.get("/api/hallway", this::getHallway);
        routes.get("/api/rooms/{id}", this::getRoom);
        routes.get("/api/rooms/{id}/operators", this::listRoomOperators);
    }

    /** @param operatedBy the delegate operating organization {@code memberId} in the room */
    record Operator(long memberId, MemberRef operatedBy) {}

    record OperatorList(List<Operator> items) {}

    /**
     * Who operates the organizations in a live room: for its moderators only (issue 15: "operated by"
     * is visible to moderators). Anyone else gets the same 404 as for a room they may not see, or a 403
     * when they are in the room but not a moderator.
     */
    void listRoomOperators(Context ctx) {
        Member me = SessionHttp.require(ctx);
        Room room = visibleRoom(ctx, me);
        RoomSnapshot s = room.snapshot();
        boolean moderator = s.participant(me.id()).map(p -> p.role() == Role.moderator).orElse(false);
        if (!moderator) {
            throw new ProblemException(403, "not_moderator", "Moderators only",
                    "Only the room's moderators see who operates an organization");
        }
        List<Operator> items = new ArrayList<>();
        for (Participant p : s.participants()) {
            MemberRef operator = s.operators().get(p.memberId());
            if (operator != null) {
                items.add(new Operator(p.memberId(), operator));
            }
        }
        ctx.json(new OperatorList(items));
    }

    void createRoom(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("title", "description", "language", "type", "members"), false);
        String title = body.string("title");
        String description = body.string("description");
        String typeName = body.string("type");
        String language = body.string("language");
        Validation v = body.validator();
        if (language != null && !SpokenLanguages.isCode(language)) {
            v.add("language", "invalid_value", NOT_A_LANGUAGE);
        }
        if (v.required("title", title)) {
            Rules.titleProblem(title).ifPresent(p -> v.add("title", p.fieldCode(), p.detail()));
        }
        if (description != null) {
            Rules.descriptionProblem(description).ifPresent(p -> v.add("description", p.fieldCode(), p.detail()));
        }
        RoomType type = null;
        if (v.required("type", typeName)) {
            try {
                type = RoomType.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                v.add("type", "invalid_value", "must be open, social or closed");
            }
            if (type == RoomType.members) {
                v.add("type", "invalid_value", "members-only rooms are started in a club (startClubRoom)");
            }
        }
        List<String> usernames = AccountRules.usernames(v, "members", body.node("members"), RoomsConfig.DEFAULT_CAPACITY);
        if (type != RoomType.closed && !usernames.isEmpty()) {
            v.add("members", "invalid_value", "only closed rooms take a list of members");
        }
        ProblemException.throwIfInvalid(v);
        creates.acquire("member:" + me.id());
        List<Long> allowed = db.read(conn -> {
            List<Long> ids = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String name : usernames) {
                members.byUsername(conn, name).ifPresentOrElse(m -> ids.add(m.id()), () -> unknown.add(name));
            }
            if (!unknown.isEmpty()) {
                throw ProblemException.field(400, "validation", "Invalid request", "members",
                        "no such members: " + String.join(", ", unknown));
            }
            return ids;
        });
        Room room = rooms.create(me, title, description, language, type, allowed);
        ctx.status(201).json(view(room, me));
    }

    /** {@code ?language=xx} keeps the rooms held in that language. */
    void getHallway(Context ctx) {
        Member me = SessionHttp.require(ctx);
        String language = ctx.queryParam("language");
        if (language != null && !SpokenLanguages.isCode(language)) {
            Validation v = new Validation();
            v.add("language", "invalid_value", NOT_A_LANGUAGE);
            ProblemException.throwIfInvalid(v);
        }
        Hallway.Ranked ranked = rooms.hallway(me.id(), language);
        ctx.json(new HallwayView(ranked.rooms(), ranked.hiddenByBlocks()));
    }

    /** A live room's summary; rooms a member may not see look the same as rooms that do not exist. */
    void getRoom(Context ctx) {
        Member me = SessionHttp.require(ctx);
        Room room = visibleRoom(ctx, me);
        ctx.json(view(room, me));
    }

    /** The live room the path names, if {@code me} may see it; else the 404 of a room that does not exist. */
    private Room visibleRoom(Context ctx, Member me) {
        String id = ctx.pathParam("id");
        return (id.matches("[A-Za-z0-9_-]{1,32}") ? rooms.get(id) : java.util.Optional.<Room>empty())
                .filter(r -> !r.ended() && rooms.mayEnter(me.id(), r))
                .orElseThrow(() -> ProblemException.notFound("room_not_found", "This room has ended or does not exist"));
    }

    private static RoomView view(Room room, Member me) {
        RoomSnapshot s = room.snapshot();
        List<Hallway.StageMember> stage = s.stage().stream().limit(Hallway.STAGE_SHOWN)
                .map(p -> new Hallway.StageMember(p.memberId(), p.username(), p.displayName(), p.avatarUrl(),
                        p.role(), false, p.verified())).toList();
        return new RoomView(s.id(), s.title(), s.description(), s.language(), s.type(), "/room/" + s.id(), s.stage().size(),
                s.listenerCount(), stage, Hallway.Club.of(s.club()));
    }
}
