package org.parley.accounts;

import java.time.Instant;

/**
 * A member of the network as stored; never serialised directly (it holds no secrets, but shapes are per view).
 *
 * @param avatarVersion names the member's current photo (the avatars feature sets it), {@code null} for none
 * @param organization  an organization account: it cannot sign in, its delegates act as it
 *                      ({@link Organizations})
 * @param verified      the public label an administrator verified the account with ("Official account of
 *                      …"), {@code null} when not verified
 */
public record Member(long id, String username, String displayName, String bio, boolean admin,
                     Long invitedBy, Instant createdAt, String avatarVersion, boolean organization, String verified) {

    /** A person, not verified. */
    public Member(long id, String username, String displayName, String bio, boolean admin, Long invitedBy,
                  Instant createdAt, String avatarVersion) {
        this(id, username, displayName, bio, admin, invitedBy, createdAt, avatarVersion, false, null);
    }

    /**
     * Where photos are served: {@code /api/avatars/{memberId}/{version}}. The version changes with
     * every new photo, so each URL names one image forever and may be cached as immutable.
     */
    public static final String AVATAR_PATH = "/api/avatars/";

    /** A member without a photo. */
    public Member(long id, String username, String displayName, String bio, boolean admin, Long invitedBy,
                  Instant createdAt) {
        this(id, username, displayName, bio, admin, invitedBy, createdAt, null);
    }

    public MemberRef ref() {
        return new MemberRef(username, displayName, avatarUrl(), verified);
    }

    /** The URL of this member's photo, or {@code null} when they have none. */
    public String avatarUrl() {
        return avatarUrl(id, avatarVersion);
    }

    public static String avatarUrl(long memberId, String avatarVersion) {
        return avatarVersion == null ? null : AVATAR_PATH + memberId + "/" + avatarVersion;
    }
}
