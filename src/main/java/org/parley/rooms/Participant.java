package org.parley.rooms;

import java.time.Instant;

/**
 * One member in a room, as every client sees them.
 *
 * @param handOrder      position in the raised-hand queue (0 = hand down); ascending = first raised first
 * @param invitedToSpeak a moderator invited this listener to the stage and the answer is pending
 * @param away           the member's connection dropped; removed after the grace period unless they return
 * @param avatarUrl      the member's photo when they joined ({@code accounts.Member#avatarUrl}), {@code null}
 *                       for none; a photo changed meanwhile shows from their next join (the old URL is then
 *                       gone and clients draw the generated avatar)
 */
public record Participant(long memberId, String username, String displayName, String avatarUrl, Role role,
                          boolean muted, long handOrder, boolean invitedToSpeak, boolean away, Instant joinedAt) {

    /** A participant without a photo. */
    public Participant(long memberId, String username, String displayName, Role role, boolean muted, long handOrder,
                       boolean invitedToSpeak, boolean away, Instant joinedAt) {
        this(memberId, username, displayName, null, role, muted, handOrder, invitedToSpeak, away, joinedAt);
    }

    public boolean handRaised() {
        return handOrder > 0;
    }

    Participant withRole(Role r) {
        return new Participant(memberId, username, displayName, avatarUrl, r, muted, handOrder, invitedToSpeak, away, joinedAt);
    }

    Participant withMuted(boolean m) {
        return new Participant(memberId, username, displayName, avatarUrl, role, m, handOrder, invitedToSpeak, away, joinedAt);
    }

    Participant withHand(long order) {
        return new Participant(memberId, username, displayName, avatarUrl, role, muted, order, invitedToSpeak, away, joinedAt);
    }

    Participant withInvitedToSpeak(boolean invited) {
        return new Participant(memberId, username, displayName, avatarUrl, role, muted, handOrder, invited, away, joinedAt);
    }

    Participant withAway(boolean a) {
        return new Participant(memberId, username, displayName, avatarUrl, role, muted, handOrder, invitedToSpeak, a, joinedAt);
    }
}
