package org.parley.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.parley.rooms.RoomType;
import org.parley.storage.Database;

/** SQL for scheduled events, their hosts and RSVPs (db migration V10). Methods take the caller's connection. */
final class EventStore {

    /** Most events one look-up returns (the upcoming list, a calendar feed). */
    static final int MOST = 200;
    /** Ids bound in one {@code IN (…)} list: under every driver's limit on parameters. */
    private static final int IN_CHUNK = 500;
    private static final String COLUMNS = "e.id, e.creator_id, e.title, e.description, e.starts_at, e.length_minutes,"
            + " e.language, e.type, e.status, e.room_id, e.sequence, e.created_at, e.updated_at";

    /** A host of an event: the creator (accepted from the start) or a co-host, pending until they accept. */
    record Host(long memberId, boolean accepted) {}

    void insert(Connection conn, ScheduledEvent e, Instant remindAt) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO scheduled_events (id, creator_id, title, description,"
                + " starts_at, length_minutes, language, type, status, room_id, sequence, remind_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, e.id());
            st.setLong(2, e.creatorId());
            st.setString(3, e.title());
            st.setString(4, e.description());
            Database.setInstant(st, 5, e.startsAt());
            st.setInt(6, e.lengthMinutes());
            st.setString(7, e.language());
            st.setString(8, e.type().name());
            st.setString(9, e.status().name());
            st.setString(10, e.roomId());
            st.setInt(11, e.sequence());
            Database.setInstant(st, 12, remindAt);
            Database.setInstant(st, 13, e.createdAt());
            Database.setInstant(st, 14, e.updatedAt());
            st.executeUpdate();
        }
    }

    /**
     * Writes an edit (the caller bumped the sequence). A new start moves the reminder and makes it
     * due again: {@code remindAt} non-null clears {@code reminded_at}.
     */
    void update(Connection conn, ScheduledEvent e, Instant remindAt) throws SQLException {
        String reminder = remindAt == null ? "" : ", remind_at = ?, reminded_at = NULL";
        try (PreparedStatement st = conn.prepareStatement("UPDATE scheduled_events SET title = ?, description = ?,"
                + " starts_at = ?, length_minutes = ?, language = ?, type = ?, sequence = ?, updated_at = ?" + reminder
                + " WHERE id = ?")) {
            st.setString(1, e.title());
            st.setString(2, e.description());
            Database.setInstant(st, 3, e.startsAt());
            st.setInt(4, e.lengthMinutes());
            st.setString(5, e.language());
            st.setString(6, e.type().name());
            st.setInt(7, e.sequence());
            Database.setInstant(st, 8, e.updatedAt());
            int i = 9;
            if (remindAt != null) {
                Database.setInstant(st, i++, remindAt);
            }
            st.setString(i, e.id());
            st.executeUpdate();
        }
    }

    /** Moves the event from {@code from} to {@code to} (and names its room); false when it was no longer {@code from}. */
    boolean changeStatus(Connection conn, String id, ScheduledEvent.Status from, ScheduledEvent.Status to, String roomId,
                         Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE scheduled_events SET status = ?, room_id = COALESCE(?, room_id),"
                + " sequence = sequence + 1, updated_at = ? WHERE id = ? AND status = ?")) {
            st.setString(1, to.name());
            st.setString(2, roomId);
            Database.setInstant(st, 3, now);
            st.setString(4, id);
            st.setString(5, from.name());
            return st.executeUpdate() == 1;
        }
    }

    /** Events still to come: scheduled, starting after {@code from} (search's rebuild). */
    List<ScheduledEvent> scheduledFrom(Connection conn, Instant from) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT " + COLUMNS + " FROM scheduled_events e"
                + " WHERE e.status = ? AND e.starts_at > ? ORDER BY e.starts_at")) {
            st.setString(1, ScheduledEvent.Status.scheduled.name());
            Database.setInstant(st, 2, from);
            return list(st);
        }
    }

    Optional<ScheduledEvent> byId(Connection conn, String id) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT " + COLUMNS + " FROM scheduled_events e WHERE e.id = ?")) {
            st.setString(1, id);
            List<ScheduledEvent> found = list(st);
            return found.stream().findFirst();
        }
    }

    // ---- hosts and RSVPs ----

    void addHost(Connection conn, String eventId, long memberId, boolean accepted, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO event_hosts (event_id, member_id, accepted, created_at) VALUES (?, ?, ?, ?)")) {
            st.setString(1, eventId);
            st.setLong(2, memberId);
            st.setBoolean(3, accepted);
            Database.setInstant(st, 4, now);
            st.executeUpdate();
        }
    }

    /** The creator first, then co-hosts in the order they were asked. */
    List<Host> hosts(Connection conn, String eventId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT h.member_id, h.accepted FROM event_hosts h"
                + " JOIN scheduled_events e ON e.id = h.event_id WHERE h.event_id = ?"
                + " ORDER BY CASE WHEN h.member_id = e.creator_id THEN 0 ELSE 1 END, h.created_at, h.member_id")) {
            st.setString(1, eventId);
            try (ResultSet rs = st.executeQuery()) {
                List<Host> hosts = new ArrayList<>();
                while (rs.next()) {
                    hosts.add(new Host(rs.getLong(1), rs.getBoolean(2)));
                }
                return hosts;
            }
        }
    }

    /** A pending co-host's answer: accepted, or removed; false when they had no pending request. */
    boolean answerHost(Connection conn, String eventId, long memberId, boolean accept) throws SQLException {
        String sql = accept
                ? "UPDATE event_hosts SET accepted = ? WHERE event_id = ? AND member_id = ? AND accepted = ?"
                : "DELETE FROM event_hosts WHERE event_id = ? AND member_id = ? AND accepted = ?";
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            int i = 1;
            if (accept) {
                st.setBoolean(i++, true);
            }
            st.setString(i++, eventId);
            st.setLong(i++, memberId);
            st.setBoolean(i, false);
            return st.executeUpdate() == 1;
        }
    }

    /** True when the RSVP is new. */
    boolean rsvp(Connection conn, String eventId, long memberId, Instant now) throws SQLException {
        if (hasRsvp(conn, eventId, memberId)) {
            return false;
        }
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO event_rsvps (event_id, member_id, created_at) VALUES (?, ?, ?)")) {
            st.setString(1, eventId);
            st.setLong(2, memberId);
            Database.setInstant(st, 3, now);
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
                return false; // the same member's other request won
            }
            throw e;
        }
    }

    void unrsvp(Connection conn, String eventId, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM event_rsvps WHERE event_id = ? AND member_id = ?")) {
            st.setString(1, eventId);
            st.setLong(2, memberId);
            st.executeUpdate();
        }
    }

    boolean hasRsvp(Connection conn, String eventId, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT 1 FROM event_rsvps WHERE event_id = ? AND member_id = ?")) {
            st.setString(1, eventId);
            st.setLong(2, memberId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    long rsvpCount(Connection conn, String eventId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT COUNT(*) FROM event_rsvps WHERE event_id = ?")) {
            st.setString(1, eventId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    List<Long> rsvpIds(Connection conn, String eventId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT member_id FROM event_rsvps WHERE event_id = ? ORDER BY created_at, member_id")) {
            st.setString(1, eventId);
            try (ResultSet rs = st.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                return ids;
            }
        }
    }

    // ---- lists ----

    /** Events in {@code statuses} starting at or after {@code from} that {@code member} hosts (asked or accepted) or RSVP'd. */
    List<ScheduledEvent> ofMember(Connection conn, long member, Instant from, Collection<ScheduledEvent.Status> statuses)
            throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT " + COLUMNS + " FROM scheduled_events e"
                + " WHERE e.starts_at >= ? AND e.status IN (" + marks(statuses.size()) + ") AND (e.id IN"
                + " (SELECT event_id FROM event_hosts WHERE member_id = ?) OR e.id IN"
                + " (SELECT event_id FROM event_rsvps WHERE member_id = ?)) ORDER BY e.starts_at, e.id LIMIT " + MOST)) {
            Database.setInstant(st, 1, from);
            int i = 2;
            for (ScheduledEvent.Status s : statuses) {
                st.setString(i++, s.name());
            }
            st.setLong(i++, member);
            st.setLong(i, member);
            return list(st);
        }
    }

    /** Scheduled or live events starting at or after {@code from} with one of {@code hostIds} as an accepted host. */
    List<ScheduledEvent> hostedBy(Connection conn, Collection<Long> hostIds, Instant from) throws SQLException {
        List<Long> ids = List.copyOf(hostIds);
        List<ScheduledEvent> out = new ArrayList<>();
        for (int at = 0; at < ids.size(); at += IN_CHUNK) {
            List<Long> chunk = ids.subList(at, Math.min(ids.size(), at + IN_CHUNK));
            try (PreparedStatement st = conn.prepareStatement("SELECT " + COLUMNS + " FROM scheduled_events e"
                    + " WHERE e.starts_at >= ? AND e.status IN ('scheduled', 'live') AND e.id IN (SELECT event_id FROM"
                    + " event_hosts WHERE accepted = ? AND member_id IN (" + marks(chunk.size()) + "))"
                    + " ORDER BY e.starts_at, e.id LIMIT " + MOST)) {
                Database.setInstant(st, 1, from);
                st.setBoolean(2, true);
                for (int i = 0; i < chunk.size(); i++) {
                    st.setLong(3 + i, chunk.get(i));
                }
                out.addAll(list(st));
            }
        }
        return out;
    }

    // ---- housekeeping ----

    /** Scheduled events that started before {@code cutoff} and were never started become missed; returns how many. */
    int markMissed(Connection conn, Instant cutoff, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE scheduled_events SET status = 'missed', updated_at = ?"
                + " WHERE status = 'scheduled' AND starts_at < ?")) {
            Database.setInstant(st, 1, now);
            Database.setInstant(st, 2, cutoff);
            return st.executeUpdate();
        }
    }

    // ---- calendar feeds ----

    /** Sets (or replaces) the member's feed token; the old one stops working. */
    void setFeed(Connection conn, long member, String tokenHash, Instant now) throws SQLException {
        deleteFeed(conn, member);
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO calendar_feeds (member_id, token_hash, created_at) VALUES (?, ?, ?)")) {
            st.setLong(1, member);
            st.setString(2, tokenHash);
            Database.setInstant(st, 3, now);
            st.executeUpdate();
        }
    }

    void deleteFeed(Connection conn, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM calendar_feeds WHERE member_id = ?")) {
            st.setLong(1, member);
            st.executeUpdate();
        }
    }

    /** When the member's feed token was made; empty when they have none. */
    Optional<Instant> feedCreated(Connection conn, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT created_at FROM calendar_feeds WHERE member_id = ?")) {
            st.setLong(1, member);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(Database.instant(rs, "created_at")) : Optional.empty();
            }
        }
    }

    Optional<Long> feedOwner(Connection conn, String tokenHash) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT member_id FROM calendar_feeds WHERE token_hash = ?")) {
            st.setString(1, tokenHash);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static List<ScheduledEvent> list(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            List<ScheduledEvent> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ScheduledEvent(rs.getString("id"), rs.getLong("creator_id"), rs.getString("title"),
                        rs.getString("description"), Database.instant(rs, "starts_at"), rs.getInt("length_minutes"),
                        rs.getString("language"), RoomType.valueOf(rs.getString("type")),
                        ScheduledEvent.Status.valueOf(rs.getString("status")), rs.getString("room_id"), rs.getInt("sequence"),
                        Database.instant(rs, "created_at"), Database.instant(rs, "updated_at")));
            }
            return out;
        }
    }
}
