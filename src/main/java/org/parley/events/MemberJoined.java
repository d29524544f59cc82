package org.parley.events;

/**
 * A person became a member through an invitation (published by invites after the sign-up committed).
 *
 * @param invitedBy the inviting member; null for an operator invitation
 */
public record MemberJoined(long memberId, Long invitedBy) implements Event {
}
