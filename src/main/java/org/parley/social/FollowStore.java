package org.parley.social;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parley.accounts.Member;
import org.parley.storage.Database;

/** SQL for the {@code follows} table: who follows whom. */
final class FollowStore {

    /**
     * One row of a follower or following list, with whether the viewer follows that member.
     *
     * @param avatarUrl the member's photo, {@code null} for none ({@code accounts.Member#avatarUrl})
     */
    public record Listed(long id, String username, String displayName, String avatarUrl, boolean followedByMe) {}

    /** Adds the edge; a second follow is a no-op (returns false). */
    boolean follow(Connection conn, long follower, long followee, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)")) {
            st.setLong(1, follower);
            st.setLong(2, followee);
            Database.setInstant(st, 3, now);
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    boolean unfollow(Connection conn, long follower, long followee) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "DELETE FROM follows WHERE follower_id = ? AND followee_id = ?")) {
            st.setLong(1, follower);
            st.setLong(2, followee);
            return st.executeUpdate() == 1;
        }
    }

    public boolean follows(Connection conn, long follower, long followee) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT 1 FROM follows WHERE follower_id = ? AND followee_id = ?")) {
            st.setLong(1, follower);
            st.setLong(2, followee);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Ids of the members {@code member} follows. */
    public java.util.Set<Long> followingIds(Connection conn, long member) throws SQLException {
        return ids(conn, "SELECT followee_id FROM follows WHERE follower_id = ?", member);
    }

    /** Ids of the members who follow {@code member}. */
    public java.util.Set<Long> followerIds(Connection conn, long member) throws SQLException {
        return ids(conn, "SELECT follower_id FROM follows WHERE followee_id = ?", member);
    }

    /** Members followed by those {@code member} follows (two steps out), without them and {@code member}. */
    public java.util.Set<Long> secondDegreeIds(Connection conn, long member, int limit) throws SQLException {
        String sql = "SELECT DISTINCT f2.followee_id FROM follows f1 JOIN follows f2 ON f2.follower_id = f1.followee_id"
                + " WHERE f1.follower_id = ? LIMIT " + limit;
        java.util.Set<Long> out = ids(conn, sql, member);
        out.removeAll(followingIds(conn, member));
        out.remove(member);
        return out;
    }

    private static java.util.Set<Long> ids(Connection conn, String sql, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setLong(1, member);
            try (ResultSet rs = st.executeQuery()) {
                java.util.Set<Long> out = new java.util.HashSet<>();
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
                return out;
            }
        }
    }

    public long followerCount(Connection conn, long member) throws SQLException {
        return count(conn, "SELECT COUNT(*) FROM follows WHERE followee_id = ?", member);
    }

    public long followingCount(Connection conn, long member) throws SQLException {
        return count(conn, "SELECT COUNT(*) FROM follows WHERE follower_id = ?", member);
    }

    /** Members following {@code member}, newest first. */
    List<Listed> followers(Connection conn, long member, long viewer, int limit, int offset) throws SQLException {
        return list(conn, "f.followee_id", "f.follower_id", member, viewer, limit, offset);
    }

    /** Members {@code member} follows, newest first. */
    List<Listed> following(Connection conn, long member, long viewer, int limit, int offset) throws SQLException {
        return list(conn, "f.follower_id", "f.followee_id", member, viewer, limit, offset);
    }

    private List<Listed> list(Connection conn, String anchor, String other, long member, long viewer,
                              int limit, int offset) throws SQLException {
        // anchor/other are fixed column names from this class, never input.
        String sql = "SELECT m.id, m.username, m.display_name, m.avatar_version,"
                + " EXISTS (SELECT 1 FROM follows v WHERE v.follower_id = ? AND v.followee_id = m.id) AS followed"
                + " FROM follows f JOIN members m ON m.id = " + other
                + " WHERE " + anchor + " = ? ORDER BY f.created_at DESC, m.id DESC LIMIT ? OFFSET ?";
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setLong(1, viewer);
            st.setLong(2, member);
            st.setInt(3, limit);
            st.setInt(4, offset);
            try (ResultSet rs = st.executeQuery()) {
                List<Listed> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Listed(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Member.avatarUrl(rs.getLong(1), rs.getString(4)), rs.getBoolean(5)));
                }
                return out;
            }
        }
    }

    private static long count(Connection conn, String sql, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setLong(1, member);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
