package org.parley.accounts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.module.PersonalData;
import org.parley.storage.Rows;

/**
 * Accounts' part of a member's data: the profile, the signed-in devices, the organizations they are a
 * delegate of and what they did as one. Erasing it turns the member row into a tombstone
 * ({@link MemberStore#tombstone}); sessions are ended by the deletion itself, which must announce them.
 */
final class AccountData implements PersonalData {

    private final MemberStore members;
    private final Clock clock;

    AccountData(MemberStore members, Clock clock) {
        this.members = members;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public void export(Connection conn, long memberId, ExportWriter out) throws SQLException {
        var row = Rows.query(conn, "SELECT m.username, m.display_name, m.bio, m.created_at AS member_since_at, m.admin AS is_admin,"
                + " m.kind, m.verified_label, m.language AS interface_language, m.languages AS spoken_languages,"
                + " p.username AS invited_by FROM members m"
                + " LEFT JOIN members p ON p.id = m.invited_by WHERE m.id = ?", memberId);
        Map<String, Object> profile = new LinkedHashMap<>(row.isEmpty() ? Map.of() : row.getFirst());
        out.json("profile.json", profile);
        out.json("sessions.json", Rows.query(conn, "SELECT browser, os, network, created_at AS signed_in_at,"
                + " last_seen_at AS last_used_at, expires_at FROM sessions WHERE member_id = ? ORDER BY created_at", memberId));
        out.json("organizations.json", Map.of(
                "delegateOf", Rows.query(conn, "SELECT o.username AS organization, d.owner AS is_owner, d.added_at"
                        + " FROM delegates d JOIN members o ON o.id = d.organization_id WHERE d.member_id = ?"
                        + " ORDER BY d.added_at", memberId),
                "actionsAsDelegate", Rows.query(conn, "SELECT o.username AS organization, a.action, a.status, a.created_at"
                        + " FROM organization_audit a JOIN members o ON o.id = a.organization_id WHERE a.operator_id = ?"
                        + " ORDER BY a.id", memberId)));
    }

    /**
     * Leaves the organizations (the deletion already refused a sole owner with other delegates, and
     * deletes an organization they alone operate with them), then the tombstone. The organizations'
     * audit trails keep the entries the member made, under the tombstone's username: they are the
     * organization's record, not the member's.
     */
    @Override
    public void erase(Connection conn, long memberId) throws SQLException {
        Rows.update(conn, "DELETE FROM delegates WHERE member_id = ? OR organization_id = ?", memberId, memberId);
        Rows.update(conn, "UPDATE sessions SET acting_as = NULL WHERE acting_as = ?", memberId);
        Rows.update(conn, "DELETE FROM impersonation_dismissals WHERE member_id = ?", memberId);
        members.tombstone(conn, memberId, clock.instant());
    }
}
