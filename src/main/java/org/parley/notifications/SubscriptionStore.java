package org.parley.notifications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.parley.storage.Database;

/**
 * SQL for {@code push_subscriptions}: one row per browser a member enabled push on. An endpoint is
 * one browser profile, so it belongs to one member at a time: subscribing it again moves it to
 * whoever is signed in there now.
 */
final class SubscriptionStore {

    /** Devices per member; a new one beyond this replaces the oldest. */
    static final int MAX_PER_MEMBER = 10;

    /** @param p256dh the browser's public key and {@code auth} its secret, as it sent them (base64url) */
    record Subscription(long id, long memberId, String endpoint, String p256dh, String auth) {}

    void save(Connection conn, long memberId, String endpoint, String p256dh, String auth, Instant now) throws SQLException {
        remove(conn, endpoint);
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO push_subscriptions"
                + " (member_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?)")) {
            st.setLong(1, memberId);
            st.setString(2, endpoint);
            st.setString(3, p256dh);
            st.setString(4, auth);
            Database.setInstant(st, 5, now);
            st.executeUpdate();
        }
        List<Subscription> mine = forMembers(conn, List.of(memberId));
        for (int i = 0; i < mine.size() - MAX_PER_MEMBER; i++) {
            removeById(conn, mine.get(i).id()); // forMembers lists oldest first
        }
    }

    /** Forgets the endpoint, whoever it belonged to; returns whether there was one. */
    boolean remove(Connection conn, String endpoint) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM push_subscriptions WHERE endpoint = ?")) {
            st.setString(1, endpoint);
            return st.executeUpdate() > 0;
        }
    }

    /** Forgets the member's subscription at {@code endpoint}; another member's stays. */
    boolean remove(Connection conn, long memberId, String endpoint) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "DELETE FROM push_subscriptions WHERE member_id = ? AND endpoint = ?")) {
            st.setLong(1, memberId);
            st.setString(2, endpoint);
            return st.executeUpdate() > 0;
        }
    }

    void removeById(Connection conn, long id) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM push_subscriptions WHERE id = ?")) {
            st.setLong(1, id);
            st.executeUpdate();
        }
    }

    /** The subscriptions of {@code members}, oldest first. */
    List<Subscription> forMembers(Connection conn, Collection<Long> members) throws SQLException {
        List<Subscription> out = new ArrayList<>();
        SettingsStore.inChunks(conn, "SELECT id, member_id, endpoint, p256dh, auth FROM push_subscriptions WHERE member_id IN",
                List.of(), members, rs -> out.add(new Subscription(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))));
        out.sort(java.util.Comparator.comparingLong(Subscription::id));
        return out;
    }
}
