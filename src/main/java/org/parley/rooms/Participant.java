package org.parley.rooms;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param interpreting   for a speaker named interpreter, the language (ISO 639-1) they interpret the floor
 *                       into: their audio reaches only the listeners of that language, and they hear the
 *                       floor only; {@code null} (and left out of the JSON) for everyone else
 * @param verified       the member's verification label ({@code accounts.Member#verified}) when they joined;
 *                       {@code null} (and left out of the JSON) when not verified
 */
public record Participant(long memberId, String username, String displayName, String avatarUrl, Role role,
                          boolean muted, long handOrder, boolean invitedToSpeak, boolean away, Instant joinedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String interpreting,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String verified) {

    /** A participant who is not verified. */
    public Participant(long memberId, String username, String displayName, String avatarUrl, Role role,
                       boolean muted, long handOrder, boolean invitedToSpeak, boolean away, Instant joinedAt,
                       String interpreting) {
        this(memberId, username, displayName, avatarUrl, role, muted, handOrder, invitedToSpeak, away, joinedAt,
                interpreting, null);
    }

    /** A participant who interprets nothing. */
    public Participant(long memberId, String username, String displayName, String avatarUrl, Role role,
                       boolean muted, long handOrder, boolean invitedToSpeak, boolean away, Instant joinedAt) {
        this(memberId, username, displayName, avatarUrl, role, muted, handOrder, invitedToSpeak, away, joinedAt, null);
    }

    /** A participant without a photo. */
    public Participant(long memberId, String username, String displayName, Role role, boolean muted, long handOrder,
                       boolean invitedToSpeak, boolean away, Instant joinedAt) {
        this(memberId, username, displayName, null, role, muted, handOrder, invitedToSpeak, away, joinedAt);
    }

    public boolean handRaised() {
        return handOrder > 0;
    }

    Participant withRole(Role r) {
        return new Participant(memberId, username, displayName, avatarUrl, r, muted, handOrder, invitedToSpeak, away, joinedAt, interpreting, verified);
    }

    Participant withMuted(boolean m) {
        return new Participant(memberId, username, displayName, avatarUrl, role, m, handOrder, invitedToSpeak, away, joinedAt, interpreting, verified);
    }

    Participant withHand(long order) {
        return new Participant(memberId, username, displayName, avatarUrl, role, muted, order, invitedToSpeak, away, joinedAt, interpreting, verified);
    }

    Participant withInvitedToSpeak(boolean invited) {
        return new Participant(memberId, username, displayName, avatarUrl, role, muted, handOrder, invited, away, joinedAt, interpreting, verified);
    }

    Participant withInterpreting(String language) {
        return new Participant(memberId, username, displayName, avatarUrl, role, muted, handOrder, invitedToSpeak, away, joinedAt, language, verified);
    }

    Participant withAway(boolean a) {
        return new Participant(memberId, username, displayName, avatarUrl, role, muted, handOrder, invitedToSpeak, a, joinedAt, interpreting, verified);
    }
}
