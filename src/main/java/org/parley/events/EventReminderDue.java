package org.parley.events;

import java.util.List;

/**
 * A scheduled event starts soon: its reminder was claimed (once, by the schedule's housekeeping) and
 * {@code recipients} — its hosts and the members who RSVP'd — are to be told.
 */
public record EventReminderDue(String eventId, String title, long creatorId, List<Long> recipients) implements Event {

    public EventReminderDue {
        recipients = List.copyOf(recipients);
    }
}
