package org.parley.notifications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parley.storage.Database;

/** SQL for the {@code notifications} table. Methods take the caller's connection. */
final class NotificationStore {

    /** One stored notification, with the ids it refers to. */
    record Row(long id, Kind kind, Long actorId, String roomId, String roomTitle, Subject event, Instant createdAt,
               boolean read, Subject proposal) {

        Row(long id, Kind kind, Long actorId, String roomId, String roomTitle, Subject event, Instant createdAt,
            boolean read) {
            this(id, kind, actorId, roomId, roomTitle, event, createdAt, read, null);
        }
    }

    /** A scheduled event or a proposal a notification is about (its id and title or topic); null when it is about none. */
    record Subject(String id, String title) {}

    long insert(Connection conn, long memberId, Kind kind, Long actorId, String roomId, String roomTitle, Subject event,
                Instant now) throws SQLException {
        return insert(conn, memberId, kind, actorId, roomId, roomTitle, event, null, now);
    }

    /** Adds one; returns its id. */
    long insert(Connection conn, long memberId, Kind kind, Long actorId, String roomId, String roomTitle, Subject event,
                Subject proposal, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO notifications"
                + " (member_id, kind, actor_id, room_id, room_title, event_id, event_title, created_at, proposal_id,"
                + " proposal_topic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            st.setLong(1, memberId);
            st.setString(2, kind.name());
            st.setObject(3, actorId);
            st.setString(4, roomId);
            st.setString(5, roomTitle);
            st.setString(6, event == null ? null : event.id());
            st.setString(7, event == null ? null : event.title());
            Database.setInstant(st, 8, now);
            st.setString(9, proposal == null ? null : proposal.id());
            st.setString(10, proposal == null ? null : proposal.title());
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The member's notifications, newest first, older than {@code beforeId} (all when null). */
    List<Row> page(Connection conn, long memberId, Long beforeId, int limit) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT id, kind, actor_id, room_id, room_title, event_id,"
                + " event_title, created_at, read_at, proposal_id, proposal_topic FROM notifications WHERE member_id = ? AND id < ? ORDER BY id DESC LIMIT ?")) {
            st.setLong(1, memberId);
            st.setLong(2, beforeId == null ? Long.MAX_VALUE : beforeId);
            st.setInt(3, limit);
            try (ResultSet rs = st.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    long actor = rs.getLong("actor_id");
                    Long actorId = rs.wasNull() ? null : actor;
                    String eventId = rs.getString("event_id");
                    Subject event = eventId == null ? null : new Subject(eventId, rs.getString("event_title"));
                    String proposalId = rs.getString("proposal_id");
                    Subject proposal = proposalId == null ? null : new Subject(proposalId, rs.getString("proposal_topic"));
                    rows.add(new Row(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), actorId, rs.getString("room_id"),
                            rs.getString("room_title"), event, Database.instant(rs, "created_at"),
                            rs.getObject("read_at") != null, proposal));
                }
                return rows;
            }
        }
    }

    long unread(Connection conn, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT COUNT(*) FROM notifications WHERE member_id = ? AND read_at IS NULL")) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Deletes notifications created before {@code cutoff}, read or not; returns how many. */
    int deleteOlderThan(Connection conn, Instant cutoff) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM notifications WHERE created_at < ?")) {
            Database.setInstant(st, 1, cutoff);
            return st.executeUpdate();
        }
    }

    /** Marks the member's unread notifications up to {@code upToId} (all when null) read. */
    int markRead(Connection conn, long memberId, Long upToId, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "UPDATE notifications SET read_at = ? WHERE member_id = ? AND read_at IS NULL AND id <= ?")) {
            Database.setInstant(st, 1, now);
            st.setLong(2, memberId);
            st.setLong(3, upToId == null ? Long.MAX_VALUE : upToId);
            return st.executeUpdate();
        }
    }
}
