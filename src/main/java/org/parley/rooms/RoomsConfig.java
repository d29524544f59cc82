package org.parley.rooms;

import java.time.Duration;

/**
 * @param capacity      most members in one room on this node
 * @param presenceGrace how long a member whose connection dropped stays (shown as away) before removal
 */
public record RoomsConfig(int capacity, Duration presenceGrace) {

    /** Past the 5,000–8,000 caps of the network Parley replaces; the benchmark shows one node holds it. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Long enough to ride out a network change or a page reload. */
    public static final Duration DEFAULT_PRESENCE_GRACE = Duration.ofSeconds(30);
    /** Deltas kept per room for clients resuming after a reconnect; older versions get a snapshot. */
    static final int DELTA_LOG_SIZE = 512;

    public static RoomsConfig defaults() {
        return new RoomsConfig(DEFAULT_CAPACITY, DEFAULT_PRESENCE_GRACE);
    }
}
