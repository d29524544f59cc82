package org.parley.events;

import java.util.Map;
import java.util.Set;

/**
 * Who may send audio in a room changed: published by rooms on the room's executor the moment a
 * mute, demotion or removal is accepted, before any client hears of it; the media server enforces it.
 *
 * @param senders      members on stage and unmuted: the only ones whose audio may be forwarded (immutable)
 * @param interpreters members named interpreters, by the language they interpret into (muted or not;
 *                     immutable): their audio reaches only that language's listeners
 */
public record StageChanged(String roomId, Set<Long> senders, Map<Long, String> interpreters) implements Event {

    public StageChanged {
        senders = Set.copyOf(senders);
        interpreters = Map.copyOf(interpreters);
    }

    /** A stage without interpreters. */
    public StageChanged(String roomId, Set<Long> senders) {
        this(roomId, senders, Map.of());
    }
}
