package org.parley.accounts;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.events.EventBus;
import org.parley.events.SessionsEnded;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;
import org.parley.web.Cookies;
import org.parley.web.Csrf;
import org.parley.web.ProblemException;

/**
 * Turns the session cookie into the signed-in member for each API request, enforces CSRF on unsafe
 * requests, and starts and ends sessions. Every feature asks {@link #require(Context)} for the actor:
 * authorization is decided on the server for every action.
 *
 * <p>Acting as an organization: a session may carry the organization its member acts as
 * ({@code sessions.acting_as}, set through {@link #act}, a CSRF-checked operation). On every request
 * the delegation is checked again; while it holds, {@link #require} answers the organization and
 * {@link #operator} the member operating it, and every unsafe request is written to the
 * organization's audit trail ({@link #after}). A removed delegation ends the acting at once
 * ({@link Organizations#removeDelegate}), and a session whose delegation is gone is its member's again.
 */
public final class SessionHttp {

    public static final String SESSION_COOKIE = "parley_session";
    /** Request attribute holding the signed-in {@link Member}; also visible to WebSocket handlers after the upgrade. */
    public static final String MEMBER_ATTR = "parley.member";
    /** Request attribute holding the delegate operating the organization in {@link #MEMBER_ATTR}; absent when not acting. */
    public static final String OPERATOR_ATTR = "parley.operator";
    private static final String SESSION_ATTR = "parley.session";
    /** Request attribute holding the public id of the request's session (signalling keeps it per WebSocket). */
    private static final String SESSION_ID_ATTR = "parley.session.id";

    private final Database db;
    private final MemberStore members;
    private final Organizations organizations;
    private final SessionStore sessions;
    private final Csrf csrf;
    private final ClientInfo client;
    private final AccountsConfig config;
    private final Clock clock;
    private final DeviceCookiesHttp devices;
    private final EventBus events;

    SessionHttp(Database db, MemberStore members, Organizations organizations, Csrf csrf, ClientInfo client,
                AccountsConfig config, Clock clock, DeviceCookiesHttp devices, EventBus events) {
        this.db = db;
        this.members = members;
        this.organizations = organizations;
        this.sessions = new SessionStore();
        this.csrf = csrf;
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.devices = devices;
        this.events = events;
    }

    /** Before-handler for /api/*: resolves the session, hands out a CSRF cookie, checks CSRF on writes. */
    public void before(Context ctx) {
        csrf.issueIfMissing(ctx);
        SessionStore.Session session = resolveSession(ctx);
        if (Csrf.isUnsafe(ctx)) {
            csrf.verify(ctx, session == null ? null : session.csrfToken());
        }
    }

    /**
     * The member signed in by the request's session cookie, if any (also used to authenticate
     * WebSocket upgrades, where no CSRF token can be sent and the Origin check stands in for it).
     */
    public Optional<Member> resolve(Context ctx) {
        resolveSession(ctx);
        return current(ctx);
    }

    private SessionStore.Session resolveSession(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        if (token == null || token.isEmpty() || token.length() > 64) {
            return null;
        }
        Instant now = clock.instant();
        SessionStore.Session session = db.read(conn -> {
            Optional<SessionStore.Session> found = sessions.find(conn, token, now);
            if (found.isEmpty()) {
                return null;
            }
            var s = found.get();
            Optional<Member> member = members.byId(conn, s.memberId());
            if (member.isEmpty()) {
                return null;
            }
            Optional<Member> acting = s.actingAs() == null || organizations.role(conn, s.actingAs(), s.memberId()).isEmpty()
                    ? Optional.empty() : members.byId(conn, s.actingAs());
            if (acting.isPresent()) {
                ctx.attribute(MEMBER_ATTR, acting.get());
                ctx.attribute(OPERATOR_ATTR, member.get());
            } else {
                ctx.attribute(MEMBER_ATTR, member.get());
            }
            return s;
        });
        if (session != null && Duration.between(session.lastSeenAt(), now).compareTo(AccountsConfig.LAST_USED_INTERVAL) > 0) {
            // A write of its own: reads never wait for the database's writer (storage.Database).
            db.transaction(conn -> {
                sessions.touch(conn, session.tokenHash(), now, now.plus(config.sessionTtl()));
                return null;
            });
        }
        if (session != null) {
            ctx.attribute(SESSION_ATTR, session);
            ctx.attribute(SESSION_ID_ATTR, SessionStore.publicId(session.tokenHash()));
        }
        return session;
    }

    /**
     * The public id of the request's session (as the signed-in devices list names it), or null when
     * signed out; a WebSocket keeps the one it was upgraded with, to be closed when that session ends.
     */
    public static String sessionId(Context ctx) {
        return ctx.attribute(SESSION_ID_ATTR);
    }

    /** The signed-in member, or a 401 problem. */
    public static Member require(Context ctx) {
        Member member = ctx.attribute(MEMBER_ATTR);
        if (member == null) {
            throw ProblemException.unauthenticated();
        }
        return member;
    }

    public static Optional<Member> current(Context ctx) {
        return Optional.ofNullable(ctx.attribute(MEMBER_ATTR));
    }

    /** The delegate operating the organization that {@link #require} answers, when the session acts as one. */
    public static Optional<Member> operator(Context ctx) {
        return Optional.ofNullable(ctx.attribute(OPERATOR_ATTR));
    }

    /**
     * The person signed in, whoever they act as, or a 401 problem: for what only a person does
     * (managing organizations and delegates, switching who they act as).
     */
    public static Member requirePerson(Context ctx) {
        Member member = require(ctx);
        return operator(ctx).orElse(member);
    }

    /**
     * Makes the request's session act as {@code organization} (already checked to be one the signed-in
     * person is a delegate of), or as the person again ({@code null}), inside the caller's transaction.
     */
    public void act(Context ctx, Connection conn, Long organization) throws SQLException {
        SessionStore.Session session = ctx.attribute(SESSION_ATTR);
        if (session == null) {
            throw ProblemException.unauthenticated();
        }
        organizations.setActing(conn, session.tokenHash(), organization);
    }

    /** After-handler for /api/*: an unsafe request made as an organization goes into its audit trail. */
    public void after(Context ctx) {
        Member operator = ctx.attribute(OPERATOR_ATTR);
        Member organization = ctx.attribute(MEMBER_ATTR);
        if (operator != null && organization != null && Csrf.isUnsafe(ctx)) {
            record(organization, operator, ctx.method().name() + " " + ctx.path(), ctx.statusCode());
        }
    }

    /** Writes one entry of an organization's audit trail (for actions outside REST: the WebSocket's room joins). */
    public void record(Member organization, Member operator, String action, int status) {
        db.transaction(conn -> {
            organizations.record(conn, organization.id(), operator.id(), action, status, clock.instant());
            return null;
        });
    }
    /**
     * Starts a session for {@code memberId} inside the caller's transaction and sets the session and
     * CSRF cookies, and the device cookie that keeps this browser able to sign in to the account while
     * others' guessing has locked it ({@link LoginThrottleHttp}).
     */
    public void startSession(Context ctx, Connection conn, long memberId) throws SQLException {
        Instant now = clock.instant();
        String agent = ctx.header("User-Agent");
        var origin = new SessionStore.Origin(UserAgents.browser(agent), UserAgents.os(agent),
                config.sessionNetworks() ? UserAgents.network(client.ip(ctx)) : null);
        var created = sessions.create(conn, memberId, now, now.plus(config.sessionTtl()), origin);
        boolean secure = client.secure(ctx);
        Cookies.set(ctx, SESSION_COOKIE, created.token(), config.sessionTtl(), true, secure);
        // A new CSRF token per session: a token planted before sign-in is useless afterwards.
        Cookies.set(ctx, Csrf.COOKIE, created.csrfToken(), null, false, secure);
        devices.issue(ctx, memberId);
    }

    /** Ends the current session (if any; its WebSockets close too) and clears the cookie. */
    public void endSession(Context ctx) {
        SessionStore.Session session = ctx.attribute(SESSION_ATTR);
        if (session != null) {
            db.transaction(conn -> {
                sessions.delete(conn, session.tokenHash());
                return null;
            });
            announceEnded(session.memberId(), List.of(SessionStore.publicId(session.tokenHash())));
        }
        clearCookie(ctx);
    }

    /** Clears the session cookie in the browser (the session itself is ended elsewhere). */
    public void clearCookie(Context ctx) {
        Cookies.set(ctx, SESSION_COOKIE, "", Duration.ZERO, true, client.secure(ctx));
    }

    /**
     * Ends the member's other sessions, keeping the one making this request, inside the caller's
     * transaction; returns their ids, for {@link #announceEnded} once it committed.
     */
    List<String> endOtherSessions(Context ctx, Connection conn, long memberId) throws SQLException {
        SessionStore.Session session = ctx.attribute(SESSION_ATTR);
        return sessions.deleteOthers(conn, memberId, session == null ? "" : session.tokenHash());
    }

    /**
     * Ends every session of {@code memberId} inside the caller's transaction (the account is being
     * deleted); returns their ids, for {@link #announceEnded} once it committed.
     */
    public List<String> endAllSessions(Connection conn, long memberId) throws SQLException {
        return sessions.deleteAll(conn, memberId);
    }

    /** Tells the other features that sessions ended (signalling closes their WebSockets with 4401). */
    public void announceEnded(long memberId, List<String> sessionIds) {
        if (!sessionIds.isEmpty()) {
            events.publish(new SessionsEnded(memberId, sessionIds));
        }
    }

    /** The devices the member is signed in on, the request's own marked. */
    List<SessionStore.Device> devices(Connection conn, long memberId) throws SQLException {
        return sessions.devices(conn, memberId, clock.instant());
    }

    /** The session making the request (null when signed out). */
    SessionStore.Session currentSession(Context ctx) {
        return ctx.attribute(SESSION_ATTR);
    }

    /** Ends one session, by its hash, inside the caller's transaction. */
    void end(Connection conn, String tokenHash) throws SQLException {
        sessions.delete(conn, tokenHash);
    }

    /** Housekeeping: removes expired sessions (called periodically by the app). */
    public void purgeExpired() {
        db.transaction(conn -> {
            sessions.deleteExpired(conn, clock.instant());
            return null;
        });
    }
}
