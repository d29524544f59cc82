package org.parley.events;

import java.util.List;

/**
 * A host moved scheduled event {@code eventId} to another time, or ({@code cancelled}) cancelled it;
 * {@code recipients} (the members who RSVP'd and the other hosts, those who may see it) are to be told.
 */
public record EventChanged(String eventId, String title, long host, boolean cancelled, List<Long> recipients)
        implements Event {

    public EventChanged {
        recipients = List.copyOf(recipients);
    }
}
