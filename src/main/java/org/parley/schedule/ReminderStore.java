package org.parley.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.storage.Database;

/**
 * SQL for event reminders (db migration V17): one row per event and member to remind, due at the
 * event's start less that member's lead time, and the leads members chose. Methods take the caller's
 * connection.
 */
final class ReminderStore {

    /** Most due reminders one tick claims; the rest wait for the next tick, a second later. */
    static final int MOST_DUE = 500;
    /** Ids bound in one {@code IN (…)} list: under every driver's limit on parameters. */
    private static final int IN_CHUNK = 500;

    /** A reminder that is due: whom to remind of which event. */
    record Due(String eventId, long memberId) {}

    /** A reminder not sent yet, with its event's start, for moving it to a new lead time. */
    record Pending(String eventId, Instant startsAt) {}

    /**
     * Adds {@code member}'s reminder of the event unless they have one (a host who also RSVP'd). One
     * whose time has passed is stored as sent: someone who joins an event within their lead time has
     * just looked at it, and hears "starting now" soon enough.
     */
    void add(Connection conn, String eventId, long member, Instant remindAt, Instant now) throws SQLException {
        if (exists(conn, eventId, member)) {
            return;
        }
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO event_reminders (event_id, member_id, remind_at, reminded_at) VALUES (?, ?, ?, ?)")) {
            st.setString(1, eventId);
            st.setLong(2, member);
            Database.setInstant(st, 3, remindAt);
            Database.setInstant(st, 4, remindAt.isAfter(now) ? null : now);
            st.executeUpdate();
        } catch (SQLException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e; // else the same member's other request added it
            }
        }
    }

    private boolean exists(Connection conn, String eventId, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT 1 FROM event_reminders WHERE event_id = ? AND member_id = ?")) {
            st.setString(1, eventId);
            st.setLong(2, member);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    void remove(Connection conn, String eventId, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "DELETE FROM event_reminders WHERE event_id = ? AND member_id = ?")) {
            st.setString(1, eventId);
            st.setLong(2, member);
            st.executeUpdate();
        }
    }

    /** Every reminder of the event: before they are made again for a new start. */
    void removeAll(Connection conn, String eventId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM event_reminders WHERE event_id = ?")) {
            st.setString(1, eventId);
            st.executeUpdate();
        }
    }

    /** Reminders due by {@code now}, not yet sent, of events still scheduled; oldest first. */
    List<Due> due(Connection conn, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT r.event_id, r.member_id FROM event_reminders r"
                + " JOIN scheduled_events e ON e.id = r.event_id WHERE r.reminded_at IS NULL AND r.remind_at <= ?"
                + " AND e.status = 'scheduled' ORDER BY r.remind_at, r.event_id, r.member_id LIMIT " + MOST_DUE)) {
            Database.setInstant(st, 1, now);
            try (ResultSet rs = st.executeQuery()) {
                List<Due> due = new ArrayList<>();
                while (rs.next()) {
                    due.add(new Due(rs.getString(1), rs.getLong(2)));
                }
                return due;
            }
        }
    }

    /**
     * Claims one reminder: true for exactly one caller, whatever runs at the same time (another tick,
     * another node on the same PostgreSQL database), so it is sent once.
     */
    boolean claim(Connection conn, String eventId, long member, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE event_reminders SET reminded_at = ?"
                + " WHERE event_id = ? AND member_id = ? AND reminded_at IS NULL")) {
            Database.setInstant(st, 1, now);
            st.setString(2, eventId);
            st.setLong(3, member);
            return st.executeUpdate() == 1;
        }
    }

    /** The member's reminders not sent yet, of events still scheduled. */
    List<Pending> pending(Connection conn, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT r.event_id, e.starts_at AS starts_at FROM event_reminders r"
                + " JOIN scheduled_events e ON e.id = r.event_id WHERE r.member_id = ? AND r.reminded_at IS NULL"
                + " AND e.status = 'scheduled'")) {
            st.setLong(1, member);
            try (ResultSet rs = st.executeQuery()) {
                List<Pending> pending = new ArrayList<>();
                while (rs.next()) {
                    pending.add(new Pending(rs.getString(1), Database.instant(rs, "starts_at")));
                }
                return pending;
            }
        }
    }

    /** Moves a reminder not sent yet; one moved into the past is sent at the next tick. */
    void move(Connection conn, String eventId, long member, Instant remindAt) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE event_reminders SET remind_at = ?"
                + " WHERE event_id = ? AND member_id = ? AND reminded_at IS NULL")) {
            Database.setInstant(st, 1, remindAt);
            st.setString(2, eventId);
            st.setLong(3, member);
            st.executeUpdate();
        }
    }

    // ---- lead times ----

    /** The lead the member chose, in minutes; empty when they keep the deployment's default. */
    Optional<Integer> lead(Connection conn, long member) throws SQLException {
        return Optional.ofNullable(leads(conn, List.of(member)).get(member));
    }

    /** The leads those of {@code members} who chose one set, in minutes. */
    Map<Long, Integer> leads(Connection conn, Collection<Long> members) throws SQLException {
        Map<Long, Integer> out = new HashMap<>();
        List<Long> ids = List.copyOf(members);
        for (int at = 0; at < ids.size(); at += IN_CHUNK) {
            List<Long> chunk = ids.subList(at, Math.min(ids.size(), at + IN_CHUNK));
            try (PreparedStatement st = conn.prepareStatement("SELECT member_id, lead_minutes FROM reminder_leads"
                    + " WHERE member_id IN (" + String.join(", ", chunk.stream().map(id -> "?").toList()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setLong(1 + i, chunk.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getInt(2));
                    }
                }
            }
        }
        return out;
    }

    /** Sets the member's lead; {@code minutes} null goes back to the deployment's default. */
    void setLead(Connection conn, long member, Integer minutes) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM reminder_leads WHERE member_id = ?")) {
            st.setLong(1, member);
            st.executeUpdate();
        }
        if (minutes != null) {
            try (PreparedStatement st = conn.prepareStatement(
                    "INSERT INTO reminder_leads (member_id, lead_minutes) VALUES (?, ?)")) {
                st.setLong(1, member);
                st.setInt(2, minutes);
                st.executeUpdate();
            }
        }
    }
}
