package org.parley.schedule;

import java.time.Duration;
import java.time.Instant;
import org.parley.rooms.RoomType;

/**
 * One scheduled event as stored.
 *
 * @param language the floor language (ISO 639-1), null when not given
 * @param roomId   the live room it became; null until a host starts it
 * @param sequence RFC 5545 §3.8.7.4 SEQUENCE: how many times it was revised (edits, the cancel)
 */
record ScheduledEvent(String id, long creatorId, String title, String description, Instant startsAt, int lengthMinutes,
                      String language, RoomType type, Status status, String roomId, int sequence, Instant createdAt,
                      Instant updatedAt) {

    /** Where an event is in its life; {@code live} events whose room has ended are shown as ended. */
    enum Status { scheduled, live, cancelled, missed }

    Instant endsAt() {
        return startsAt.plus(Duration.ofMinutes(lengthMinutes));
    }
}
