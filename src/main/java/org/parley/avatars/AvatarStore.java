package org.parley.avatars;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for the {@code avatar_images} table: one row per member and size. Methods take the caller's
 * connection so that replacing the images and naming the new version ({@code accounts.Members})
 * are one transaction.
 */
final class AvatarStore {

    /** Replaces every size of the member's photo. */
    void replace(Connection conn, long memberId, String version, Map<Integer, byte[]> images) throws SQLException {
        delete(conn, memberId);
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO avatar_images (member_id, pixels, version, image) VALUES (?, ?, ?, ?)")) {
            for (var image : images.entrySet()) {
                st.setLong(1, memberId);
                st.setInt(2, image.getKey());
                st.setString(3, version);
                st.setBytes(4, image.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    void delete(Connection conn, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM avatar_images WHERE member_id = ?")) {
            st.setLong(1, memberId);
            st.executeUpdate();
        }
    }

    /** The image of that size, only while {@code version} is still the member's photo. */
    Optional<byte[]> image(Connection conn, long memberId, String version, int pixels) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT image FROM avatar_images WHERE member_id = ? AND pixels = ? AND version = ?")) {
            st.setLong(1, memberId);
            st.setInt(2, pixels);
            st.setString(3, version);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }
}
