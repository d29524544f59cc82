package org.parley.rooms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.parley.module.PersonalData;
import org.parley.storage.Rows;

/**
 * Rooms' part of a member's data: the rooms they started and the rooms they were in while live.
 * Erasing blanks the titles of their ended rooms and forgets them in every room's lists; leaving the
 * live rooms they are in is runtime work, done by the deletion through {@link Rooms} once it committed
 * (a moderator's room passes to a speaker or ends, as when any moderator leaves).
 */
final class RoomData implements PersonalData {

    @Override
    public String name() {
        return "rooms";
    }

    @Override
    public void export(Connection conn, long memberId, ExportWriter out) throws SQLException {
        out.json("rooms.json", Map.of(
                "started", Rows.query(conn, "SELECT id, title, description, type, language, created_at, ended_at FROM rooms"
                        + " WHERE creator_id = ? ORDER BY created_at", memberId),
                "inNow", Rows.query(conn, "SELECT r.id, r.title, p.role, p.joined_at FROM room_participants p"
                        + " JOIN rooms r ON r.id = p.room_id WHERE p.member_id = ? AND r.ended_at IS NULL", memberId)));
    }

    @Override
    public void erase(Connection conn, long memberId) throws SQLException {
        Rows.update(conn, "UPDATE rooms SET title = '', description = '' WHERE creator_id = ? AND ended_at IS NOT NULL", memberId);
        Rows.update(conn, "DELETE FROM room_participants WHERE member_id = ?"
                + " AND room_id IN (SELECT id FROM rooms WHERE ended_at IS NOT NULL)", memberId);
        Rows.update(conn, "DELETE FROM room_removed WHERE member_id = ?", memberId);
        Rows.update(conn, "DELETE FROM room_allowed WHERE member_id = ?", memberId);
        Rows.update(conn, "DELETE FROM room_hosts WHERE member_id = ?", memberId);
    }
}
