package org.parley.rooms;

import java.util.List;

/**
 * A change to a room's state. The server decides which events a command causes ({@link Rules}) and
 * applies them with {@link RoomState#apply}; clients receive the same events and apply them with the
 * same reducer (web/rooms/state.js), which is why their state cannot drift from the server's.
 * Names and fields are the wire format of docs/protocol.md.
 *
 * <p>Clients hold a smaller copy than the server ({@link RoomView}: the stage, raised hands,
 * invitations and a first page of the audience), so they receive the events about the members they
 * hold, and {@link AudienceChanged}, the one event the server derives for them instead of deciding it.
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

    /** @param description the room's new description, empty for none */
    record DescriptionChanged(String description) implements RoomEvent {}

    /** @param languages the interpretation channels the room offers (ISO 639-1), in the moderators' order */
    record InterpretationChanged(List<String> languages) implements RoomEvent {}

    /**
     * @param language what the member now interprets into, {@code null} when back to the floor
     * @param muted    whether they are muted after it (sent back to the floor, they are: nobody is on air by surprise)
     */
    record InterpreterChanged(long memberId, String language, boolean muted) implements RoomEvent {}

    /** The members a closed room admits (besides those already inside). */
    record AllowedChanged(List<Long> allowed) implements RoomEvent {}

    /** @param reason {@code ended} by a moderator, or {@code empty} when the last moderator left and nobody could take over */
    record RoomEnded(String reason) implements RoomEvent {}

    /**
     * Clients only: after a batch, what changed in the part of the audience they hold ({@link RoomView}).
     * The server's own state needs nothing from it; {@link RoomState#apply} ignores it.
     *
     * @param listenerCount the listeners in the room now, shown or not
     * @param shown         participants clients now hold who were not in the events before (in full, as they are now)
     * @param hidden        members clients no longer hold, though they are still in the room
     */
    record AudienceChanged(long listenerCount, List<Participant> shown, List<Long> hidden) implements RoomEvent {}
}
