package org.parley.invites;

import java.time.Duration;

/**
 * @param perMember how many invitations a new member may have pending or used (administrators: unlimited)
 * @param ttl       how long an invitation link stays valid
 */
public record InvitesConfig(int perMember, Duration ttl) {

    /** Scarcity made the original network's invitations worth something; two keeps growth personal. */
    public static final int DEFAULT_PER_MEMBER = 2;
    public static final Duration DEFAULT_TTL = Duration.ofDays(14);

    public static InvitesConfig defaults() {
        return new InvitesConfig(DEFAULT_PER_MEMBER, DEFAULT_TTL);
    }
}
