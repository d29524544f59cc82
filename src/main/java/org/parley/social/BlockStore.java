package org.parley.social;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.parley.storage.Database;

/** SQL for the {@code blocks} table. */
final class BlockStore {

    /** Blocks {@code blocked} for {@code blocker}; idempotent. Also ends follows both ways. */
    void block(Connection conn, long blocker, long blocked, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)")) {
            st.setLong(1, blocker);
            st.setLong(2, blocked);
            Database.setInstant(st, 3, now);
            st.executeUpdate();
        } catch (SQLException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
        }
        try (PreparedStatement st = conn.prepareStatement(
                "DELETE FROM follows WHERE (follower_id = ? AND followee_id = ?) OR (follower_id = ? AND followee_id = ?)")) {
            st.setLong(1, blocker);
            st.setLong(2, blocked);
            st.setLong(3, blocked);
            st.setLong(4, blocker);
            st.executeUpdate();
        }
    }

    void unblock(Connection conn, long blocker, long blocked) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?")) {
            st.setLong(1, blocker);
            st.setLong(2, blocked);
            st.executeUpdate();
        }
    }

    public boolean blocks(Connection conn, long blocker, long blocked) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?")) {
            st.setLong(1, blocker);
            st.setLong(2, blocked);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The members {@code blocker} blocked. */
    Set<Long> blockedBy(Connection conn, long blocker) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT blocked_id FROM blocks WHERE blocker_id = ?")) {
            st.setLong(1, blocker);
            try (ResultSet rs = st.executeQuery()) {
                Set<Long> ids = new HashSet<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                return ids;
            }
        }
    }

    /** Everyone in a block with {@code member}, whichever side blocked. */
    public Set<Long> eitherWay(Connection conn, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT blocked_id FROM blocks WHERE blocker_id = ? UNION SELECT blocker_id FROM blocks WHERE blocked_id = ?")) {
            st.setLong(1, member);
            st.setLong(2, member);
            try (ResultSet rs = st.executeQuery()) {
                Set<Long> ids = new HashSet<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                return ids;
            }
        }
    }
}
