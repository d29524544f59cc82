package org.parley.rooms;

import java.util.List;
import org.parley.accounts.MemberRef;

/**
 * What a member (or the server, for presence) asks a room to do. Parsed from the WebSocket protocol
 * (docs/protocol.md) and checked by {@link Rules} against the actor's role and the room's rules.
 */
public sealed interface Command {

    /**
     * @param memberId   who joins, with the names, photo ({@code null}: none) and verification label
     *                   ({@code null}: none) shown to the room
     * @param operatedBy the delegate operating {@code memberId}, an organization ({@code null}: a person joining
     *                   as themselves); only the room's moderators may look it up
     */
    record Join(long memberId, String username, String displayName, String avatarUrl, String verified,
                MemberRef operatedBy) implements Command {

        public Join(long memberId, String username, String displayName, String avatarUrl) {
            this(memberId, username, displayName, avatarUrl, null, null);
        }

        public Join(long memberId, String username, String displayName) {
            this(memberId, username, displayName, null);
        }
    }

    /** @param quietly the room is not told with a "left" notice (the state still changes) */
    record Leave(boolean quietly) implements Command {}

    record RaiseHand() implements Command {}

    record LowerHand() implements Command {}

    record SetHandRaising(boolean enabled) implements Command {}

    record InviteToSpeak(long target) implements Command {}

    record AnswerInvitation(boolean accept) implements Command {}

    /** Back to the audience: a moderator moving a speaker, or anyone on stage leaving it themselves. */
    record MoveToAudience(long target) implements Command {}

    record MakeModerator(long target) implements Command {}

    /** Mute or unmute {@code target}. Anyone on stage may do either to themselves; a moderator may only mute others. */
    record SetMuted(long target, boolean muted) implements Command {}

    record Remove(long target) implements Command {}

    record EndRoom() implements Command {}

    record EditTitle(String title) implements Command {}

    /** An empty description removes it. */
    record EditDescription(String description) implements Command {}

    /** The languages the room is interpreted into (ISO 639-1, at most {@link Rules#INTERPRETATION_MAX}); empty: none. */
    record SetInterpretation(List<String> languages) implements Command {}

    /** Names speaker {@code target} interpreter into {@code language}, or back to the floor ({@code null}). */
    record NameInterpreter(long target, String language) implements Command {}

    /** Closed rooms: the members admitted. */
    record SetAllowed(List<Long> members) implements Command {}

    /** Server-side: the member's last connection dropped (shown as away) or came back. */
    record Presence(boolean away) implements Command {}

    /** Server-side: the member stayed away past the grace period. */
    record TimedOut() implements Command {}
}
