package org.parley.accounts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import org.parley.accounts.AccountsModule.AuthLimits;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log in, log out, change password: operations {@code logIn}, {@code logOut}, {@code changePassword}. */
final class AccountsApi {

    private static final Logger log = LoggerFactory.getLogger(AccountsApi.class);

    private final Database db;
    private final MemberStore members;
    private final PasswordHasher hasher;
    private final SessionHttp auth;
    private final MeView meView;
    private final ClientInfo client;
    private final RateLimiter perIp;
    private final LoginThrottleHttp failures;

    AccountsApi(Database db, Members members, SessionHttp auth, MeView meView, ClientInfo client, AuthLimits limits,
                DeviceCookiesHttp devices) {
        this.db = db;
        this.members = members.store();
        this.hasher = members.hasher();
        this.auth = auth;
        this.meView = meView;
        this.client = client;
        this.perIp = limits.perIp();
        this.failures = new LoginThrottleHttp(limits.perAccount(), devices);
    }

    void routes(RoutesConfig routes) {
        routes.post("/api/session", this::logIn);
        routes.delete("/api/session", this::logOut);
        routes.put("/api/me/password", this::changePassword);
    }

    void logIn(Context ctx) {
        String ip = client.ip(ctx);
        perIp.acquire("ip:" + ip);
        JsonBody body = JsonBody.read(ctx, Set.of("username", "password"), false);
        String username = body.string("username");
        String password = body.string("password");
        Validation v = body.validator();
        v.required("username", username);
        v.required("password", password);
        v.length("username", username, 1, 100).length("password", password, 1, AccountRules.PASSWORD_MAX);
        ProblemException.throwIfInvalid(v);

        Optional<Member> member = db.read(conn -> members.byUsername(conn, username));
        LoginThrottleHttp.Budget budget = failures.budget(ctx, username, member);
        budget.check();
        boolean ok;
        if (member.isPresent()) {
            String hash = db.read(conn -> members.passwordHash(conn, member.get().id())).orElse("");
            ok = hasher.verify(password, hash);
        } else {
            hasher.verifyDecoy(password); // same cost either way: timing does not reveal who is a member
            ok = false;
        }
        if (!ok) {
            budget.fail();
            log.info("Failed log-in for an account from {}", client.loggable(ip));
            throw new ProblemException(401, "invalid_credentials", "Wrong username or password",
                    "The username or password is wrong");
        }
        Object me = db.transaction(conn -> {
            auth.startSession(ctx, conn, member.get().id());
            return meView.render(conn, member.get());
        });
        ctx.json(me);
    }

    void logOut(Context ctx) {
        SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        auth.endSession(ctx);
        ctx.status(204);
    }

    void changePassword(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("currentPassword", "newPassword"), false);
        String current = body.string("currentPassword");
        String next = body.string("newPassword");
        Validation v = body.validator();
        v.required("currentPassword", current);
        v.length("currentPassword", current, 1, AccountRules.PASSWORD_MAX);
        AccountRules.password(v, "newPassword", next);
        ProblemException.throwIfInvalid(v);

        // Guessing log-ins must not stop the owner from changing the password on their own device.
        LoginThrottleHttp.Budget budget = failures.budget(ctx, me.username(), Optional.of(me));
        budget.check();
        String hash = db.read(conn -> members.passwordHash(conn, me.id())).orElse("");
        if (!hasher.verify(current, hash)) {
            budget.fail();
            throw ProblemException.field(403, "wrong_password", "Wrong password", "currentPassword",
                    "The current password is wrong");
        }
        String newHash = hasher.hash(next);
        var ended = db.transaction(conn -> {
            members.updatePasswordHash(conn, me.id(), newHash);
            return auth.endOtherSessions(ctx, conn, me.id());
        });
        auth.announceEnded(me.id(), ended);
        log.info("Member {} changed their password; other sessions ended", me.id());
        ctx.status(204);
    }

}
