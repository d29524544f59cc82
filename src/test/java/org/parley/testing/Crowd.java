package org.parley.testing;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parley.kernel.Tokens;
import org.parley.storage.Database;

/**
 * Many members at once for tests of big rooms: written straight into the server's database with a
 * session each, because signing up dozens of people through Argon2id would dominate the test.
 */
public final class Crowd {

    /** One member of the crowd: the id and the session token, sent as the cookie {@link #cookie()}. */
    public record Member(long id, String username, String token) {
        /** The session cookie header for {@link WsClient#connect}. */
        public String cookie() {
            return "parley_session=" + token;
        }
    }

    private Crowd() {}

    /** Members {@code prefix}0…{@code prefix}{n-1} ("Listener k"), each signed in once. */
    public static List<Member> signedIn(TestParley parley, String prefix, int n) {
        return signedIn(parley.server().database(), prefix, n);
    }

    /** Members {@code prefix}0…{@code prefix}{n-1} ("Listener k") in {@code db}, each signed in once. */
    public static List<Member> signedIn(Database db, String prefix, int n) {
        Instant now = Instant.now();
        return db.transaction(conn -> {
            List<Member> out = new ArrayList<>(n);
            try (PreparedStatement m = conn.prepareStatement(
                    "INSERT INTO members (username, username_key, display_name, bio, password_hash, admin, created_at)"
                            + " VALUES (?, ?, ?, '', 'x', FALSE, ?)", new String[] {"id"});
                 PreparedStatement s = conn.prepareStatement(
                    "INSERT INTO sessions (token_hash, member_id, csrf_token, created_at, last_seen_at, expires_at)"
                            + " VALUES (?, ?, 'crowd', ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    String username = prefix + i;
                    m.setString(1, username);
                    m.setString(2, username.toLowerCase(java.util.Locale.ROOT));
                    m.setString(3, "Listener " + i);
                    Database.setInstant(m, 4, now);
                    m.executeUpdate();
                    long id;
                    try (var keys = m.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                    String token = Tokens.random();
                    s.setString(1, Tokens.sha256Hex(token));
                    s.setLong(2, id);
                    Database.setInstant(s, 3, now);
                    Database.setInstant(s, 4, now);
                    Database.setInstant(s, 5, now.plusSeconds(86_400));
                    s.executeUpdate();
                    out.add(new Member(id, username, token));
                }
            }
            return out;
        });
    }

    /** Connects as {@code member} and waits for {@code hello}. */
    public static WsClient connect(TestParley parley, Member member) {
        WsClient ws = WsClient.connect(parley.baseUrl(), member.cookie(), null);
        ws.awaitType("hello");
        return ws;
    }
}
