package org.parley.invites;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.parley.accounts.AccountRules;
import org.parley.accounts.AccountsModule.AuthLimits;
import org.parley.accounts.MeView;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Tokens;
import org.parley.kernel.Validation;
import org.parley.events.EventBus;
import org.parley.events.MemberJoined;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invitations and joining through one: {@code createInvite}, {@code listInvites}, {@code getInvite},
 * {@code revokeInvite} and {@code signUp}. Without a pending invitation nobody becomes a member.
 */
final class InvitesApi {

    private static final Logger log = LoggerFactory.getLogger(InvitesApi.class);
    /** Codes we issue are 22 URL-safe characters; anything else cannot be one and is not looked up. */
    private static final String CODE_SHAPE = "[A-Za-z0-9_-]{1,64}";
    static final int USERNAME_CHECKS_PER_WINDOW = 300;
    static final long USERNAME_CHECK_WINDOW_SECONDS = 900;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Invitations invitations;
    private final InviteStore store;
    private final Members members;
    private final SessionHttp auth;
    private final MeView meView;
    private final ClientInfo client;
    private final AuthLimits limits;
    private final Clock clock;
    private final EventBus events;
    /** Username checks per address: a person typing, debounced, needs a few dozen; a script hits the wall. */
    private final RateLimiter usernameChecks;

    InvitesApi(Database db, Invitations invitations, Members members, SessionHttp auth, MeView meView,
               ClientInfo client, AuthLimits limits, EventBus events, Clock clock) {
        this.db = db;
        this.invitations = invitations;
        this.store = invitations.store();
        this.members = members;
        this.auth = auth;
        this.meView = meView;
        this.client = client;
        this.limits = limits;
        this.clock = clock;
        this.events = events;
        this.usernameChecks = new RateLimiter(USERNAME_CHECKS_PER_WINDOW, USERNAME_CHECK_WINDOW_SECONDS, clock);
    }

    void routes(RoutesConfig routes) {
        routes.post("/api/accounts", this::signUp);
        routes.post("/api/invites", this::createInvite);
        routes.get("/api/invites", this::listInvites);
        routes.get("/api/invites/{code}", this::getInvite);
        routes.delete("/api/invites/{code}", this::revokeInvite);
        routes.get("/api/invites/{code}/usernames/{username}", this::checkUsername);
    }

    void signUp(Context ctx) {
        limits.perIp().acquire("ip:" + client.ip(ctx));
        JsonBody body = JsonBody.read(ctx, Set.of("inviteCode", "username", "displayName", "password"), false);
        String code = body.string("inviteCode");
        String username = body.string("username");
        String displayNameRaw = body.string("displayName");
        String password = body.string("password");
        Validation v = body.validator();
        v.required("inviteCode", code);
        v.matches("inviteCode", code, CODE_SHAPE, "is not an invitation code");
        AccountRules.username(v, "username", username);
        String displayName = AccountRules.displayName(v, "displayName", displayNameRaw);
        AccountRules.password(v, "password", password);
        ProblemException.throwIfInvalid(v);
        // A per-invitation budget too: guessing usernames against one link cannot go on forever.
        limits.perAccount().acquire("invite:" + code);

        // Cheap checks before the deliberately slow hash, so bad links fail fast.
        Instant checkedAt = clock.instant();
        Invite preview = db.read(conn -> store.byCode(conn, code))
                .orElseThrow(InvitesApi::inviteNotFound);
        requirePending(preview, checkedAt);
        if (db.read(conn -> members.usernameTaken(conn, username))) {
            throw usernameTaken();
        }
        String passwordHash = members.hashPassword(password);

        Joined joined = db.transaction(conn -> {
            Instant now = clock.instant();
            Invite invite = store.byCodeForUpdate(conn, code).orElseThrow(InvitesApi::inviteNotFound);
            requirePending(invite, now);
            Member member;
            try {
                member = members.join(conn, username, displayName, passwordHash, invite.grantsAdmin(),
                        invite.inviterId(), now);
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) {
                    throw usernameTaken();
                }
                throw e;
            }
            if (!store.markUsed(conn, invite.id(), member.id(), now)) {
                throw gone("invite_used", "This invitation has already been used");
            }
            auth.startSession(ctx, conn, member.id());
            log.info("Member {} joined through invitation {} of {}", member.id(), invite.id(),
                    invite.inviterId() == null ? "the operator" : "member " + invite.inviterId());
            return new Joined(member, meView.render(conn, member));
        });
        events.publish(new MemberJoined(joined.member().id(), joined.member().invitedBy()));
        ctx.status(201).json(joined.me());
    }

    /**
     * Whether a username can still be chosen, for the sign-up form while the person types. Only the
     * holder of a pending invitation may ask (so the network's usernames cannot be listed from
     * outside), and it has its own, generous budget: it is not a sign-up attempt.
     */
    void checkUsername(Context ctx) {
        usernameChecks.acquire("ip:" + client.ip(ctx));
        String code = pathCode(ctx);
        String username = ctx.pathParam("username");
        Invite invite = db.read(conn -> store.byCode(conn, code)).orElseThrow(InvitesApi::inviteNotFound);
        requirePending(invite, clock.instant());
        Validation v = new Validation();
        AccountRules.username(v, "username", username);
        var invalid = v.errors().stream().findFirst();
        boolean taken = invalid.isEmpty() && db.read(conn -> members.usernameTaken(conn, username));
        var answer = JSON.createObjectNode().put("username", username).put("available", invalid.isEmpty() && !taken);
        if (taken) {
            answer.put("reason", "username_taken").put("detail", "This username is already taken");
        } else if (invalid.isPresent()) {
            answer.put("reason", invalid.get().code()).put("detail", invalid.get().detail());
        } else {
            answer.putNull("reason").putNull("detail");
        }
        ctx.header("Cache-Control", "no-store").json(answer);
    }

    /** A sign-up's outcome: the new member, and how the API shows them ({@code Me}). */
    private record Joined(Member member, Object me) {}

    void createInvite(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        String origin = client.publicOrigin(ctx);
        var view = db.transaction(conn -> {
            Instant now = clock.instant();
            members.lock(conn, me.id()); // two tabs creating at once cannot exceed the quota
            Integer remaining = invitations.remaining(conn, me);
            if (remaining != null && remaining <= 0) {
                throw new ProblemException(403, "invite_quota_exhausted", "No invitations left",
                        "You have no invitations left; revoke a pending one to get it back");
            }
            Invite invite = store.insert(conn, Tokens.random(Invitations.CODE_BYTES), me.id(), false, now,
                    now.plus(invitations.config().ttl()));
            return InviteViews.view(conn, members, invite, origin, now);
        });
        ctx.status(201).json(view);
    }

    void listInvites(Context ctx) {
        Member me = SessionHttp.require(ctx);
        String origin = client.publicOrigin(ctx);
        var list = db.read(conn -> {
            Instant now = clock.instant();
            List<InviteViews.InviteView> items = new ArrayList<>();
            for (Invite invite : store.byInviter(conn, me.id())) {
                items.add(InviteViews.view(conn, members, invite, origin, now));
            }
            return new InviteViews.InviteList(invitations.remaining(conn, me), items);
        });
        ctx.json(list);
    }

    /** Public: the landing page shows who invited you before you have an account. */
    void getInvite(Context ctx) {
        String code = pathCode(ctx);
        var preview = db.read(conn -> {
            Invite invite = store.byCode(conn, code).orElseThrow(InvitesApi::inviteNotFound);
            var inviter = invite.inviterId() == null ? null
                    : members.byId(conn, invite.inviterId()).map(Member::ref).orElse(null);
            return new InviteViews.InvitePreview(invite.code(), invite.status(clock.instant()).name(), inviter,
                    invite.expiresAt(), invite.grantsAdmin());
        });
        ctx.json(preview);
    }

    void revokeInvite(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        String code = pathCode(ctx);
        db.transaction(conn -> {
            Instant now = clock.instant();
            if (store.revoke(conn, code, me.id(), now)) {
                return null;
            }
            Invite invite = store.byCode(conn, code)
                    .filter(i -> i.inviterId() != null && i.inviterId() == me.id())
                    .orElseThrow(InvitesApi::inviteNotFound); // someone else's code is "not found", not "forbidden"
            throw new ProblemException(409, "invite_not_revocable", "Invitation cannot be revoked",
                    "This invitation is " + invite.status(now).name() + " and can no longer be revoked");
        });
        ctx.status(204);
    }

    private static String pathCode(Context ctx) {
        String code = ctx.pathParam("code");
        if (!code.matches(CODE_SHAPE)) {
            throw inviteNotFound();
        }
        return code;
    }

    private static void requirePending(Invite invite, Instant now) {
        switch (invite.status(now)) {
            case pending -> { }
            case used -> throw gone("invite_used", "This invitation has already been used");
            case revoked -> throw gone("invite_revoked", "This invitation was withdrawn by the member who sent it");
            case expired -> throw gone("invite_expired", "This invitation has expired");
        }
    }

    private static ProblemException gone(String code, String detail) {
        return ProblemException.field(410, code, "Invitation cannot be used", "inviteCode", detail);
    }

    private static ProblemException inviteNotFound() {
        return ProblemException.notFound("invite_not_found", "There is no such invitation");
    }

    private static ProblemException usernameTaken() {
        return ProblemException.field(409, "username_taken", "Username taken", "username",
                "This username is already taken");
    }
}
