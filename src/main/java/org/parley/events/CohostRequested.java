package org.parley.events;

/** {@code host} asked {@code cohost} to host scheduled event {@code eventId} with them (published by schedule). */
public record CohostRequested(String eventId, String title, long host, long cohost) implements Event {
}
