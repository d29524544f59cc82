package org.parley.events;

/**
 * A room went live (published by rooms when it is created, not when a restart brings it back).
 *
 * @param creatorId the member who started it, its first moderator
 * @param scheduled it is a scheduled event's room: those who care were told by {@link EventStarted}
 *                  (the notification centre sends no "started a room" for it)
 */
public record RoomStarted(String roomId, long creatorId, boolean scheduled) implements Event {

    public RoomStarted(String roomId, long creatorId) {
        this(roomId, creatorId, false);
    }
}
