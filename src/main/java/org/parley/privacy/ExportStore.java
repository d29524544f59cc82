package org.parley.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.storage.Database;

/** SQL for {@code data_exports}: a member's archives, kept in the database until they expire. */
final class ExportStore {

    /** One export as its member sees it (never the archive itself: {@link #archive} reads that). */
    record Export(String id, long memberId, String status, int progress, Instant createdAt, Instant readyAt,
                  Instant expiresAt, Long sizeBytes) {}

    private static final String COLUMNS = "id, member_id, status, progress, created_at, ready_at, expires_at, size_bytes";

    void insert(Connection conn, String id, long memberId, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO data_exports (id, member_id, status, progress,"
                + " created_at, expires_at) VALUES (?, ?, 'working', 0, ?, ?)")) {
            st.setString(1, id);
            st.setLong(2, memberId);
            Database.setInstant(st, 3, now);
            Database.setInstant(st, 4, expiresAt);
            st.executeUpdate();
        }
    }

    /** The member's newest export, if any is left. */
    Optional<Export> latest(Connection conn, long memberId, Instant now) throws SQLException {
        List<Export> found = select(conn, "SELECT " + COLUMNS + " FROM data_exports WHERE member_id = ? AND expires_at > ?"
                + " ORDER BY created_at DESC LIMIT 1", memberId, now);
        return found.stream().findFirst();
    }

    Optional<Export> byId(Connection conn, String id) throws SQLException {
        return select(conn, "SELECT " + COLUMNS + " FROM data_exports WHERE id = ?", id).stream().findFirst();
    }

    /** Exports a stopped node left half-made: they are made again from the start. */
    List<Export> working(Connection conn) throws SQLException {
        return select(conn, "SELECT " + COLUMNS + " FROM data_exports WHERE status = 'working'");
    }

    void progress(Connection conn, String id, int percent) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE data_exports SET progress = ? WHERE id = ? AND status = 'working'")) {
            st.setInt(1, percent);
            st.setString(2, id);
            st.executeUpdate();
        }
    }

    /** Stores the finished archive; it can be downloaded until {@code expiresAt}. False when the export is gone. */
    boolean finish(Connection conn, String id, byte[] archive, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE data_exports SET status = 'ready', progress = 100,"
                + " archive = ?, size_bytes = ?, ready_at = ?, expires_at = ? WHERE id = ? AND status = 'working'")) {
            st.setBytes(1, archive);
            st.setLong(2, archive.length);
            Database.setInstant(st, 3, now);
            Database.setInstant(st, 4, expiresAt);
            st.setString(5, id);
            return st.executeUpdate() == 1;
        }
    }

    void fail(Connection conn, String id) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE data_exports SET status = 'failed' WHERE id = ?")) {
            st.setString(1, id);
            st.executeUpdate();
        }
    }

    /** The archive of a ready, unexpired export of {@code memberId}. */
    Optional<byte[]> archive(Connection conn, String id, long memberId, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT archive FROM data_exports WHERE id = ? AND member_id = ?"
                + " AND status = 'ready' AND expires_at > ?")) {
            st.setString(1, id);
            st.setLong(2, memberId);
            Database.setInstant(st, 3, now);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    void deleteOf(Connection conn, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM data_exports WHERE member_id = ?")) {
            st.setLong(1, memberId);
            st.executeUpdate();
        }
    }

    /** Housekeeping: removes the exports past their time; returns how many. */
    int deleteExpired(Connection conn, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM data_exports WHERE expires_at <= ?")) {
            Database.setInstant(st, 1, now);
            return st.executeUpdate();
        }
    }

    private List<Export> select(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Instant at) {
                    Database.setInstant(st, i + 1, at);
                } else {
                    st.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                List<Export> out = new ArrayList<>();
                while (rs.next()) {
                    long size = rs.getLong("size_bytes");
                    Long sizeBytes = rs.wasNull() ? null : size;
                    out.add(new Export(rs.getString("id"), rs.getLong("member_id"), rs.getString("status"), rs.getInt("progress"),
                            Database.instant(rs, "created_at"), Database.instant(rs, "ready_at"),
                            Database.instant(rs, "expires_at"), sizeBytes));
                }
                return out;
            }
        }
    }
}
