package org.parley.events;

/**
 * A room went live (published by rooms when it is created, not when a restart brings it back).
 *
 * @param creatorId the member who started it, its first moderator
 */
public record RoomStarted(String roomId, long creatorId) implements Event {
}
