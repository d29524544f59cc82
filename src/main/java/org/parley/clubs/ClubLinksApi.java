package org.parley.clubs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.events.MemberJoined;
import org.parley.invites.Invitations;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Club invitation links: {@code createClubInviteLink} (an admin makes an ordinary Parley invitation,
 * counted against their own invitations, that also names the club), {@code getClubInviteLink} (what it
 * invites to) and {@code joinClubByLink} (a member who already has an account joins the club through it).
 * Someone new signs up through the invitation as usual ({@code /invite/{code}}); when invites announces
 * {@link MemberJoined}, the new member is made a member of the link's club.
 */
final class ClubLinksApi {

    private static final Logger log = LoggerFactory.getLogger(ClubLinksApi.class);

    /** Links one admin may make per window, besides their invitation quota. */
    static final int LINKS_PER_WINDOW = 20;
    static final long LINK_WINDOW_SECONDS = 3600;

    private final Clubs clubs;
    private final ClubViews views;
    private final Database db;
    private final Invitations invitations;
    private final Clock clock;
    private final RateLimiter links;

    ClubLinksApi(Clubs clubs, ClubViews views, Database db, Invitations invitations, Clock clock) {
        this.clubs = clubs;
        this.views = views;
        this.db = db;
        this.invitations = invitations;
        this.clock = clock;
        this.links = new RateLimiter(LINKS_PER_WINDOW, LINK_WINDOW_SECONDS, clock);
    }

    /** @param url the invitation page, where someone new signs up */
    record Link(String code, String url, ClubViews.ClubSummary club) {}

    void routes(RoutesConfig routes) {
        routes.post("/api/clubs/{club}/invite-links", this::create);
        routes.get("/api/club-links/{code}", this::get);
        routes.post("/api/club-links/{code}", this::join);
    }

    void create(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        links.acquire("member:" + me.id());
        Link link = ClubsApi.refusing(() -> db.transaction(conn -> {
            Club club = clubs.checkedIn(conn, me.id(), ClubsApi.club(ctx), ClubRules.Action.makeInviteLink).club();
            String code = invitations.createFor(conn, me).orElseThrow(() -> new ProblemException(403,
                    "invite_quota_exhausted", "No invitations left", "You have no invitations left; revoke a pending one to get it back"));
            clubs.store().addInviteLink(conn, code, club.id(), me.id(), clock.instant());
            return new Link(code, "/invite/" + code, summary(club));
        }));
        log.info("Club {}: member {} made an invitation link", link.club().id(), me.id());
        ctx.status(201).json(link);
    }

    /** Needs no session: the invitation page shows the club before anyone signs up. */
    void get(Context ctx) {
        String code = ctx.pathParam("code");
        Club club = db.read(conn -> clubs.store().clubOfLink(conn, code).flatMap(id -> {
            try {
                return clubs.store().byId(conn, id);
            } catch (java.sql.SQLException e) {
                throw new org.parley.storage.StorageException(e);
            }
        })).orElseThrow(ClubLinksApi::notFound);
        ctx.header("Cache-Control", "no-store").json(summary(club));
    }

    void join(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        String code = ctx.pathParam("code");
        String clubId = db.transaction(conn -> {
            String id = clubs.store().clubOfLink(conn, code).orElseThrow(ClubLinksApi::notFound);
            if (clubs.store().standing(conn, id, me.id()).banned()) {
                throw ClubsApi.problem(Refusal.Reason.banned);
            }
            clubs.joinByLink(conn, id, me.id());
            return id;
        });
        ctx.header("Cache-Control", "no-store").json(views.of(clubs.view(me.id(), clubId), me.id()));
    }

    /** A new member who signed up with a club's link joins the club (unless banned meanwhile). */
    void onJoined(MemberJoined joined) {
        try {
            db.transaction(conn -> {
                var code = invitations.codeUsedBy(conn, joined.memberId());
                if (code.isPresent()) {
                    var club = clubs.store().clubOfLink(conn, code.get());
                    if (club.isPresent() && clubs.joinByLink(conn, club.get(), joined.memberId())) {
                        log.info("Club {}: member {} joined through an invitation link", club.get(), joined.memberId());
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Joining member {} to a club through its link failed: {}", joined.memberId(), e.getMessage());
        }
    }

    private static ClubViews.ClubSummary summary(Club c) {
        return new ClubViews.ClubSummary(c.id(), c.slug(), c.name(), ClubViews.url(c), ClubViews.photoUrl(c), c.topics(), null);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("invite_not_found", "This invitation does not exist");
    }
}
