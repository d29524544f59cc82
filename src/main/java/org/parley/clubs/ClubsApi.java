package org.parley.clubs;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import org.parley.accounts.AccountRules;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.Paging;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * Clubs over HTTP: {@code createClub}, {@code getClub}, {@code updateClub}, {@code listMyClubs},
 * {@code listMemberClubs}, {@code joinClub}, {@code leaveClub}, {@code followClub}, {@code unfollowClub},
 * {@code listClubMembers}, {@code setClubRole}, {@code removeClubMember}, {@code banClubMember},
 * {@code unbanClubMember}, {@code listClubBans}, {@code listClubRequests}, {@code answerClubRequest},
 * {@code inviteToClub} (docs/api.md "Clubs"). Who may do what is {@link ClubRules}'; this edge reads
 * requests and turns refusals into problems.
 */
final class ClubsApi {

    /** Clubs one member may found per window: a founder's few, not a script's hundreds. */
    static final int CREATES_PER_WINDOW = 20;
    static final long CREATE_WINDOW_SECONDS = 3600;
    /** Membership and admin changes per member per window: brisk moderation fits, a loop does not. */
    static final int CHANGES_PER_WINDOW = 300;
    static final long CHANGE_WINDOW_SECONDS = 600;
    /** Clubs one list shows (the caller's or a member's). */
    static final int LIST_MOST = 200;

    private static final Set<String> FIELDS = Set.of("name", "description", "rules", "topics", "languages", "joinPolicy");

    private final Clubs clubs;
    private final ClubViews views;
    private final Database db;
    private final org.parley.accounts.Members members;
    private final RateLimiter creates;
    private final RateLimiter changes;

    ClubsApi(Clubs clubs, ClubViews views, Database db, org.parley.accounts.Members members, Clock clock) {
        this.clubs = clubs;
        this.views = views;
        this.db = db;
        this.members = members;
        this.creates = new RateLimiter(CREATES_PER_WINDOW, CREATE_WINDOW_SECONDS, clock);
        this.changes = new RateLimiter(CHANGES_PER_WINDOW, CHANGE_WINDOW_SECONDS, clock);
    }

    void routes(RoutesConfig routes) {
        routes.post("/api/clubs", this::create);
        routes.get("/api/clubs/mine", this::mine);
        routes.get("/api/members/{username}/clubs", this::ofMember);
        routes.get("/api/clubs/{club}", ctx -> {
            Member me = SessionHttp.require(ctx);
            answer(ctx, 200, refusing(() -> clubs.view(me.id(), club(ctx))));
        });
        routes.patch("/api/clubs/{club}", this::update);
        routes.post("/api/clubs/{club}/join", this::join);
        routes.post("/api/clubs/{club}/leave", ctx -> act(ctx, me -> clubs.leave(me, club(ctx))));
        routes.put("/api/clubs/{club}/follow", ctx -> act(ctx, me -> clubs.follow(me, club(ctx), true)));
        routes.delete("/api/clubs/{club}/follow", ctx -> act(ctx, me -> clubs.follow(me, club(ctx), false)));
        routes.get("/api/clubs/{club}/members", this::members);
        routes.put("/api/clubs/{club}/members/{username}/role", this::setRole);
        routes.delete("/api/clubs/{club}/members/{username}", ctx -> act(ctx, me -> clubs.remove(me, club(ctx), username(ctx))));
        routes.get("/api/clubs/{club}/bans", ctx -> {
            Member me = SessionHttp.require(ctx);
            ctx.header("Cache-Control", "no-store").json(views.pending(refusing(() -> clubs.bans(me.id(), club(ctx)))));
        });
        routes.put("/api/clubs/{club}/bans/{username}", ctx -> act(ctx, me -> clubs.ban(me, club(ctx), username(ctx), true)));
        routes.delete("/api/clubs/{club}/bans/{username}", ctx -> act(ctx, me -> clubs.ban(me, club(ctx), username(ctx), false)));
        routes.get("/api/clubs/{club}/requests", ctx -> {
            Member me = SessionHttp.require(ctx);
            ctx.header("Cache-Control", "no-store").json(views.pending(refusing(() -> clubs.requests(me.id(), club(ctx)))));
        });
        routes.post("/api/clubs/{club}/requests/{username}", this::answerRequest);
        routes.put("/api/clubs/{club}/invitations/{username}", ctx -> act(ctx, me -> clubs.invite(me, club(ctx), username(ctx))));
    }

    void create(Context ctx) {
        Member me = SessionHttp.require(ctx);
        Set<String> fields = new java.util.HashSet<>(FIELDS);
        fields.add("slug");
        JsonBody body = JsonBody.read(ctx, fields, false);
        Validation v = body.validator();
        String slug = ClubRules.slug(v, body.string("slug"));
        Club.Draft d = draft(body, v, true, slug);
        ProblemException.throwIfInvalid(v);
        creates.acquire("member:" + me.id());
        answer(ctx, 201, refusing(() -> clubs.create(me, d)));
    }

    void update(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, FIELDS, false);
        Validation v = body.validator();
        Club.Draft d = draft(body, v, false, null);
        ProblemException.throwIfInvalid(v);
        changes.acquire("member:" + me.id());
        answer(ctx, 200, refusing(() -> clubs.update(me, club(ctx), d)));
    }

    private static Club.Draft draft(JsonBody body, Validation v, boolean complete, String slug) {
        String name = ClubRules.name(v, body.string("name"), complete);
        String description = ClubRules.text(v, "description", body.string("description"));
        String rules = ClubRules.text(v, "rules", body.string("rules"));
        var topics = ClubRules.topics(v, body.node("topics"));
        var languages = ClubRules.languages(v, body.node("languages"));
        JoinPolicy policy = ClubRules.policy(v, body.string("joinPolicy"), complete);
        return new Club.Draft(slug, name, description, rules, topics, languages, policy);
    }

    /** 200 with the club when the caller is in; 202 with it when their request waits for an admin. */
    void join(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        changes.acquire("member:" + me.id());
        Clubs.Outcome outcome = refusing(() -> clubs.join(me, club(ctx)));
        answer(ctx, outcome == Clubs.Outcome.joined ? 200 : 202, refusing(() -> clubs.view(me.id(), club(ctx))));
    }

    /** {@code {"role": "member" | "leader" | "admin" | "founder"}}; "founder" hands founding over. */
    void setRole(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("role"), false);
        Validation v = body.validator();
        String raw = body.string("role");
        ClubRole role = null;
        if (v.required("role", raw)) {
            try {
                role = ClubRole.valueOf(raw);
            } catch (IllegalArgumentException e) {
                v.add("role", "invalid_value", "must be member, leader, admin or founder");
            }
        }
        ProblemException.throwIfInvalid(v);
        changes.acquire("member:" + me.id());
        ClubRole to = role;
        refusing(() -> {
            clubs.setRole(me, club(ctx), username(ctx), to);
            return null;
        });
        answer(ctx, 200, refusing(() -> clubs.view(me.id(), club(ctx))));
    }

    /** {@code {"approve": true}} lets the member in; {@code false} denies the request. */
    void answerRequest(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("approve"), false);
        Validation v = body.validator();
        JsonNode approve = body.node("approve");
        if (approve == null || !approve.isBoolean()) {
            v.add("approve", "invalid_type", "must be true or false");
        }
        ProblemException.throwIfInvalid(v);
        changes.acquire("member:" + me.id());
        refusing(() -> {
            clubs.answer(me, club(ctx), username(ctx), approve.booleanValue());
            return null;
        });
        ctx.status(204);
    }

    void members(Context ctx) {
        Member me = SessionHttp.require(ctx);
        Paging paging = Paging.from(ctx);
        Club club = refusing(() -> clubs.require(me.id(), club(ctx), ClubRules.Action.listMembers)).club();
        ctx.header("Cache-Control", "no-store").json(views.members(club, paging.limit(), paging.offset()));
    }

    void mine(Context ctx) {
        Member me = SessionHttp.require(ctx);
        ctx.header("Cache-Control", "no-store")
                .json(views.list(db.read(conn -> clubs.store().clubsOf(conn, me.id(), LIST_MOST)), true));
    }

    /** The clubs a member is in, for their profile: every member may see them (clubs are public inside Parley). */
    void ofMember(Context ctx) {
        SessionHttp.require(ctx);
        String username = ctx.pathParam("username");
        var joined = db.read(conn -> {
            Member m = members.byPathName(conn, username).orElseThrow(() ->
                    ProblemException.notFound("member_not_found", "No member has this username"));
            return clubs.store().clubsOf(conn, m.id(), LIST_MOST);
        });
        ctx.header("Cache-Control", "no-store").json(views.list(joined, true));
    }

    /** Runs a change that answers 204: checks the body is empty, counts it against the caller's rate. */
    private void act(Context ctx, java.util.function.Consumer<Member> change) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        changes.acquire("member:" + me.id());
        refusing(() -> {
            change.accept(me);
            return null;
        });
        ctx.status(204);
    }

    private void answer(Context ctx, int status, Clubs.Seen seen) {
        Member me = SessionHttp.require(ctx);
        ctx.status(status).header("Cache-Control", "no-store").json(views.of(seen, me.id()));
    }

    /** A slug or an id; anything else cannot name a club. */
    static String club(Context ctx) {
        String ref = ctx.pathParam("club");
        if (!ref.matches("[A-Za-z0-9_-]{1,40}")) {
            throw notFound();
        }
        return ref;
    }

    private static String username(Context ctx) {
        String name = ctx.pathParam("username");
        Validation v = new Validation();
        AccountRules.username(v, "username", name);
        if (!v.errors().isEmpty()) {
            throw ProblemException.notFound("member_not_found", "No member has this username");
        }
        return name;
    }

    static ProblemException notFound() {
        return ProblemException.notFound("club_not_found", "No club has this name or id");
    }

    /** Runs a club action, answering its refusal with the problem that says why. */
    static <T> T refusing(Supplier<T> action) {
        try {
            return action.get();
        } catch (Refusal r) {
            throw problem(r.reason());
        }
    }

    static ProblemException problem(Refusal.Reason reason) {
        return switch (reason) {
            case not_found -> notFound();
            case target_not_found -> ProblemException.notFound("member_not_found", "No member has this username");
            case banned -> new ProblemException(403, "banned_from_club", "Forbidden", "An admin of this club banned you from it");
            case not_admin -> new ProblemException(403, "club_admins_only", "Forbidden", "Only the club's admins can do this");
            case not_leader -> new ProblemException(403, "club_leaders_only", "Forbidden",
                    "Only the club's leaders and admins can do this");
            case outranked -> new ProblemException(403, "club_role_too_low", "Forbidden",
                    "You can act only on members, and give only roles, below your own role in the club");
            case not_invited -> new ProblemException(403, "club_invitation_only", "Forbidden",
                    "This club admits only members its admins invite");
            case already_member -> new ProblemException(409, "already_club_member", "Conflict", "This member is in the club already");
            case not_a_member -> new ProblemException(409, "not_club_member", "Conflict", "You are not in this club");
            case founder_must_hand_over -> new ProblemException(409, "founder_must_hand_over", "Conflict",
                    "A club always keeps a founder: hand founding over to another member before you leave");
            case target_not_member -> new ProblemException(409, "target_not_club_member", "Conflict",
                    "This member is not in the club");
            case no_request -> new ProblemException(409, "no_club_request", "Conflict",
                    "This member has no request to join waiting");
            case slug_taken -> ProblemException.field(409, "club_slug_taken", "Conflict", "slug",
                    "Another club has this address; pick another");
        };
    }
}
