package org.parley.events;

import java.util.List;

/**
 * A host started a scheduled event: it is live in room {@code roomId}. {@code recipients} (the other
 * hosts, the members who RSVP'd and the starter's followers, those who may see it) are to be told
 * "starting now" with a link to the room.
 */
public record EventStarted(String eventId, String title, long startedBy, String roomId, List<Long> recipients)
        implements Event {

    public EventStarted {
        recipients = List.copyOf(recipients);
    }
}
