package org.parley.module;

/**
 * Sends server-initiated messages to a member's open WebSocket connections, for any feature (pings
 * today; notifications later). Asynchronous: a caller never waits on a slow client.
 */
@FunctionalInterface
public interface Push {

    /** Sends {@code json} to every open connection of {@code memberId}; false when they have none. */
    boolean toMember(long memberId, String json);
}
