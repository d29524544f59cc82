package org.parley.accounts;

/**
 * How one member is shown inside another view: the API's {@code MemberRef}.
 *
 * @param avatarUrl where the member's photo is served ({@link Member#avatarUrl(long, String)}), or
 *                  {@code null} when they have none and clients draw the generated one
 */
public record MemberRef(String username, String displayName, String avatarUrl) {

    /** A member without a photo. */
    public MemberRef(String username, String displayName) {
        this(username, displayName, null);
    }
}
