package org.parley.rooms;

import java.util.List;

/**
 * A change to a room's state. The server decides which events a command causes ({@link Rules}) and
 * applies them with {@link RoomState#apply}; clients receive the same events and apply them with the
 * same reducer (web/room-state.js), which is why their state cannot drift from the server's.
 * Names and fields are the wire format of docs/protocol.md.
 */
public sealed interface RoomEvent {

    record ParticipantJoined(Participant participant) implements RoomEvent {}

    /** @param reason {@code left}, {@code removed} (by a moderator), {@code timeout} (away too long) or {@code moved} (joined another room) */
    record ParticipantLeft(long memberId, String reason) implements RoomEvent {}

    record RoleChanged(long memberId, Role role, boolean muted) implements RoomEvent {}

    /** @param by the member who changed it (a moderator muting someone, or the member themselves) */
    record MuteChanged(long memberId, boolean muted, long by) implements RoomEvent {}

    /** @param order queue position, 0 when lowered */
    record HandChanged(long memberId, long order) implements RoomEvent {}

    record SpeakInvitation(long memberId, boolean pending) implements RoomEvent {}

    record PresenceChanged(long memberId, boolean away) implements RoomEvent {}

    record SettingsChanged(String title, boolean handRaisingEnabled) implements RoomEvent {}

    /** The members a closed room admits (besides those already inside). */
    record AllowedChanged(List<Long> allowed) implements RoomEvent {}

    /** @param reason {@code ended} by a moderator, or {@code empty} when the last moderator left and nobody could take over */
    record RoomEnded(String reason) implements RoomEvent {}
}
