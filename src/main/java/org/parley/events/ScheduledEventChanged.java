package org.parley.events;

/**
 * A scheduled event was created, edited, cancelled, started or its hosts changed (published by
 * schedule after the change committed). Search re-reads the event.
 */
public record ScheduledEventChanged(String eventId) implements Event {
}
