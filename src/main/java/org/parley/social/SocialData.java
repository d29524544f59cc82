package org.parley.social;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.parley.module.PersonalData;
import org.parley.storage.Rows;

/**
 * Social's part of a member's data: whom they follow, who follows them, whom they blocked (never who
 * blocked them: that is the blocker's). Erased both ways, so the member leaves every list at once.
 */
final class SocialData implements PersonalData {

    @Override
    public String name() {
        return "social";
    }

    @Override
    public void export(Connection conn, long memberId, ExportWriter out) throws SQLException {
        out.json("follows.json", Map.of(
                "following", Rows.query(conn, "SELECT m.username, f.created_at AS since_at FROM follows f"
                        + " JOIN members m ON m.id = f.followee_id WHERE f.follower_id = ? ORDER BY f.created_at", memberId),
                "followers", Rows.query(conn, "SELECT m.username, f.created_at AS since_at FROM follows f"
                        + " JOIN members m ON m.id = f.follower_id WHERE f.followee_id = ? ORDER BY f.created_at", memberId)));
        out.json("blocks.json", Map.of("blocked", Rows.query(conn, "SELECT m.username, b.created_at AS since_at FROM blocks b"
                + " JOIN members m ON m.id = b.blocked_id WHERE b.blocker_id = ? ORDER BY b.created_at", memberId)));
    }

    @Override
    public void erase(Connection conn, long memberId) throws SQLException {
        Rows.update(conn, "DELETE FROM follows WHERE follower_id = ? OR followee_id = ?", memberId, memberId);
        Rows.update(conn, "DELETE FROM blocks WHERE blocker_id = ? OR blocked_id = ?", memberId, memberId);
    }
}
