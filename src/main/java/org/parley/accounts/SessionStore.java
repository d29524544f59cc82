package org.parley.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

    NewSession create(Connection conn, long memberId, Instant now, Instant expiresAt) throws SQLException {
        String token = Tokens.random();
        String csrf = Tokens.random();
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO sessions (token_hash, member_id, csrf_token, created_at, last_seen_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, Tokens.sha256Hex(token));
            st.setLong(2, memberId);
            st.setString(3, csrf);
            Database.setInstant(st, 4, now);
            Database.setInstant(st, 5, now);
            Database.setInstant(st, 6, expiresAt);
            st.executeUpdate();
        }
        return new NewSession(token, csrf);
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

    /** Slides the expiry forward; called at most once per {@link SessionHttp#TOUCH_INTERVAL}. */
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

    /** Ends every session of a member except {@code keepTokenHash} (after a password change). */
    void deleteOthers(Connection conn, long memberId, String keepTokenHash) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "DELETE FROM sessions WHERE member_id = ? AND token_hash <> ?")) {
            st.setLong(1, memberId);
            st.setString(2, keepTokenHash);
            st.executeUpdate();
        }
    }

    void deleteExpired(Connection conn, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
            Database.setInstant(st, 1, now);
            st.executeUpdate();
        }
    }
}
