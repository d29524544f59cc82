package org.parley.events;

/** A room ended: everything kept for it (audio legs, send policies, speaking state) can go. */
public record RoomEnded(String roomId) implements Event {
}
