package org.parley.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.parley.accounts.AccountRules;
import org.parley.accounts.Member;
import org.parley.accounts.MemberRef;
import org.parley.accounts.Members;
import org.parley.accounts.MembersHttp;
import org.parley.accounts.Organizations;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * Organization accounts: {@code createOrganization}, {@code listMyOrganizations}, {@code listDelegates},
 * {@code addDelegate}, {@code removeDelegate}, {@code actAs}, {@code stopActing} and
 * {@code listOrganizationAudit}. Who may do what is decided here, for the signed-in person
 * ({@link SessionHttp#requirePerson}) whoever they act as: any member creates an organization and
 * becomes its owner; owners manage delegates; delegates act as it; owners read its audit trail.
 */
final class OrganizationsApi {

    /** Organizations one member may create per day: enough for a real one, not for a squatter. */
    static final int CREATES_PER_DAY = 5;
    /** Delegate changes and switches one member may make per hour. */
    static final int CHANGES_PER_HOUR = 120;
    static final int AUDIT_PAGE = 50;

    private final Database db;
    private final Members members;
    private final Organizations organizations;
    private final SessionHttp sessions;
    private final Clock clock;
    private final RateLimiter creates;
    private final RateLimiter changes;

    OrganizationsApi(Database db, Members members, SessionHttp sessions, Clock clock) {
        this.db = db;
        this.members = members;
        this.organizations = members.organizations();
        this.sessions = sessions;
        this.clock = clock;
        this.creates = new RateLimiter(CREATES_PER_DAY, 24 * 3600, clock);
        this.changes = new RateLimiter(CHANGES_PER_HOUR, 3600, clock);
    }

    /** An organization as its creator gets it back. */
    record OrganizationView(long id, String username, String displayName, String bio, Instant memberSince,
                            String verified) {}

    record DelegationList(List<Organizations.Delegation> items, String acting) {}

    record DelegateList(List<Organizations.Delegate> items) {}

    record AuditPage(List<Organizations.AuditEntry> items, Long nextBefore) {}

    void routes(RoutesConfig routes) {
        routes.post("/api/organizations", this::createOrganization);
        routes.get("/api/me/organizations", this::listMyOrganizations);
        routes.get("/api/organizations/{username}/delegates", this::listDelegates);
        routes.put("/api/organizations/{username}/delegates/{member}", this::addDelegate);
        routes.delete("/api/organizations/{username}/delegates/{member}", this::removeDelegate);
        routes.put("/api/session/acting", this::actAs);
        routes.delete("/api/session/acting", this::stopActing);
        routes.get("/api/organizations/{username}/audit", this::listOrganizationAudit);
    }

    void createOrganization(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("username", "displayName", "bio"), false);
        Validation v = body.validator();
        String username = body.string("username");
        AccountRules.username(v, "username", username);
        String displayName = AccountRules.displayName(v, "displayName", body.string("displayName"));
        String bio = body.has("bio") ? AccountRules.bio(v, "bio", body.string("bio")) : "";
        ProblemException.throwIfInvalid(v);
        creates.acquire("member:" + me.id());
        Member org = db.transaction(conn -> {
            try {
                return organizations.create(conn, me, username, displayName, bio == null ? "" : bio, clock.instant());
            } catch (SQLException e) {
                if (Database.isUniqueViolation(e)) {
                    throw ProblemException.field(409, "username_taken", "Username taken", "username",
                            "This username is already taken");
                }
                throw e;
            }
        });
        ctx.status(201).json(new OrganizationView(org.id(), org.username(), org.displayName(), org.bio(),
                org.createdAt(), org.verified()));
    }

    void listMyOrganizations(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        String acting = SessionHttp.operator(ctx).map(op -> SessionHttp.require(ctx).username()).orElse(null);
        ctx.json(new DelegationList(db.read(conn -> organizations.organizationsOf(conn, me.id())), acting));
    }

    void listDelegates(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        ctx.json(db.read(conn -> {
            Member org = organization(conn, ctx);
            if (organizations.role(conn, org.id(), me.id()).isEmpty() && !me.admin()) {
                throw notDelegate();
            }
            return new DelegateList(organizations.delegates(conn, org.id()));
        }));
    }

    void addDelegate(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("owner"), true);
        JsonNode ownerNode = body.node("owner");
        Validation v = body.validator();
        if (ownerNode != null && !ownerNode.isBoolean() && !ownerNode.isNull()) {
            v.add("owner", "invalid_type", "must be true or false");
        }
        ProblemException.throwIfInvalid(v);
        boolean owner = ownerNode != null && ownerNode.asBoolean(false);
        changes.acquire("member:" + me.id());
        db.transaction(conn -> {
            Member org = organization(conn, ctx);
            requireOwner(conn, org, me);
            Member delegate = MembersHttp.fromPath(conn, members, ctx.pathParam("member"));
            if (delegate.organization()) {
                throw new ProblemException(422, "not_a_person", "Not a person",
                        "Delegates are people; an organization cannot operate another");
            }
            var role = organizations.role(conn, org.id(), delegate.id());
            if (role.isPresent() && role.get() == owner) {
                return null; // idempotent
            }
            if (role.isPresent()) {
                if (!owner && organizations.ownerCount(conn, org.id()) <= 1) {
                    throw lastOwner();
                }
                organizations.removeDelegate(conn, org.id(), delegate.id());
            }
            organizations.addDelegate(conn, org.id(), delegate.id(), owner, me.id(), clock.instant());
            return null;
        });
        ctx.status(204);
    }

    /** Owners remove anyone; a delegate may step down. The last owner stays, or nobody could manage it. */
    void removeDelegate(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        JsonBody.requireNone(ctx);
        changes.acquire("member:" + me.id());
        db.transaction(conn -> {
            Member org = organization(conn, ctx);
            Member delegate = MembersHttp.fromPath(conn, members, ctx.pathParam("member"));
            if (delegate.id() != me.id()) {
                requireOwner(conn, org, me);
            } else if (organizations.role(conn, org.id(), me.id()).isEmpty()) {
                throw notDelegate();
            }
            var role = organizations.role(conn, org.id(), delegate.id());
            if (role.isPresent() && role.get() && organizations.ownerCount(conn, org.id()) <= 1) {
                throw lastOwner();
            }
            organizations.removeDelegate(conn, org.id(), delegate.id());
            return null;
        });
        ctx.status(204);
    }

    /** The session acts as the organization from the next request on (the client reloads). */
    void actAs(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("organization"), false);
        String username = body.string("organization");
        Validation v = body.validator();
        v.required("organization", username);
        ProblemException.throwIfInvalid(v);
        changes.acquire("member:" + me.id());
        MemberRef acting = db.transaction(conn -> {
            Member org = members.byPathName(conn, username).filter(Member::organization).orElseThrow(
                    () -> ProblemException.notFound("not_found", "There is no organization with that username"));
            if (organizations.role(conn, org.id(), me.id()).isEmpty()) {
                throw notDelegate();
            }
            sessions.act(ctx, conn, org.id());
            return org.ref();
        });
        ctx.json(acting);
    }

    void stopActing(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        JsonBody.requireNone(ctx);
        changes.acquire("member:" + me.id());
        db.transaction(conn -> {
            sessions.act(ctx, conn, null);
            return null;
        });
        ctx.status(204);
    }

    void listOrganizationAudit(Context ctx) {
        Member me = SessionHttp.requirePerson(ctx);
        Long before = beforeParam(ctx);
        ctx.json(db.read(conn -> {
            Member org = organization(conn, ctx);
            requireOwner(conn, org, me);
            List<Organizations.AuditEntry> items = organizations.audit(conn, org.id(), before, AUDIT_PAGE);
            Long next = items.size() < AUDIT_PAGE ? null : items.getLast().id();
            return new AuditPage(items, next);
        }));
    }

    private static Long beforeParam(Context ctx) {
        String before = ctx.queryParam("before");
        if (before == null) {
            return null;
        }
        if (!before.matches("[0-9]{1,18}")) {
            Validation v = new Validation();
            v.add("before", "invalid_value", "must be an entry id from the previous page");
            ProblemException.throwIfInvalid(v);
        }
        return Long.parseLong(before);
    }

    /** The organization the path names; a person's username is a 404 like an unknown one. */
    private Member organization(Connection conn, Context ctx) throws SQLException {
        return members.byPathName(conn, ctx.pathParam("username")).filter(Member::organization).orElseThrow(
                () -> ProblemException.notFound("not_found", "There is no organization with that username"));
    }

    private void requireOwner(Connection conn, Member org, Member me) throws SQLException {
        if (!organizations.role(conn, org.id(), me.id()).orElse(false)) {
            throw new ProblemException(403, "not_owner", "Owners only", "Only the organization's owners may do this");
        }
    }

    private static ProblemException notDelegate() {
        return new ProblemException(403, "not_delegate", "Delegates only",
                "Only the organization's delegates may do this");
    }

    private static ProblemException lastOwner() {
        return new ProblemException(409, "last_owner", "The last owner",
                "An organization keeps at least one owner; add another owner first");
    }
}
