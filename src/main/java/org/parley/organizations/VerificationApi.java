package org.parley.organizations;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.parley.accounts.AccountRules;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.accounts.MembersHttp;
import org.parley.accounts.Organizations;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.InvisibleText;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * Administrators' side of trust: {@code setVerified} / {@code unsetVerified} (a public label beside the
 * name everywhere, written to the admin audit), and the imitation flags ({@code listImpersonationFlags},
 * {@code dismissImpersonationFlag}): members whose display name looks like a verified account's
 * ({@code kernel.Confusables}). A look-alike name is accepted when set — refusing it would tell an
 * impostor which spelling to try next — and shown to administrators here.
 *
 * <p>The administrator is the identity the session acts as: an administrator acting as an organization
 * is not one (the organization is not), so verification is never done in an organization's name.
 */
final class VerificationApi {

    static final int FLAGS_SHOWN = 200;
    static final int CHANGES_PER_HOUR = 300;

    private final Database db;
    private final Members members;
    private final Organizations organizations;
    private final Clock clock;
    private final RateLimiter changes;

    VerificationApi(Database db, Members members, Clock clock) {
        this.db = db;
        this.members = members;
        this.organizations = members.organizations();
        this.clock = clock;
        this.changes = new RateLimiter(CHANGES_PER_HOUR, 3600, clock);
    }

    record Verification(String username, String verified) {}

    record FlagList(List<Organizations.ImpersonationFlag> items) {}

    void routes(RoutesConfig routes) {
        routes.put("/api/members/{username}/verified", this::setVerified);
        routes.delete("/api/members/{username}/verified", this::unsetVerified);
        routes.get("/api/admin/impersonation-flags", this::listImpersonationFlags);
        routes.delete("/api/admin/impersonation-flags/{username}", this::dismissImpersonationFlag);
    }

    void setVerified(Context ctx) {
        Member admin = requireAdmin(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("label"), false);
        Validation v = body.validator();
        String label = label(v, body.string("label"));
        ProblemException.throwIfInvalid(v);
        changes.acquire("member:" + admin.id());
        ctx.json(db.transaction(conn -> {
            Member m = MembersHttp.fromPath(conn, members, ctx.pathParam("username"));
            organizations.setVerified(conn, admin.id(), m.id(), label, clock.instant());
            return new Verification(m.username(), label);
        }));
    }

    void unsetVerified(Context ctx) {
        Member admin = requireAdmin(ctx);
        JsonBody.requireNone(ctx);
        changes.acquire("member:" + admin.id());
        db.transaction(conn -> {
            Member m = MembersHttp.fromPath(conn, members, ctx.pathParam("username"));
            if (m.verified() != null) {
                organizations.setVerified(conn, admin.id(), m.id(), null, clock.instant());
            }
            return null;
        });
        ctx.status(204);
    }

    void listImpersonationFlags(Context ctx) {
        requireAdmin(ctx);
        ctx.json(new FlagList(db.read(conn -> organizations.impersonationFlags(conn, FLAGS_SHOWN))));
    }

    void dismissImpersonationFlag(Context ctx) {
        Member admin = requireAdmin(ctx);
        JsonBody.requireNone(ctx);
        changes.acquire("member:" + admin.id());
        db.transaction(conn -> {
            Member m = MembersHttp.fromPath(conn, members, ctx.pathParam("username"));
            organizations.dismissFlag(conn, admin.id(), m, clock.instant());
            return null;
        });
        ctx.status(204);
    }

    /** The label as shown: trimmed, 1 to {@link Organizations#LABEL_MAX} printable characters. */
    static String label(Validation v, String value) {
        if (!v.required("label", value)) {
            return null;
        }
        String trimmed = value.strip();
        v.length("label", trimmed, 1, Organizations.LABEL_MAX).printable("label", trimmed, false);
        if (!InvisibleText.hasVisible(trimmed)) {
            v.add("label", "too_short", "must contain a visible character");
        }
        return trimmed;
    }

    private static Member requireAdmin(Context ctx) {
        Member me = SessionHttp.require(ctx);
        if (!me.admin()) {
            throw new ProblemException(403, "not_admin", "Administrators only", "Only administrators may do this");
        }
        return me;
    }
}
