package org.parley.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.kernel.Confusables;
import org.parley.storage.Database;
import org.parley.storage.Dialect;

/** SQL for the {@code members} table. Methods take the caller's connection so they can join a transaction. */
final class MemberStore {

    private static final String COLUMNS = "id, username, display_name, bio, admin, invited_by, created_at, avatar_version,"
            + " kind, verified_label";
    /** {@code members.password_hash} of an organization: not a PHC string, so no password ever matches it. */
    static final String NO_PASSWORD = "!";

    /** The case-insensitive key under which a username is unique. */
    public static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /** Inserts a member; throws {@link SQLException} with SQLSTATE 23505 when the username is taken. */
    public Member insert(Connection conn, String username, String displayName, String passwordHash,
                         boolean admin, Long invitedBy, Instant now) throws SQLException {
        return insert(conn, username, displayName, "", passwordHash, admin, invitedBy, now, false);
    }

    /** Inserts an organization: no password, no inviter (its creator is its first owner, in {@code delegates}). */
    Member insertOrganization(Connection conn, String username, String displayName, String bio, Instant now)
            throws SQLException {
        return insert(conn, username, displayName, bio, NO_PASSWORD, false, null, now, true);
    }

    private Member insert(Connection conn, String username, String displayName, String bio, String passwordHash,
                          boolean admin, Long invitedBy, Instant now, boolean organization) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO members (username, username_key, display_name, bio, password_hash, admin, invited_by, created_at,"
                        + " kind, name_skeleton) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            st.setString(1, username);
            st.setString(2, key(username));
            st.setString(3, displayName);
            st.setString(4, bio);
            st.setString(5, passwordHash);
            st.setBoolean(6, admin);
            st.setObject(7, invitedBy);
            Database.setInstant(st, 8, now);
            st.setString(9, organization ? "organization" : "person");
            st.setString(10, skeleton(displayName));
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return new Member(keys.getLong(1), username, displayName, bio, admin, invitedBy, now, null, organization, null);
            }
        }
    }

    /** {@code members.name_skeleton}: null for a name with no letter or digit, which imitates nobody. */
    static String skeleton(String displayName) {
        String skeleton = Confusables.skeleton(displayName);
        return skeleton.isEmpty() ? null : skeleton;
    }

    public Optional<Member> byId(Connection conn, long id) throws SQLException {
        return one(conn, "SELECT " + COLUMNS + " FROM members WHERE id = ? AND deleted_at IS NULL", st -> st.setLong(1, id));
    }

    public Optional<Member> byUsername(Connection conn, String username) throws SQLException {
        return one(conn, "SELECT " + COLUMNS + " FROM members WHERE username_key = ? AND deleted_at IS NULL", st -> st.setString(1, key(username)));
    }

    boolean usernameTaken(Connection conn, String username) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT 1 FROM members WHERE username_key = ?")) {
            st.setString(1, key(username));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Locks the member's row until the transaction ends; serialises per-member quota checks. */
    public void lock(Connection conn, long id) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT id FROM members WHERE id = ?" + Dialect.of(conn).rowLock())) {
            st.setLong(1, id);
            st.executeQuery().close();
        }
    }

    public Optional<String> passwordHash(Connection conn, long id) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT password_hash FROM members WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void updatePasswordHash(Connection conn, long id, String hash) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE members SET password_hash = ? WHERE id = ?")) {
            st.setString(1, hash);
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    public void updateProfile(Connection conn, long id, String displayName, String bio) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "UPDATE members SET display_name = ?, bio = ?, name_skeleton = ? WHERE id = ?")) {
            st.setString(1, displayName);
            st.setString(2, bio);
            st.setString(3, skeleton(displayName));
            st.setLong(4, id);
            st.executeUpdate();
        }
    }

    /** One of the member's optional text settings: a column of {@code members}, never from input. */
    enum Setting {
        /** The interface language the member chose, or null (follow the browser). */
        LANGUAGE("language"),
        /** The languages the member understands, as stored ("de,en"), or null. */
        LANGUAGES("languages"),
        /** The member's current photo ({@code null}: none); the avatars feature keeps the images. */
        AVATAR_VERSION("avatar_version");

        final String column;

        Setting(String column) {
            this.column = column;
        }
    }

    String setting(Connection conn, long id, Setting setting) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT " + setting.column + " FROM members WHERE id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    void setSetting(Connection conn, long id, Setting setting, String value) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE members SET " + setting.column + " = ? WHERE id = ?")) {
            st.setString(1, value);
            st.setLong(2, id);
            st.executeUpdate();
        }
    }

    /** The members who joined through {@code inviterId}'s invitations, oldest first. */
    public List<MemberRef> invitedBy(Connection conn, long inviterId, int limit) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT username, display_name, id, avatar_version, verified_label FROM members WHERE invited_by = ?"
                        + " AND deleted_at IS NULL ORDER BY created_at, id LIMIT ?")) {
            st.setLong(1, inviterId);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                List<MemberRef> refs = new ArrayList<>();
                while (rs.next()) {
                    refs.add(new MemberRef(rs.getString(1), rs.getString(2), Member.avatarUrl(rs.getLong(3), rs.getString(4)),
                            rs.getString(5)));
                }
                return refs;
            }
        }
    }

    /**
     * The invitation tree as a list, oldest member first (so every inviter comes before those they
     * invited): each member with the username of who invited them; at most {@code limit}.
     */
    List<Members.TreeEntry> tree(Connection conn, int limit) throws SQLException {
        // A deleted account keeps its place as "a former member": a key no username can be ("~" + id),
        // nothing else of it.
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT m.username, m.display_name, p.username, m.admin, m.created_at AS created_at, m.id, m.avatar_version,"
                        + " m.verified_label, m.kind, m.deleted_at AS deleted_at, p.id, p.deleted_at AS parent_deleted_at"
                        + " FROM members m"
                        + " LEFT JOIN members p ON p.id = m.invited_by ORDER BY m.created_at, m.id LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                List<Members.TreeEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    String parent = rs.getString(3) == null ? null
                            : Database.instant(rs, "parent_deleted_at") != null ? FORMER + rs.getLong(11) : rs.getString(3);
                    if (Database.instant(rs, "deleted_at") != null) {
                        entries.add(new Members.TreeEntry(FORMER + rs.getLong(6), "", null, parent, false,
                                Database.instant(rs, "created_at"), null, false, true));
                        continue;
                    }
                    entries.add(new Members.TreeEntry(rs.getString(1), rs.getString(2),
                            Member.avatarUrl(rs.getLong(6), rs.getString(7)), parent,
                            rs.getBoolean(4), Database.instant(rs, "created_at"), rs.getString(8),
                            "organization".equals(rs.getString(9)), false));
                }
                return entries;
            }
        }
    }

    /** How the invitation tree names a former member: no username starts so. */
    static final String FORMER = "~";

    /**
     * Turns the member's row into a tombstone: the username stays taken (never given out again) and the
     * invitation tree keeps the edge; names, bio, password, photo, languages and labels are cleared.
     */
    void tombstone(Connection conn, long id, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "UPDATE members SET display_name = '', bio = '', password_hash = ?, admin = ?, language = NULL,"
                        + " languages = NULL, avatar_version = NULL, verified_label = NULL, name_skeleton = NULL,"
                        + " deleted_at = ? WHERE id = ?")) {
            st.setString(1, NO_PASSWORD);
            st.setBoolean(2, false);
            Database.setInstant(st, 3, now);
            st.setLong(4, id);
            st.executeUpdate();
        }
    }

    /** Which of {@code ids} belong to members (queried in chunks to keep statements small). */
    public java.util.Set<Long> existing(Connection conn, java.util.Collection<Long> ids) throws SQLException {
        java.util.Set<Long> found = new java.util.HashSet<>();
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement st = conn.prepareStatement("SELECT id FROM members WHERE deleted_at IS NULL AND id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
            }
        }
        return found;
    }

    /** Every member (not deleted ones), in id order, one at a time (search's rebuild reads the whole table once). */
    void each(Connection conn, java.util.function.Consumer<Member> out) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT " + COLUMNS + " FROM members WHERE deleted_at IS NULL ORDER BY id")) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.accept(read(rs));
                }
            }
        }
    }

    public long count(Connection conn) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT COUNT(*) FROM members WHERE deleted_at IS NULL");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Optional<Member> one(Connection conn, String sql, Binder binder) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            binder.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Member read(ResultSet rs) throws SQLException {
        long inviter = rs.getLong("invited_by");
        Long invitedBy = rs.wasNull() ? null : inviter;
        return new Member(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("bio"), rs.getBoolean("admin"), invitedBy, Database.instant(rs, "created_at"),
                rs.getString("avatar_version"), "organization".equals(rs.getString("kind")), rs.getString("verified_label"));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }
}
