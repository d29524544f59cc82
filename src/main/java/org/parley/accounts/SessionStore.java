package org.parley.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.kernel.Tokens;
import org.parley.storage.Database;

/**
 * Sessions live in the database, so they survive a restart and work across nodes. Only a SHA-256 of
 * the cookie value is stored.
 */
final class SessionStore {

    /**
     * A session found by its cookie.
     *
     * @param actingAs the organization the session acts as (still to be checked against the delegation), or null
     */
    record Session(String tokenHash, long memberId, String csrfToken, Instant lastSeenAt, Instant expiresAt,
                   Long actingAs) {}

    /** A freshly created session: the cookie value exists only here and in the browser. */
    record NewSession(String token, String csrfToken) {}

    /**
     * One signed-in device as its member sees it.
     *
     * @param network the client's /24 or /48 at sign-in, or null (not kept unless the operator allows it)
     */
    record Device(String id, String browser, String os, String network, Instant createdAt, Instant lastUsedAt,
                  String tokenHash) {}

    /** What the devices list records about where a session was started. */
    record Origin(String browser, String os, String network) {}

    /**
     * A session's public id: names it in the devices list and {@code endSession} without giving out
     * anything that could be turned back into the cookie (a hash of the cookie's hash, cut short).
     */
    static String publicId(String tokenHash) {
        return Tokens.sha256Hex("parley-session:" + tokenHash).substring(0, 20);
    }

    NewSession create(Connection conn, long memberId, Instant now, Instant expiresAt, Origin origin) throws SQLException {
        String token = Tokens.random();
        String csrf = Tokens.random();
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO sessions (token_hash, member_id, csrf_token, created_at, last_seen_at, expires_at,"
                        + " browser, os, network) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, Tokens.sha256Hex(token));
            st.setLong(2, memberId);
            st.setString(3, csrf);
            Database.setInstant(st, 4, now);
            Database.setInstant(st, 5, now);
            Database.setInstant(st, 6, expiresAt);
            st.setString(7, origin.browser());
            st.setString(8, origin.os());
            st.setString(9, origin.network());
            st.executeUpdate();
        }
        return new NewSession(token, csrf);
    }

    /** The member's live sessions, most recently used first. */
    List<Device> devices(Connection conn, long memberId, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT token_hash, browser, os, network, created_at, last_seen_at FROM sessions"
                        + " WHERE member_id = ? AND expires_at > ? ORDER BY last_seen_at DESC, created_at DESC")) {
            st.setLong(1, memberId);
            Database.setInstant(st, 2, now);
            try (ResultSet rs = st.executeQuery()) {
                List<Device> out = new ArrayList<>();
                while (rs.next()) {
                    String hash = rs.getString(1);
                    out.add(new Device(publicId(hash), rs.getString(2), rs.getString(3), rs.getString(4),
                            Database.instant(rs, "created_at"), Database.instant(rs, "last_seen_at"), hash));
                }
                return out;
            }
        }
    }

    /** Ends every session of a member; returns their public ids (for the sockets to close). */
    List<String> deleteAll(Connection conn, long memberId) throws SQLException {
        List<String> ids = ids(conn, memberId, "");
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM sessions WHERE member_id = ?")) {
            st.setLong(1, memberId);
            st.executeUpdate();
        }
        return ids;
    }

    private List<String> ids(Connection conn, long memberId, String exceptHash) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT token_hash FROM sessions WHERE member_id = ? AND token_hash <> ?")) {
            st.setLong(1, memberId);
            st.setString(2, exceptHash);
            try (ResultSet rs = st.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(publicId(rs.getString(1)));
                }
                return out;
            }
        }
    }

    Optional<Session> find(Connection conn, String token, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT token_hash, member_id, csrf_token, last_seen_at, expires_at, acting_as FROM sessions"
                        + " WHERE token_hash = ? AND expires_at > ?")) {
            st.setString(1, Tokens.sha256Hex(token));
            Database.setInstant(st, 2, now);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long acting = rs.getLong(6);
                Long actingAs = rs.wasNull() ? null : acting;
                return Optional.of(new Session(rs.getString(1), rs.getLong(2), rs.getString(3),
                        Database.instant(rs, "last_seen_at"), Database.instant(rs, "expires_at"), actingAs));
            }
        }
    }

    /** Marks the session used and slides its expiry; at most once per {@link AccountsConfig#LAST_USED_INTERVAL}. */
    void touch(Connection conn, String tokenHash, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?")) {
            Database.setInstant(st, 1, now);
            Database.setInstant(st, 2, expiresAt);
            st.setString(3, tokenHash);
            st.executeUpdate();
        }
    }

    void delete(Connection conn, String tokenHash) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
            st.setString(1, tokenHash);
            st.executeUpdate();
        }
    }

    /**
     * Ends every session of a member except {@code keepTokenHash} (after a password change, "log out
     * everywhere else"); returns the public ids of those ended.
     */
    List<String> deleteOthers(Connection conn, long memberId, String keepTokenHash) throws SQLException {
        List<String> ids = ids(conn, memberId, keepTokenHash);
        try (PreparedStatement st = conn.prepareStatement(
                "DELETE FROM sessions WHERE member_id = ? AND token_hash <> ?")) {
            st.setLong(1, memberId);
            st.setString(2, keepTokenHash);
            st.executeUpdate();
        }
        return ids;
    }

    void deleteExpired(Connection conn, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
            Database.setInstant(st, 1, now);
            st.executeUpdate();
        }
    }
}
