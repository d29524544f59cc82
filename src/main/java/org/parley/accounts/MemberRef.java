package org.parley.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How one member is shown inside another view: the API's {@code MemberRef}.
 *
 * @param avatarUrl where the member's photo is served ({@link Member#avatarUrl(long, String)}), or
 *                  {@code null} when they have none and clients draw the generated one
 * @param verified  the label of a verified account ({@link Member#verified()}); left out of the JSON when
 *                  the account is not verified
 */
public record MemberRef(String username, String displayName, String avatarUrl,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String verified) {

    /** A member who is not verified. */
    public MemberRef(String username, String displayName, String avatarUrl) {
        this(username, displayName, avatarUrl, null);
    }

    /** A member without a photo. */
    public MemberRef(String username, String displayName) {
        this(username, displayName, null, null);
    }
}
