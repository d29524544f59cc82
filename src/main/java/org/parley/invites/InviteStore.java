package org.parley.invites;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.storage.Database;
import org.parley.storage.Dialect;

/** SQL for the {@code invites} table. */
final class InviteStore {

    private static final String COLUMNS =
            "id, code, inviter_id, grants_admin, created_at, expires_at, revoked_at, used_at, used_by";

    Invite insert(Connection conn, String code, Long inviterId, boolean grantsAdmin, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO invites (code, inviter_id, grants_admin, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            st.setString(1, code);
            st.setObject(2, inviterId);
            st.setBoolean(3, grantsAdmin);
            Database.setInstant(st, 4, now);
            Database.setInstant(st, 5, expiresAt);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return new Invite(keys.getLong(1), code, inviterId, grantsAdmin, now, expiresAt, null, null, null);
            }
        }
    }

    Optional<Invite> byCode(Connection conn, String code) throws SQLException {
        return one(conn, "SELECT " + COLUMNS + " FROM invites WHERE code = ?", code);
    }

    Optional<String> codeUsedBy(Connection conn, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT code FROM invites WHERE used_by = ?")) {
            st.setLong(1, memberId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Reads and row-locks an invitation so that only one sign-up can use it. */
    Optional<Invite> byCodeForUpdate(Connection conn, String code) throws SQLException {
        return one(conn, "SELECT " + COLUMNS + " FROM invites WHERE code = ?" + Dialect.of(conn).rowLock(), code);
    }

    /** Newest first. */
    List<Invite> byInviter(Connection conn, long inviterId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT " + COLUMNS + " FROM invites WHERE inviter_id = ? ORDER BY created_at DESC, id DESC")) {
            st.setLong(1, inviterId);
            try (ResultSet rs = st.executeQuery()) {
                List<Invite> list = new ArrayList<>();
                while (rs.next()) {
                    list.add(read(rs));
                }
                return list;
            }
        }
    }

    /** Invitations that count against a quota: used ones, and pending ones not yet expired. */
    int countHeld(Connection conn, long inviterId, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT COUNT(*) FROM invites WHERE inviter_id = ? AND revoked_at IS NULL"
                        + " AND (used_at IS NOT NULL OR expires_at > ?)")) {
            st.setLong(1, inviterId);
            Database.setInstant(st, 2, now);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Marks a pending invitation used; false if it was not pending any more. */
    boolean markUsed(Connection conn, long id, long memberId, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "UPDATE invites SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL"
                        + " AND expires_at > ?")) {
            Database.setInstant(st, 1, now);
            st.setLong(2, memberId);
            st.setLong(3, id);
            Database.setInstant(st, 4, now);
            return st.executeUpdate() == 1;
        }
    }

    /** Revokes a pending invitation of {@code inviterId}; false if there was none to revoke. */
    boolean revoke(Connection conn, String code, long inviterId, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "UPDATE invites SET revoked_at = ? WHERE code = ? AND inviter_id = ? AND used_at IS NULL"
                        + " AND revoked_at IS NULL AND expires_at > ?")) {
            Database.setInstant(st, 1, now);
            st.setString(2, code);
            st.setLong(3, inviterId);
            Database.setInstant(st, 4, now);
            return st.executeUpdate() == 1;
        }
    }

    /** A pending operator invitation that grants admin, if one exists (reused on first start). */
    Optional<Invite> pendingOperatorInvite(Connection conn, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT " + COLUMNS + " FROM invites WHERE inviter_id IS NULL AND grants_admin = TRUE"
                        + " AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id DESC")) {
            Database.setInstant(st, 1, now);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private Optional<Invite> one(Connection conn, String sql, String code) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, code);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Invite read(ResultSet rs) throws SQLException {
        return new Invite(rs.getLong("id"), rs.getString("code"), nullableLong(rs, "inviter_id"),
                rs.getBoolean("grants_admin"), Database.instant(rs, "created_at"), Database.instant(rs, "expires_at"),
                Database.instant(rs, "revoked_at"), Database.instant(rs, "used_at"), nullableLong(rs, "used_by"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
