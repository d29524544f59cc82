package org.parley.privacy;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import org.parley.accounts.AccountRules;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deleteAccount}: the member deletes their account with their password re-entered. In one
 * transaction every session ends and every feature erases its part; then the sessions' sockets close
 * (4401) and the member leaves the live rooms they are in. The profile is gone at once (404).
 */
final class DeletionApi {

    private static final Logger log = LoggerFactory.getLogger(DeletionApi.class);

    private final Database db;
    private final Members members;
    private final SessionHttp sessions;
    private final Deletion deletion;
    private final ClientInfo client;
    private final RateLimiter perIp;

    DeletionApi(Database db, Members members, SessionHttp sessions, Deletion deletion, ClientInfo client, RateLimiter perIp) {
        this.db = db;
        this.members = members;
        this.sessions = sessions;
        this.deletion = deletion;
        this.client = client;
        this.perIp = perIp;
    }

    void routes(RoutesConfig routes) {
        routes.delete("/api/me", this::deleteAccount);
    }

    void deleteAccount(Context ctx) {
        Member me = SessionHttp.require(ctx);
        if (SessionHttp.operator(ctx).isPresent()) {
            throw new ProblemException(409, "acting_as_organization", "Acting as an organization",
                    "Switch back to yourself to delete your account");
        }
        // Guessing a password here is guessing a log-in: the same per-address budget.
        perIp.acquire("ip:" + client.ip(ctx));
        JsonBody body = JsonBody.read(ctx, Set.of("password"), false);
        String password = body.string("password");
        Validation v = body.validator();
        v.required("password", password);
        v.length("password", password, 1, AccountRules.PASSWORD_MAX);
        ProblemException.throwIfInvalid(v);

        var check = db.read(conn -> members.passwordCheck(conn, me.id()));
        if (!check.matches(password)) {
            throw ProblemException.field(403, "wrong_password", "Wrong password", "password", "The password is wrong");
        }
        record Done(List<Long> erased, List<String> sessions) {}
        Done done = db.transaction(conn -> {
            List<String> blocking = deletion.orphanedOrganizations(conn, me.id());
            if (!blocking.isEmpty()) {
                throw new ProblemException(409, "sole_owner", "Hand your organizations over first",
                        "You are the only owner of " + String.join(", ", blocking)
                                + ", which others still operate: make one of them an owner, then delete your account");
            }
            List<String> ended = sessions.endAllSessions(conn, me.id());
            return new Done(deletion.erase(conn, me.id()), ended);
        });
        sessions.announceEnded(me.id(), done.sessions());
        deletion.leaveLiveRooms(done.erased());
        sessions.clearCookie(ctx);
        log.info("Member {} deleted their account ({} account(s) erased)", me.id(), done.erased().size());
        ctx.status(204);
    }
}
