package org.parley.clubs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parley.module.PersonalData;
import org.parley.storage.Database;

/**
 * Clubs' part of a member's data: their memberships, requests and follows in the export; on deletion,
 * those rows go, and what they did for others (a ban, an invitation, a link) stays without their name.
 * A club whose founder leaves Parley keeps a founder: its longest-standing admin, else leader, else member.
 */
final class ClubData implements PersonalData {

    /** One club the member is in, asked to join, or follows. */
    record Entry(String club, String slug, String name, String role, Instant since) {}

    @Override
    public String name() {
        return "clubs";
    }

    @Override
    public void export(Connection conn, long memberId, ExportWriter out) throws SQLException {
        out.json("clubs.json", java.util.Map.of(
                "memberships", entries(conn, "SELECT c.id, c.slug, c.name, m.role, m.joined_at AS at FROM club_members m"
                        + " JOIN clubs c ON c.id = m.club_id WHERE m.member_id = ? ORDER BY m.joined_at", memberId),
                "requests", entries(conn, "SELECT c.id, c.slug, c.name, NULL, r.created_at AS at FROM club_requests r"
                        + " JOIN clubs c ON c.id = r.club_id WHERE r.member_id = ? ORDER BY r.created_at", memberId),
                "follows", entries(conn, "SELECT c.id, c.slug, c.name, NULL, f.created_at AS at FROM club_follows f"
                        + " JOIN clubs c ON c.id = f.club_id WHERE f.member_id = ? ORDER BY f.created_at", memberId)));
    }

    private static List<Entry> entries(Connection conn, String sql, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                List<Entry> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Database.instant(rs, "at")));
                }
                return found;
            }
        }
    }

    @Override
    public void erase(Connection conn, long memberId) throws SQLException {
        for (String club : founded(conn, memberId)) {
            handOver(conn, club, memberId);
        }
        for (String table : List.of("club_members", "club_requests", "club_invitations", "club_bans", "club_follows")) {
            update(conn, "DELETE FROM " + table + " WHERE member_id = ?", memberId);
        }
        update(conn, "UPDATE club_invitations SET invited_by = NULL WHERE invited_by = ?", memberId);
        update(conn, "UPDATE club_bans SET banned_by = NULL WHERE banned_by = ?", memberId);
        update(conn, "UPDATE club_invite_links SET created_by = NULL WHERE created_by = ?", memberId);
        update(conn, "UPDATE club_events SET added_by = NULL WHERE added_by = ?", memberId);
    }

    private static List<String> founded(Connection conn, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT club_id FROM club_members WHERE member_id = ? AND role = 'founder'")) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    private static void handOver(Connection conn, String clubId, long leaving) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT member_id FROM club_members WHERE club_id = ? AND member_id <> ?"
                + " ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'leader' THEN 1 ELSE 2 END, joined_at, member_id LIMIT 1")) {
            st.setString(1, clubId);
            st.setLong(2, leaving);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    long next = rs.getLong(1);
                    try (PreparedStatement up = conn.prepareStatement(
                            "UPDATE club_members SET role = 'founder' WHERE club_id = ? AND member_id = ?")) {
                        up.setString(1, clubId);
                        up.setLong(2, next);
                        up.executeUpdate();
                    }
                }
            }
        }
    }

    private static void update(Connection conn, String sql, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setLong(1, memberId);
            st.executeUpdate();
        }
    }
}
