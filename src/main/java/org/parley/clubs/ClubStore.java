package org.parley.clubs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.kernel.SpokenLanguages;
import org.parley.storage.Database;

/** SQL for clubs, their members, requests, invitations, bans, followers and photos (db migration V15). */
final class ClubStore {

    private static final String COLUMNS = "id, slug, name, description, rules, topics, languages, join_policy,"
            + " photo_version, created_at, updated_at";
    /** Leaders first: the founder, admins, leaders, then members, each by when they joined. */
    private static final String BY_RANK = "CASE role WHEN 'founder' THEN 0 WHEN 'admin' THEN 1 WHEN 'leader' THEN 2 ELSE 3 END";

    /** A member's place in a club's list. */
    record Membership(long memberId, ClubRole role, Instant joinedAt) {}

    /** A club and the caller's role in it. */
    record Joined(Club club, ClubRole role) {}

    /** Someone waiting: a request to join, or a ban, with when. */
    record Waiting(long memberId, Instant at) {}

    void insert(Connection conn, Club c) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO clubs (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, c.id());
            st.setString(2, c.slug());
            bindFields(st, 3, c);
            st.setString(9, c.photoVersion());
            Database.setInstant(st, 10, c.createdAt());
            Database.setInstant(st, 11, c.updatedAt());
            st.executeUpdate();
        }
    }

    void update(Connection conn, Club c) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE clubs SET name = ?, description = ?, rules = ?, topics = ?,"
                + " languages = ?, join_policy = ?, updated_at = ? WHERE id = ?")) {
            bindFields(st, 1, c);
            Database.setInstant(st, 7, c.updatedAt());
            st.setString(8, c.id());
            st.executeUpdate();
        }
    }

    private static void bindFields(PreparedStatement st, int i, Club c) throws SQLException {
        st.setString(i, c.name());
        st.setString(i + 1, c.description());
        st.setString(i + 2, c.rules());
        st.setString(i + 3, c.topics().isEmpty() ? null : String.join(",", c.topics()));
        st.setString(i + 4, SpokenLanguages.join(c.languages()));
        st.setString(i + 5, c.policy().name());
    }

    Optional<Club> byId(Connection conn, String id) throws SQLException {
        return one(conn, "SELECT " + COLUMNS + " FROM clubs WHERE id = ?", id);
    }

    Optional<Club> bySlug(Connection conn, String slug) throws SQLException {
        return one(conn, "SELECT " + COLUMNS + " FROM clubs WHERE slug = ?", slug);
    }

    private Optional<Club> one(Connection conn, String sql, String value) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, value);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(club(rs)) : Optional.empty();
            }
        }
    }

    private static Club club(ResultSet rs) throws SQLException {
        String topics = rs.getString("topics");
        return new Club(rs.getString("id"), rs.getString("slug"), rs.getString("name"), rs.getString("description"),
                rs.getString("rules"), topics == null || topics.isEmpty() ? List.of() : List.of(topics.split(",")),
                SpokenLanguages.parse(rs.getString("languages")), JoinPolicy.valueOf(rs.getString("join_policy")),
                rs.getString("photo_version"), Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"));
    }

    /** Where {@code member} stands in the club, in one query. */
    ClubRules.Standing standing(Connection conn, String clubId, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT"
                + " (SELECT role FROM club_members WHERE club_id = ? AND member_id = ?),"
                + " (SELECT COUNT(*) FROM club_bans WHERE club_id = ? AND member_id = ?),"
                + " (SELECT COUNT(*) FROM club_requests WHERE club_id = ? AND member_id = ?),"
                + " (SELECT COUNT(*) FROM club_invitations WHERE club_id = ? AND member_id = ?)")) {
            for (int i = 0; i < 4; i++) {
                st.setString(2 * i + 1, clubId);
                st.setLong(2 * i + 2, member);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                String role = rs.getString(1);
                return new ClubRules.Standing(role == null ? null : ClubRole.valueOf(role), rs.getLong(2) > 0,
                        rs.getLong(3) > 0, rs.getLong(4) > 0);
            }
        }
    }

    void addMember(Connection conn, String clubId, long member, ClubRole role, Instant now) throws SQLException {
        exec(conn, "DELETE FROM club_requests WHERE club_id = ? AND member_id = ?", clubId, member);
        exec(conn, "DELETE FROM club_invitations WHERE club_id = ? AND member_id = ?", clubId, member);
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO club_members (club_id, member_id, role, joined_at) VALUES (?, ?, ?, ?)")) {
            st.setString(1, clubId);
            st.setLong(2, member);
            st.setString(3, role.name());
            Database.setInstant(st, 4, now);
            st.executeUpdate();
        }
    }

    void setRole(Connection conn, String clubId, long member, ClubRole role) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE club_members SET role = ? WHERE club_id = ? AND member_id = ?")) {
            st.setString(1, role.name());
            st.setString(2, clubId);
            st.setLong(3, member);
            st.executeUpdate();
        }
    }

    void removeMember(Connection conn, String clubId, long member) throws SQLException {
        exec(conn, "DELETE FROM club_members WHERE club_id = ? AND member_id = ?", clubId, member);
    }

    long memberCount(Connection conn, String clubId) throws SQLException {
        return count(conn, "SELECT COUNT(*) FROM club_members WHERE club_id = ?", clubId);
    }

    /** One page of the club's members, leaders first. */
    List<Membership> members(Connection conn, String clubId, int limit, int offset) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT member_id, role, joined_at FROM club_members"
                + " WHERE club_id = ? ORDER BY " + BY_RANK + ", joined_at, member_id LIMIT ? OFFSET ?")) {
            st.setString(1, clubId);
            st.setInt(2, limit);
            st.setInt(3, offset);
            try (ResultSet rs = st.executeQuery()) {
                List<Membership> page = new ArrayList<>();
                while (rs.next()) {
                    page.add(new Membership(rs.getLong(1), ClubRole.valueOf(rs.getString(2)), Database.instant(rs, "joined_at")));
                }
                return page;
            }
        }
    }

    /** The clubs {@code member} is in, the highest role first, then by name. */
    List<Joined> clubsOf(Connection conn, long member, int limit) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT c.id, c.slug, c.name, c.description, c.rules, c.topics,"
                + " c.languages, c.join_policy, c.photo_version, c.created_at, c.updated_at, m.role FROM club_members m"
                + " JOIN clubs c ON c.id = m.club_id WHERE m.member_id = ?"
                + " ORDER BY CASE m.role WHEN 'founder' THEN 0 WHEN 'admin' THEN 1 WHEN 'leader' THEN 2 ELSE 3 END, c.name, c.id"
                + " LIMIT ?")) {
            st.setLong(1, member);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                List<Joined> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Joined(club(rs), ClubRole.valueOf(rs.getString("role"))));
                }
                return found;
            }
        }
    }

    // ---- requests, invitations, bans ----

    void addRequest(Connection conn, String clubId, long member, Instant now) throws SQLException {
        if (!exists(conn, "SELECT COUNT(*) FROM club_requests WHERE club_id = ? AND member_id = ?", clubId, member)) {
            insertPair(conn, "INSERT INTO club_requests (club_id, member_id, created_at) VALUES (?, ?, ?)", clubId, member, now);
        }
    }

    /** False when there was no request. */
    boolean deleteRequest(Connection conn, String clubId, long member) throws SQLException {
        return exec(conn, "DELETE FROM club_requests WHERE club_id = ? AND member_id = ?", clubId, member) > 0;
    }

    List<Waiting> requests(Connection conn, String clubId, int limit) throws SQLException {
        return waiting(conn, "SELECT member_id, created_at FROM club_requests WHERE club_id = ? ORDER BY created_at, member_id LIMIT ?",
                clubId, limit);
    }

    void invite(Connection conn, String clubId, long member, long by, Instant now) throws SQLException {
        if (!exists(conn, "SELECT COUNT(*) FROM club_invitations WHERE club_id = ? AND member_id = ?", clubId, member)) {
            try (PreparedStatement st = conn.prepareStatement(
                    "INSERT INTO club_invitations (club_id, member_id, invited_by, created_at) VALUES (?, ?, ?, ?)")) {
                st.setString(1, clubId);
                st.setLong(2, member);
                st.setLong(3, by);
                Database.setInstant(st, 4, now);
                st.executeUpdate();
            }
        }
    }

    /** Bans {@code member}: out of the club, with no request or invitation left. */
    void ban(Connection conn, String clubId, long member, long by, Instant now) throws SQLException {
        removeMember(conn, clubId, member);
        deleteRequest(conn, clubId, member);
        exec(conn, "DELETE FROM club_invitations WHERE club_id = ? AND member_id = ?", clubId, member);
        exec(conn, "DELETE FROM club_follows WHERE club_id = ? AND member_id = ?", clubId, member);
        if (!exists(conn, "SELECT COUNT(*) FROM club_bans WHERE club_id = ? AND member_id = ?", clubId, member)) {
            try (PreparedStatement st = conn.prepareStatement(
                    "INSERT INTO club_bans (club_id, member_id, banned_by, created_at) VALUES (?, ?, ?, ?)")) {
                st.setString(1, clubId);
                st.setLong(2, member);
                st.setLong(3, by);
                Database.setInstant(st, 4, now);
                st.executeUpdate();
            }
        }
    }

    void unban(Connection conn, String clubId, long member) throws SQLException {
        exec(conn, "DELETE FROM club_bans WHERE club_id = ? AND member_id = ?", clubId, member);
    }

    List<Waiting> bans(Connection conn, String clubId, int limit) throws SQLException {
        return waiting(conn, "SELECT member_id, created_at FROM club_bans WHERE club_id = ? ORDER BY created_at, member_id LIMIT ?",
                clubId, limit);
    }

    // ---- followers ----

    void follow(Connection conn, String clubId, long member, Instant now) throws SQLException {
        if (!following(conn, clubId, member)) {
            insertPair(conn, "INSERT INTO club_follows (club_id, member_id, created_at) VALUES (?, ?, ?)", clubId, member, now);
        }
    }

    void unfollow(Connection conn, String clubId, long member) throws SQLException {
        exec(conn, "DELETE FROM club_follows WHERE club_id = ? AND member_id = ?", clubId, member);
    }

    boolean following(Connection conn, String clubId, long member) throws SQLException {
        return exists(conn, "SELECT COUNT(*) FROM club_follows WHERE club_id = ? AND member_id = ?", clubId, member);
    }

    long followerCount(Connection conn, String clubId) throws SQLException {
        return count(conn, "SELECT COUNT(*) FROM club_follows WHERE club_id = ?", clubId);
    }

    Set<String> followedBy(Connection conn, long member) throws SQLException {
        return ids(conn, "SELECT club_id FROM club_follows WHERE member_id = ?", member);
    }

    Set<String> memberOf(Connection conn, long member) throws SQLException {
        return ids(conn, "SELECT club_id FROM club_members WHERE member_id = ?", member);
    }

    // ---- photos ----

    void replacePhoto(Connection conn, String clubId, String version, Map<Integer, byte[]> images, Instant now) throws SQLException {
        exec(conn, "DELETE FROM club_photos WHERE club_id = ?", clubId, null);
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO club_photos (club_id, pixels, version, image) VALUES (?, ?, ?, ?)")) {
            for (var image : images.entrySet()) {
                st.setString(1, clubId);
                st.setInt(2, image.getKey());
                st.setString(3, version);
                st.setBytes(4, image.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
        try (PreparedStatement st = conn.prepareStatement("UPDATE clubs SET photo_version = ?, updated_at = ? WHERE id = ?")) {
            st.setString(1, version);
            Database.setInstant(st, 2, now);
            st.setString(3, clubId);
            st.executeUpdate();
        }
    }

    Optional<byte[]> photo(Connection conn, String clubId, String version, int pixels) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT image FROM club_photos WHERE club_id = ? AND pixels = ? AND version = ?")) {
            st.setString(1, clubId);
            st.setInt(2, pixels);
            st.setString(3, version);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    // ---- events ----

    /** Puts a scheduled event into the club (once). */
    void addEvent(Connection conn, String clubId, String eventId, long by, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT COUNT(*) FROM club_events WHERE club_id = ? AND event_id = ?")) {
            st.setString(1, clubId);
            st.setString(2, eventId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
        }
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO club_events (club_id, event_id, added_by, created_at) VALUES (?, ?, ?, ?)")) {
            st.setString(1, clubId);
            st.setString(2, eventId);
            st.setLong(3, by);
            Database.setInstant(st, 4, now);
            st.executeUpdate();
        }
    }

    /** The club's events, newest added first (the schedule says which are still upcoming). */
    List<String> events(Connection conn, String clubId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT event_id FROM club_events WHERE club_id = ? ORDER BY created_at DESC LIMIT 200")) {
            st.setString(1, clubId);
            try (ResultSet rs = st.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    // ---- invitation links ----

    void addInviteLink(Connection conn, String code, String clubId, long by, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO club_invite_links (invite_code, club_id, created_by, created_at) VALUES (?, ?, ?, ?)")) {
            st.setString(1, code);
            st.setString(2, clubId);
            st.setLong(3, by);
            Database.setInstant(st, 4, now);
            st.executeUpdate();
        }
    }

    Optional<String> clubOfLink(Connection conn, String code) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT club_id FROM club_invite_links WHERE invite_code = ?")) {
            st.setString(1, code);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    // ---- helpers ----

    private static List<Waiting> waiting(Connection conn, String sql, String clubId, int limit) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, clubId);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                List<Waiting> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Waiting(rs.getLong(1), Database.instant(rs, "created_at")));
                }
                return found;
            }
        }
    }

    private static Set<String> ids(Connection conn, String sql, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setLong(1, member);
            try (ResultSet rs = st.executeQuery()) {
                Set<String> ids = new HashSet<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    private static void insertPair(Connection conn, String sql, String clubId, long member, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, clubId);
            st.setLong(2, member);
            Database.setInstant(st, 3, now);
            st.executeUpdate();
        }
    }

    private static boolean exists(Connection conn, String sql, String clubId, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, clubId);
            st.setLong(2, member);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static long count(Connection conn, String sql, String clubId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, clubId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs an update with the club id and, when not null, a member id; returns the rows changed. */
    private static int exec(Connection conn, String sql, String clubId, Long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, clubId);
            if (member != null) {
                st.setLong(2, member);
            }
            return st.executeUpdate();
        }
    }
}
