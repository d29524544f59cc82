package org.parley.events;

/** The member is no longer in the room (left, removed, timed out). */
public record ParticipantLeft(String roomId, long memberId) implements Event {
}
