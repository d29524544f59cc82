package org.parley.notifications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for members' notification settings: {@code notification_channels} holds only the kinds a
 * member changed (so a new kind starts at its default), {@code quiet_hours} one row per member who
 * set a window. Methods take the caller's connection.
 */
final class SettingsStore {

    /** Members per {@code IN (…)} list: far below every database's limit on parameters. */
    private static final int CHUNK = 500;

    /** Every kind's channel for one member. */
    Map<Kind, Channel> channels(Connection conn, long memberId) throws SQLException {
        Map<Kind, Channel> out = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            out.put(kind, Channel.defaultFor(kind));
        }
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT kind, channel FROM notification_channels WHERE member_id = ?")) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    var kind = known(Kind.class, rs.getString(1));
                    var channel = known(Channel.class, rs.getString(2));
                    if (kind.isPresent() && channel.isPresent()) {
                        out.put(kind.get(), channel.get());
                    }
                }
            }
        }
        return out;
    }

    /** One kind's channel for each of {@code members}. */
    Map<Long, Channel> channels(Connection conn, Collection<Long> members, Kind kind) throws SQLException {
        Map<Long, Channel> out = new HashMap<>();
        members.forEach(m -> out.put(m, Channel.defaultFor(kind)));
        inChunks(conn, "SELECT member_id, channel FROM notification_channels WHERE kind = ? AND member_id IN",
                List.of(kind.name()), members, rs -> {
                    long member = rs.getLong(1);
                    known(Channel.class, rs.getString(2)).ifPresent(c -> out.put(member, c));
                });
        return out;
    }

    void setChannel(Connection conn, long memberId, Kind kind, Channel channel) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "DELETE FROM notification_channels WHERE member_id = ? AND kind = ?")) {
            st.setLong(1, memberId);
            st.setString(2, kind.name());
            st.executeUpdate();
        }
        if (channel != Channel.defaultFor(kind)) {
            try (PreparedStatement st = conn.prepareStatement(
                    "INSERT INTO notification_channels (member_id, kind, channel) VALUES (?, ?, ?)")) {
                st.setLong(1, memberId);
                st.setString(2, kind.name());
                st.setString(3, channel.name());
                st.executeUpdate();
            }
        }
    }

    Optional<QuietHours> quietHours(Connection conn, long memberId) throws SQLException {
        return Optional.ofNullable(quietHours(conn, List.of(memberId)).get(memberId));
    }

    /** The windows of those of {@code members} who set one. */
    Map<Long, QuietHours> quietHours(Connection conn, Collection<Long> members) throws SQLException {
        Map<Long, QuietHours> out = new HashMap<>();
        inChunks(conn, "SELECT member_id, starts_local, ends_local, time_zone FROM quiet_hours WHERE member_id IN",
                List.of(), members, rs -> {
                    try {
                        out.put(rs.getLong(1), new QuietHours(LocalTime.parse(rs.getString(2)),
                                LocalTime.parse(rs.getString(3)), ZoneId.of(rs.getString(4))));
                    } catch (RuntimeException unreadable) {
                        // a zone this JDK no longer knows: no quiet hours rather than no notifications
                    }
                });
        return out;
    }

    /** Sets the member's window; {@code null} removes it. */
    void setQuietHours(Connection conn, long memberId, QuietHours quiet) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM quiet_hours WHERE member_id = ?")) {
            st.setLong(1, memberId);
            st.executeUpdate();
        }
        if (quiet == null) {
            return;
        }
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO quiet_hours (member_id, starts_local, ends_local, time_zone) VALUES (?, ?, ?, ?)")) {
            st.setLong(1, memberId);
            st.setString(2, quiet.start().toString());
            st.setString(3, quiet.end().toString());
            st.setString(4, quiet.zone().getId());
            st.executeUpdate();
        }
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code select} + " (?, …)" over chunks of {@code members}, after the {@code leading} parameters. */
    static void inChunks(Connection conn, String select, List<String> leading, Collection<Long> members, RowReader reader)
            throws SQLException {
        List<Long> all = List.copyOf(members);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            try (PreparedStatement st = conn.prepareStatement(select + " (" + marks(chunk.size()) + ")")) {
                int i = 1;
                for (String value : leading) {
                    st.setString(i++, value);
                }
                for (long m : chunk) {
                    st.setLong(i++, m);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }

    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static <E extends Enum<E>> Optional<E> known(Class<E> type, String name) {
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty(); // a kind or channel an older or newer version wrote
        }
    }
}
