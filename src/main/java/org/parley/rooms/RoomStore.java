package org.parley.rooms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.accounts.Member;
import org.parley.kernel.SpokenLanguages;
import org.parley.storage.Database;

/**
 * Writes a room's accepted events through to the database and loads live rooms on start. Called on
 * the room's executor only, inside one transaction per batch of events.
 */
final class RoomStore {

    void insertRoom(Connection conn, RoomState s) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO rooms (id, title, description, type, creator_id, hand_raising, version, created_at, language,"
                        + " club_id, club_slug, club_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, s.id);
            st.setString(2, s.title);
            st.setString(3, s.description);
            st.setString(4, s.type.name());
            st.setLong(5, s.creatorId);
            st.setBoolean(6, s.handRaisingEnabled);
            st.setLong(7, s.version);
            Database.setInstant(st, 8, s.createdAt);
            st.setString(9, s.language);
            st.setString(10, s.club == null ? null : s.club.id());
            st.setString(11, s.club == null ? null : s.club.slug());
            st.setString(12, s.club == null ? null : s.club.name());
            st.executeUpdate();
        }
        for (long host : s.hosts) {
            exec(conn, "INSERT INTO room_hosts (room_id, member_id) VALUES (?, ?)", s.id, host);
        }
    }

    /**
     * Persists {@code events}, not yet applied to {@code before}, as one batch at {@code version}.
     * Written before the state changes, so a failed write refuses the command instead of leaving the
     * memory and the database apart.
     */
    void write(Connection conn, RoomState before, List<RoomEvent> events, long version, Instant now) throws SQLException {
        String roomId = before.id;
        Map<Long, Participant> touched = new HashMap<>();
        for (RoomEvent event : events) {
            switch (event) {
                case RoomEvent.ParticipantJoined e -> {
                    touched.put(e.participant().memberId(), e.participant());
                    upsertParticipant(conn, roomId, e.participant());
                }
                case RoomEvent.ParticipantLeft e -> {
                    touched.remove(e.memberId());
                    deleteParticipant(conn, roomId, e.memberId());
                    if ("removed".equals(e.reason())) {
                        exec(conn, "INSERT INTO room_removed (room_id, member_id) VALUES (?, ?)", roomId, e.memberId());
                    }
                }
                case RoomEvent.RoleChanged e -> evolve(conn, before, touched, e.memberId(), e);
                case RoomEvent.MuteChanged e -> evolve(conn, before, touched, e.memberId(), e);
                case RoomEvent.HandChanged e -> evolve(conn, before, touched, e.memberId(), e);
                case RoomEvent.SpeakInvitation e -> evolve(conn, before, touched, e.memberId(), e);
                case RoomEvent.PresenceChanged e -> { } // not persisted: after a restart everyone starts away
                case RoomEvent.SettingsChanged e -> {
                    try (PreparedStatement st = conn.prepareStatement("UPDATE rooms SET title = ?, hand_raising = ? WHERE id = ?")) {
                        st.setString(1, e.title());
                        st.setBoolean(2, e.handRaisingEnabled());
                        st.setString(3, roomId);
                        st.executeUpdate();
                    }
                    if (!e.handRaisingEnabled()) {
                        try (PreparedStatement st = conn.prepareStatement("UPDATE room_participants SET hand_order = 0 WHERE room_id = ?")) {
                            st.setString(1, roomId);
                            st.executeUpdate();
                        }
                        touched.replaceAll((id, p) -> p.withHand(0));
                    }
                }
                case RoomEvent.DescriptionChanged e -> {
                    try (PreparedStatement st = conn.prepareStatement("UPDATE rooms SET description = ? WHERE id = ?")) {
                        st.setString(1, e.description());
                        st.setString(2, roomId);
                        st.executeUpdate();
                    }
                }
                case RoomEvent.InterpretationChanged e -> {
                    try (PreparedStatement st = conn.prepareStatement("UPDATE rooms SET interpretation = ? WHERE id = ?")) {
                        st.setString(1, SpokenLanguages.join(e.languages()));
                        st.setString(2, roomId);
                        st.executeUpdate();
                    }
                }
                case RoomEvent.InterpreterChanged e -> evolve(conn, before, touched, e.memberId(), e);
                case RoomEvent.AllowedChanged e -> {
                    try (PreparedStatement st = conn.prepareStatement("DELETE FROM room_allowed WHERE room_id = ?")) {
                        st.setString(1, roomId);
                        st.executeUpdate();
                    }
                    for (long member : e.allowed()) {
                        exec(conn, "INSERT INTO room_allowed (room_id, member_id) VALUES (?, ?)", roomId, member);
                    }
                }
                case RoomEvent.RoomEnded e -> {
                    try (PreparedStatement st = conn.prepareStatement("DELETE FROM room_participants WHERE room_id = ?")) {
                        st.setString(1, roomId);
                        st.executeUpdate();
                    }
                    try (PreparedStatement st = conn.prepareStatement("UPDATE rooms SET ended_at = ? WHERE id = ?")) {
                        Database.setInstant(st, 1, now);
                        st.setString(2, roomId);
                        st.executeUpdate();
                    }
                }
                case RoomEvent.AudienceChanged e -> { } // derived for clients, never decided
            }
        }
        try (PreparedStatement st = conn.prepareStatement("UPDATE rooms SET version = ? WHERE id = ?")) {
            st.setLong(1, version);
            st.setString(2, roomId);
            st.executeUpdate();
        }
    }

    /** Live rooms with their participants (all away until they reconnect). */
    List<RoomState> loadLive(Connection conn) throws SQLException {
        List<RoomState> rooms = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT id, title, description, type, creator_id, hand_raising, version, created_at, language, interpretation,"
                        + " club_id, club_slug, club_name FROM rooms"
                        + " WHERE ended_at IS NULL");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                var s = new RoomState(rs.getString("id"), rs.getString("title"), RoomType.valueOf(rs.getString("type")),
                        rs.getLong("creator_id"), Database.instant(rs, "created_at"));
                s.description = rs.getString("description");
                s.language = rs.getString("language");
                s.interpretation = SpokenLanguages.parse(rs.getString("interpretation"));
                s.handRaisingEnabled = rs.getBoolean("hand_raising");
                s.version = rs.getLong("version");
                if (rs.getString("club_id") != null) {
                    s.club = new ClubTag(rs.getString("club_id"), rs.getString("club_slug"), rs.getString("club_name"));
                }
                rooms.add(s);
            }
        }
        for (RoomState s : rooms) {
            try (PreparedStatement st = conn.prepareStatement(
                    "SELECT p.member_id, m.username, m.display_name, p.role, p.muted, p.hand_order, p.invited_to_speak, p.joined_at,"
                            + " m.avatar_version, p.interpreting, m.verified_label"
                            + " FROM room_participants p JOIN members m ON m.id = p.member_id WHERE p.room_id = ? ORDER BY p.joined_at")) {
                st.setString(1, s.id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        var p = new Participant(rs.getLong(1), rs.getString(2), rs.getString(3),
                                Member.avatarUrl(rs.getLong(1), rs.getString(9)), Role.valueOf(rs.getString(4)),
                                rs.getBoolean(5), rs.getLong(6), rs.getBoolean(7), true, Database.instant(rs, "joined_at"),
                                rs.getString(10), rs.getString(11));
                        s.participants.put(p.memberId(), p);
                        s.handCounter = Math.max(s.handCounter, p.handOrder());
                    }
                }
            }
            s.removed.addAll(ids(conn, "SELECT member_id FROM room_removed WHERE room_id = ?", s.id));
            s.allowed.addAll(ids(conn, "SELECT member_id FROM room_allowed WHERE room_id = ?", s.id));
            s.hosts.addAll(ids(conn, "SELECT member_id FROM room_hosts WHERE room_id = ?", s.id));
        }
        return rooms;
    }

    private void upsertParticipant(Connection conn, String roomId, Participant p) throws SQLException {
        deleteParticipant(conn, roomId, p.memberId());
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO room_participants (room_id, member_id, role, muted, hand_order, invited_to_speak, joined_at,"
                        + " interpreting) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, roomId);
            st.setLong(2, p.memberId());
            st.setString(3, p.role().name());
            st.setBoolean(4, p.muted());
            st.setLong(5, p.handOrder());
            st.setBoolean(6, p.invitedToSpeak());
            Database.setInstant(st, 7, p.joinedAt());
            st.setString(8, p.interpreting());
            st.executeUpdate();
        }
    }

    private void evolve(Connection conn, RoomState before, Map<Long, Participant> touched, long memberId,
                        RoomEvent event) throws SQLException {
        Participant p = touched.containsKey(memberId) ? touched.get(memberId) : before.participants.get(memberId);
        if (p != null) {
            Participant next = RoomState.evolve(p, event);
            touched.put(memberId, next);
            upsertParticipant(conn, before.id, next);
        }
    }

    private void deleteParticipant(Connection conn, String roomId, long memberId) throws SQLException {
        exec(conn, "DELETE FROM room_participants WHERE room_id = ? AND member_id = ?", roomId, memberId);
    }

    private static void exec(Connection conn, String sql, String roomId, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, roomId);
            st.setLong(2, memberId);
            st.executeUpdate();
        }
    }

    private static List<Long> ids(Connection conn, String sql, String roomId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, roomId);
            try (ResultSet rs = st.executeQuery()) {
                List<Long> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
                return out;
            }
        }
    }
}
