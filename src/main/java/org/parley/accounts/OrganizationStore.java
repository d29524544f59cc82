package org.parley.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.storage.Database;

/**
 * SQL for organizations' delegates, the acting field of sessions, the organization audit trail,
 * verification and imitation flags. Methods take the caller's connection.
 */
final class OrganizationStore {

    void addDelegate(Connection conn, long organization, long member, boolean owner, long addedBy, Instant now)
            throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO delegates (organization_id, member_id, owner, added_by, added_at) VALUES (?, ?, ?, ?, ?)")) {
            st.setLong(1, organization);
            st.setLong(2, member);
            st.setBoolean(3, owner);
            st.setLong(4, addedBy);
            Database.setInstant(st, 5, now);
            st.executeUpdate();
        }
    }

    /** Removes the delegation and stops every session of the member from acting as the organization. */
    boolean removeDelegate(Connection conn, long organization, long member) throws SQLException {
        int removed;
        try (PreparedStatement st = conn.prepareStatement(
                "DELETE FROM delegates WHERE organization_id = ? AND member_id = ?")) {
            st.setLong(1, organization);
            st.setLong(2, member);
            removed = st.executeUpdate();
        }
        try (PreparedStatement st = conn.prepareStatement(
                "UPDATE sessions SET acting_as = NULL WHERE member_id = ? AND acting_as = ?")) {
            st.setLong(1, member);
            st.setLong(2, organization);
            st.executeUpdate();
        }
        return removed > 0;
    }

    /** The member's role for the organization: empty when not a delegate, else whether they own it. */
    Optional<Boolean> role(Connection conn, long organization, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT owner FROM delegates WHERE organization_id = ? AND member_id = ?")) {
            st.setLong(1, organization);
            st.setLong(2, member);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }

    int ownerCount(Connection conn, long organization) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT COUNT(*) FROM delegates WHERE organization_id = ? AND owner = ?")) {
            st.setLong(1, organization);
            st.setBoolean(2, true);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The organization's delegates, owners first, then by when they were added. */
    List<Organizations.Delegate> delegates(Connection conn, long organization) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT m.username, m.display_name, m.id, m.avatar_version, m.verified_label, d.owner, d.added_at"
                        + " FROM delegates d JOIN members m ON m.id = d.member_id WHERE d.organization_id = ?"
                        + " ORDER BY d.owner DESC, d.added_at, m.id")) {
            st.setLong(1, organization);
            try (ResultSet rs = st.executeQuery()) {
                List<Organizations.Delegate> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Organizations.Delegate(ref(rs, 1), rs.getBoolean(6), Database.instant(rs, "added_at")));
                }
                return out;
            }
        }
    }

    /** The organizations the member is a delegate of, by name. */
    List<Organizations.Delegation> organizationsOf(Connection conn, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT m.username, m.display_name, m.id, m.avatar_version, m.verified_label, d.owner"
                        + " FROM delegates d JOIN members m ON m.id = d.organization_id WHERE d.member_id = ?"
                        + " ORDER BY m.display_name, m.id")) {
            st.setLong(1, member);
            try (ResultSet rs = st.executeQuery()) {
                List<Organizations.Delegation> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Organizations.Delegation(rs.getLong(3), ref(rs, 1), rs.getBoolean(6)));
                }
                return out;
            }
        }
    }

    void setActing(Connection conn, String sessionTokenHash, Long organization) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE sessions SET acting_as = ? WHERE token_hash = ?")) {
            st.setObject(1, organization);
            st.setString(2, sessionTokenHash);
            st.executeUpdate();
        }
    }

    void record(Connection conn, long organization, long operator, String action, int status, Instant now)
            throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO organization_audit (organization_id, operator_id, action, status, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            st.setLong(1, organization);
            st.setLong(2, operator);
            st.setString(3, action.length() > 400 ? action.substring(0, 400) : action);
            st.setInt(4, status);
            Database.setInstant(st, 5, now);
            st.executeUpdate();
        }
    }

    /** The organization's audit trail, newest first, entries older than {@code before} (an id; null: from the newest). */
    List<Organizations.AuditEntry> audit(Connection conn, long organization, Long before, int limit) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT m.username, m.display_name, m.id, m.avatar_version, m.verified_label, a.id, a.action, a.status,"
                        + " a.created_at FROM organization_audit a JOIN members m ON m.id = a.operator_id"
                        + " WHERE a.organization_id = ? AND a.id < ? ORDER BY a.id DESC LIMIT ?")) {
            st.setLong(1, organization);
            st.setLong(2, before == null ? Long.MAX_VALUE : before);
            st.setInt(3, limit);
            try (ResultSet rs = st.executeQuery()) {
                List<Organizations.AuditEntry> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Organizations.AuditEntry(rs.getLong(6), ref(rs, 1), rs.getString(7), rs.getInt(8),
                            Database.instant(rs, "created_at")));
                }
                return out;
            }
        }
    }

    void setVerified(Connection conn, long member, String label) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE members SET verified_label = ? WHERE id = ?")) {
            st.setString(1, label);
            st.setLong(2, member);
            st.executeUpdate();
        }
    }

    void adminAudit(Connection conn, long admin, long subject, String action, String detail, Instant now)
            throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO admin_audit (admin_id, subject_id, action, detail, created_at) VALUES (?, ?, ?, ?, ?)")) {
            st.setLong(1, admin);
            st.setLong(2, subject);
            st.setString(3, action);
            st.setString(4, detail);
            Database.setInstant(st, 5, now);
            st.executeUpdate();
        }
    }

    /**
     * Members whose display name looks like a verified account's (equal {@code name_skeleton}) and who
     * are not verified themselves, unless an administrator dismissed that very name; newest first.
     */
    List<Organizations.ImpersonationFlag> flags(Connection conn, int limit) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT m.username, m.display_name, m.id, m.avatar_version, m.verified_label,"
                        + " v.username, v.display_name, v.id, v.avatar_version, v.verified_label, m.created_at"
                        + " FROM members m JOIN members v ON v.name_skeleton = m.name_skeleton AND v.id <> m.id"
                        + " WHERE v.verified_label IS NOT NULL AND m.verified_label IS NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM impersonation_dismissals d"
                        + " WHERE d.member_id = m.id AND d.display_name = m.display_name)"
                        + " ORDER BY m.id DESC, v.id LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                List<Organizations.ImpersonationFlag> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Organizations.ImpersonationFlag(ref(rs, 1), ref(rs, 6), Database.instant(rs, "created_at")));
                }
                return out;
            }
        }
    }

    void dismiss(Connection conn, long member, String displayName, long admin, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO impersonation_dismissals (member_id, display_name, dismissed_by, dismissed_at)"
                        + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM impersonation_dismissals"
                        + " WHERE member_id = ? AND display_name = ?)")) {
            st.setLong(1, member);
            st.setString(2, displayName);
            st.setLong(3, admin);
            Database.setInstant(st, 4, now);
            st.setLong(5, member);
            st.setString(6, displayName);
            st.executeUpdate();
        }
    }

    /** Fills {@code name_skeleton} for members from before it existed; returns how many. */
    int fillSkeletons(Connection conn) throws SQLException {
        List<long[]> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT id, display_name FROM members WHERE name_skeleton IS NULL");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(new long[] {rs.getLong(1)});
                names.add(rs.getString(2));
            }
        }
        int filled = 0;
        try (PreparedStatement st = conn.prepareStatement("UPDATE members SET name_skeleton = ? WHERE id = ?")) {
            for (int i = 0; i < ids.size(); i++) {
                String skeleton = MemberStore.skeleton(names.get(i));
                if (skeleton != null) {
                    st.setString(1, skeleton);
                    st.setLong(2, ids.get(i)[0]);
                    st.executeUpdate();
                    filled++;
                }
            }
        }
        return filled;
    }

    /** A {@link MemberRef} from five columns: username, display name, id, avatar version, verified label. */
    private static MemberRef ref(ResultSet rs, int first) throws SQLException {
        return new MemberRef(rs.getString(first), rs.getString(first + 1),
                Member.avatarUrl(rs.getLong(first + 2), rs.getString(first + 3)), rs.getString(first + 4));
    }
}
