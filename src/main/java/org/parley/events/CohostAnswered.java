package org.parley.events;

/** {@code cohost} accepted or declined hosting event {@code eventId}; {@code creator} asked them. */
public record CohostAnswered(String eventId, String title, long cohost, long creator, boolean accepted) implements Event {
}
