package org.parley.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Organization accounts, their delegates and verification: the accounts feature's face for them,
 * used inside the caller's transaction like {@link Members}.
 *
 * <p>The model other features rely on: an organization is a {@link Member} with
 * {@link Member#organization()} set. It cannot sign in; a delegate's session acts as it
 * ({@link SessionHttp}), and then {@link SessionHttp#require} answers the organization, so every
 * feature acts as it with no code of its own, while {@link SessionHttp#operator} names the delegate
 * operating it. Owners are delegates who also manage the delegates.
 *
 * <p>Thread-safe: it holds no state.
 */
public final class Organizations {

    /** Longest verification label, in code points. */
    public static final int LABEL_MAX = 80;

    private final OrganizationStore store = new OrganizationStore();
    private final MemberStore members;

    Organizations(MemberStore members) {
        this.members = members;
    }

    /** A delegate of an organization, as its owners see them. */
    public record Delegate(MemberRef member, boolean owner, Instant addedAt) {}

    /** An organization a member may act as. */
    public record Delegation(long id, MemberRef organization, boolean owner) {}

    /** One thing a delegate did as the organization. */
    public record AuditEntry(long id, MemberRef operator, String action, int status, Instant at) {}

    /** A member whose display name looks like a verified account's. */
    public record ImpersonationFlag(MemberRef member, @JsonInclude(JsonInclude.Include.NON_NULL) MemberRef looksLike,
                                    Instant memberSince) {}

    /** Adds an organization whose first owner is {@code creator}; a taken username throws a unique violation. */
    public Member create(Connection conn, Member creator, String username, String displayName, String bio, Instant now)
            throws SQLException {
        Member org = members.insertOrganization(conn, username, displayName, bio, now);
        store.addDelegate(conn, org.id(), creator.id(), true, creator.id(), now);
        return org;
    }

    /** Empty when {@code member} is not a delegate of {@code organization}; else whether they own it. */
    public Optional<Boolean> role(Connection conn, long organization, long member) throws SQLException {
        return store.role(conn, organization, member);
    }

    public void addDelegate(Connection conn, long organization, long member, boolean owner, long addedBy, Instant now)
            throws SQLException {
        store.addDelegate(conn, organization, member, owner, addedBy, now);
    }

    /** Removes a delegate; their sessions stop acting as the organization at once. False when they were none. */
    public boolean removeDelegate(Connection conn, long organization, long member) throws SQLException {
        return store.removeDelegate(conn, organization, member);
    }

    public int ownerCount(Connection conn, long organization) throws SQLException {
        return store.ownerCount(conn, organization);
    }

    public List<Delegate> delegates(Connection conn, long organization) throws SQLException {
        return store.delegates(conn, organization);
    }

    public List<Delegation> organizationsOf(Connection conn, long member) throws SQLException {
        return store.organizationsOf(conn, member);
    }

    /** Records what a delegate did as the organization (the action is cut to 400 characters). */
    public void record(Connection conn, long organization, long operator, String action, int status, Instant now)
            throws SQLException {
        store.record(conn, organization, operator, action, status, now);
    }

    public List<AuditEntry> audit(Connection conn, long organization, Long before, int limit) throws SQLException {
        return store.audit(conn, organization, before, limit);
    }

    /** Verifies the member with a public label, or ({@code label} null) withdraws it; recorded in the admin audit. */
    public void setVerified(Connection conn, long admin, long member, String label, Instant now) throws SQLException {
        store.setVerified(conn, member, label);
        store.adminAudit(conn, admin, member, label == null ? "unverify" : "verify", label, now);
    }

    public List<ImpersonationFlag> impersonationFlags(Connection conn, int limit) throws SQLException {
        return store.flags(conn, limit);
    }

    /** The administrator saw the flag on the member's current name: it is not shown again until the name changes. */
    public void dismissFlag(Connection conn, long admin, Member member, Instant now) throws SQLException {
        store.dismiss(conn, member.id(), member.displayName(), admin, now);
        store.adminAudit(conn, admin, member.id(), "dismiss_flag", member.displayName(), now);
    }

    /** Fills the look-alike key of members from before it was kept; run once at start. */
    public int fillSkeletons(Connection conn) throws SQLException {
        return store.fillSkeletons(conn);
    }

    void setActing(Connection conn, String sessionTokenHash, Long organization) throws SQLException {
        store.setActing(conn, sessionTokenHash, organization);
    }
}
