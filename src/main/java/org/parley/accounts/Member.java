package org.parley.accounts;

import java.time.Instant;

/** A member of the network as stored; never serialised directly (it holds no secrets, but shapes are per view). */
public record Member(long id, String username, String displayName, String bio, boolean admin,
                     Long invitedBy, Instant createdAt) {

    public MemberRef ref() {
        return new MemberRef(username, displayName);
    }
}
