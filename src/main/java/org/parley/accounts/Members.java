package org.parley.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.kernel.SpokenLanguages;

/**
 * The accounts feature's face for other features: who the members are, read or written inside the
 * caller's transaction (methods take its connection, so one request stays one transaction across
 * features). The tables behind it are accounts' own; no other feature reads them.
 *
 * <p>Thread-safe: it holds no state of its own but the password hasher, which is.
 */
public final class Members {

    private final MemberStore store = new MemberStore();
    private final PasswordHasher hasher = new PasswordHasher();
    private final Organizations organizations = new Organizations(store);

    /** Organization accounts, their delegates and verification. */
    public Organizations organizations() {
        return organizations;
    }

    public Optional<Member> byId(Connection conn, long id) throws SQLException {
        return store.byId(conn, id);
    }

    public Optional<Member> byUsername(Connection conn, String username) throws SQLException {
        return store.byUsername(conn, username);
    }

    /**
     * The member a path such as {@code /api/members/{username}} names; empty also when the text cannot
     * be a username at all (it is then not looked up).
     */
    public Optional<Member> byPathName(Connection conn, String username) throws SQLException {
        if (username == null || username.length() > AccountRules.USERNAME_MAX || !username.matches("[A-Za-z0-9_]+")) {
            return Optional.empty();
        }
        return store.byUsername(conn, username);
    }

    /** Whether {@code username} is taken, in any casing — also by a deleted account: it is never given out again. */
    public boolean usernameTaken(Connection conn, String username) throws SQLException {
        return store.usernameTaken(conn, username);
    }

    /** Which of {@code ids} belong to members. */
    public Set<Long> existing(Connection conn, Collection<Long> ids) throws SQLException {
        return store.existing(conn, ids);
    }

    /** Locks the member's row until the transaction ends; serialises per-member quota checks. */
    public void lock(Connection conn, long id) throws SQLException {
        store.lock(conn, id);
    }

    public long count(Connection conn) throws SQLException {
        return store.count(conn);
    }

    /** The members who joined through {@code inviterId}'s invitations, oldest first. */
    public List<MemberRef> invitedBy(Connection conn, long inviterId, int limit) throws SQLException {
        return store.invitedBy(conn, inviterId, limit);
    }

    /**
     * One member in the invitation tree.
     *
     * @param invitedBy the inviter's username; null for the founders (invited by the operator)
     */
    public record TreeEntry(String username, String displayName, String avatarUrl, String invitedBy, boolean admin,
                            Instant memberSince, @JsonInclude(JsonInclude.Include.NON_NULL) String verified,
                            boolean organization, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean former) {}

    /** The whole invitation tree, oldest first (inviters before their invitees), at most {@code limit}. */
    public List<TreeEntry> invitationTree(Connection conn, int limit) throws SQLException {
        return store.tree(conn, limit);
    }

    public void updateProfile(Connection conn, long id, String displayName, String bio) throws SQLException {
        store.updateProfile(conn, id, displayName, bio);
    }

    /** The interface language the member chose (a BCP 47 tag), or null to follow their browser. */
    public String language(Connection conn, long id) throws SQLException {
        return store.setting(conn, id, MemberStore.Setting.LANGUAGE);
    }

    /** Saves the member's interface language; null goes back to following the browser. */
    public void setLanguage(Connection conn, long id, String language) throws SQLException {
        store.setSetting(conn, id, MemberStore.Setting.LANGUAGE, language);
    }

    /**
     * Names the member's current photo, or {@code null} for none: every view of the member then carries
     * {@link Member#avatarUrl()}. Called by the avatars feature in the transaction that stores the images.
     */
    public void setAvatarVersion(Connection conn, long id, String version) throws SQLException {
        store.setSetting(conn, id, MemberStore.Setting.AVATAR_VERSION, version);
    }

    /** The languages the member said they understand (ISO 639-1), in their order; empty when they did not say. */
    public List<String> spokenLanguages(Connection conn, long id) throws SQLException {
        return SpokenLanguages.parse(store.setting(conn, id, MemberStore.Setting.LANGUAGES));
    }

    /** Saves the languages the member understands (ISO 639-1, already checked); empty clears them. */
    public void setSpokenLanguages(Connection conn, long id, List<String> codes) throws SQLException {
        store.setSetting(conn, id, MemberStore.Setting.LANGUAGES, SpokenLanguages.join(codes));
    }

    /**
     * Adds a member (joining through an invitation); throws {@link SQLException} with a unique
     * violation ({@code storage.Database#isUniqueViolation}) when the username is taken.
     *
     * @param passwordHash from {@link #hashPassword}, computed before the transaction: hashing is slow
     */
    public Member join(Connection conn, String username, String displayName, String passwordHash, boolean admin,
                       Long invitedBy, Instant now) throws SQLException {
        return store.insert(conn, username, displayName, passwordHash, admin, invitedBy, now);
    }

    /**
     * What checking the member's password needs, read inside the caller's transaction; the check itself
     * ({@link PasswordCheck#matches}) is deliberately slow, so make it after the transaction.
     */
    public PasswordCheck passwordCheck(Connection conn, long id) throws SQLException {
        String hash = store.passwordHash(conn, id).orElse("");
        return password -> hasher.verify(password, hash);
    }

    /** Checks a re-entered password against the hash read by {@link #passwordCheck}. */
    @FunctionalInterface
    public interface PasswordCheck {
        boolean matches(String password);
    }

    /**
     * Deletes the account as a person sees it: the row becomes a tombstone (the username is never given
     * out again; the invitation tree shows "a former member"), and from now on no look-up finds it.
     * Other features erase their own data first ({@code module.PersonalData}); the sessions end through
     * {@link SessionHttp#endAllSessions}.
     */
    public void tombstone(Connection conn, long id, Instant now) throws SQLException {
        store.tombstone(conn, id, now);
    }

    /** An Argon2id hash of a new password (deliberately slow: call it outside any transaction). */
    public String hashPassword(String password) {
        return hasher.hash(password);
    }

    MemberStore store() {
        return store;
    }

    PasswordHasher hasher() {
        return hasher;
    }
}
