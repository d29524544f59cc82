package org.parley.avatars;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.parley.module.PersonalData;

/** Avatars' part of a member's data: their photo, in the largest size kept ({@code photo.jpg}); erased with its every size. */
final class AvatarData implements PersonalData {

    private final AvatarStore store;

    AvatarData(AvatarStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "avatars";
    }

    @Override
    public void export(Connection conn, long memberId, ExportWriter out) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT image FROM avatar_images WHERE member_id = ? ORDER BY pixels DESC LIMIT 1")) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    out.bytes("photo.jpg", rs.getBytes(1));
                }
            }
        }
    }

    @Override
    public void erase(Connection conn, long memberId) throws SQLException {
        store.delete(conn, memberId);
    }
}
