package org.parley.notifications;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.parley.module.PersonalData;
import org.parley.storage.Rows;

/**
 * Notifications' part of a member's data: their notifications, their settings (channels per kind,
 * quiet hours) and their push subscriptions — endpoints only, never the keys that encrypt to them.
 * Erasing also removes others' notifications the member caused ("… followed you"), so their name
 * is gone from every list at once.
 */
final class NotificationData implements PersonalData {

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public void export(Connection conn, long memberId, ExportWriter out) throws SQLException {
        out.json("notifications.json", Rows.query(conn, "SELECT n.kind, a.username AS actor, n.room_title, n.event_title,"
                + " n.created_at, n.read_at FROM notifications n LEFT JOIN members a ON a.id = n.actor_id"
                + " WHERE n.member_id = ? ORDER BY n.id", memberId));
        var quiet = Rows.query(conn, "SELECT starts_local AS starts, ends_local AS ends, time_zone FROM quiet_hours WHERE member_id = ?",
                memberId);
        out.json("notification-settings.json", Map.of(
                "channels", Rows.query(conn, "SELECT kind, channel FROM notification_channels WHERE member_id = ? ORDER BY kind",
                        memberId),
                "quietHours", quiet.isEmpty() ? Map.of() : quiet.getFirst()));
        out.json("push-subscriptions.json", Rows.query(conn, "SELECT endpoint, created_at FROM push_subscriptions"
                + " WHERE member_id = ? ORDER BY id", memberId));
    }

    @Override
    public void erase(Connection conn, long memberId) throws SQLException {
        Rows.update(conn, "DELETE FROM notifications WHERE member_id = ? OR actor_id = ?", memberId, memberId);
        Rows.update(conn, "DELETE FROM notification_channels WHERE member_id = ?", memberId);
        Rows.update(conn, "DELETE FROM quiet_hours WHERE member_id = ?", memberId);
        Rows.update(conn, "DELETE FROM push_subscriptions WHERE member_id = ?", memberId);
    }
}
