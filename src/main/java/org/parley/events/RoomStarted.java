package org.parley.events;

/** A room went live (published by rooms when it is created, not when a restart brings it back). */
public record RoomStarted(String roomId) implements Event {
}
