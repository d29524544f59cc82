package org.parley.invites;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.module.PersonalData;
import org.parley.storage.Rows;

/**
 * Invites' part of a member's data: who invited them and the invitations they made (with who used
 * each; the codes themselves are left out — a pending one is still a key to the network). Erasing
 * deletes the invitations nobody used; a used one stays, as the edge of the invitation tree does.
 */
final class InviteData implements PersonalData {

    @Override
    public String name() {
        return "invites";
    }

    @Override
    public void export(Connection conn, long memberId, ExportWriter out) throws SQLException {
        Map<String, Object> file = new LinkedHashMap<>();
        var used = Rows.query(conn, "SELECT i.used_at AS joined_at, m.username AS invited_by, i.grants_admin AS is_admin_invitation"
                + " FROM invites i LEFT JOIN members m ON m.id = i.inviter_id WHERE i.used_by = ?", memberId);
        file.put("joinedThrough", used.isEmpty() ? null : used.getFirst());
        file.put("made", Rows.query(conn, "SELECT i.created_at, i.expires_at, i.revoked_at, i.used_at, m.username AS used_by"
                + " FROM invites i LEFT JOIN members m ON m.id = i.used_by WHERE i.inviter_id = ? ORDER BY i.created_at", memberId));
        out.json("invitations.json", file);
    }

    @Override
    public void erase(Connection conn, long memberId) throws SQLException {
        Rows.update(conn, "DELETE FROM invites WHERE inviter_id = ? AND used_by IS NULL", memberId);
    }
}
