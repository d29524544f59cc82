package org.parley.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import org.parley.module.PersonalData;
import org.parley.storage.Rows;

/**
 * Schedule's part of a member's data: the events they host (made, or co-host), their RSVPs, their
 * reminders and lead time, and whether they have a calendar feed (not its secret address). Erasing: an upcoming event they made passes to
 * its longest-accepted co-host, or is cancelled when it has none (calendars then show it cancelled);
 * their RSVPs, co-host places, reminders and calendar feed go.
 */
final class EventData implements PersonalData {

    private final Clock clock;

    EventData(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public void export(Connection conn, long memberId, ExportWriter out) throws SQLException {
        out.json("events.json", Map.of(
                "hosting", Rows.query(conn, "SELECT e.id, e.title, e.description, e.starts_at, e.length_minutes, e.status,"
                        + " CASE WHEN e.creator_id = ? THEN 1 ELSE 0 END AS is_creator FROM scheduled_events e"
                        + " WHERE e.creator_id = ? OR e.id IN (SELECT event_id FROM event_hosts WHERE member_id = ? AND accepted = ?)"
                        + " ORDER BY e.starts_at", memberId, memberId, memberId, true),
                "rsvps", Rows.query(conn, "SELECT e.id, e.title, e.starts_at, e.status, r.created_at AS rsvp_at"
                        + " FROM event_rsvps r JOIN scheduled_events e ON e.id = r.event_id WHERE r.member_id = ?"
                        + " ORDER BY e.starts_at", memberId),
                "calendarFeed", !Rows.query(conn, "SELECT created_at FROM calendar_feeds WHERE member_id = ?", memberId).isEmpty(),
                "reminderLeadMinutes", Rows.query(conn, "SELECT lead_minutes FROM reminder_leads WHERE member_id = ?", memberId),
                "reminders", Rows.query(conn, "SELECT e.title, r.remind_at, r.reminded_at FROM event_reminders r"
                        + " JOIN scheduled_events e ON e.id = r.event_id WHERE r.member_id = ? ORDER BY r.remind_at", memberId)));
    }

    @Override
    public void erase(Connection conn, long memberId) throws SQLException {
        var now = clock.instant();
        for (var event : Rows.query(conn, "SELECT id FROM scheduled_events WHERE creator_id = ? AND status = 'scheduled'", memberId)) {
            Object id = event.get("id");
            var cohost = Rows.query(conn, "SELECT member_id FROM event_hosts WHERE event_id = ? AND member_id <> ? AND accepted = ?"
                    + " ORDER BY created_at, member_id LIMIT 1", id, memberId, true);
            if (cohost.isEmpty()) {
                Rows.update(conn, "UPDATE scheduled_events SET status = 'cancelled', sequence = sequence + 1, updated_at = ?"
                        + " WHERE id = ?", now, id);
            } else {
                Rows.update(conn, "UPDATE scheduled_events SET creator_id = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
                        ((Number) cohost.getFirst().get("memberId")).longValue(), now, id);
            }
        }
        Rows.update(conn, "DELETE FROM event_hosts WHERE member_id = ?", memberId);
        Rows.update(conn, "DELETE FROM event_rsvps WHERE member_id = ?", memberId);
        Rows.update(conn, "DELETE FROM calendar_feeds WHERE member_id = ?", memberId);
        Rows.update(conn, "DELETE FROM event_reminders WHERE member_id = ?", memberId);
        Rows.update(conn, "DELETE FROM reminder_leads WHERE member_id = ?", memberId);
    }
}
