package org.parley.events;

import java.util.Set;

/**
 * Who may send audio in a room changed: published by rooms on the room's executor the moment a
 * mute, demotion or removal is accepted, before any client hears of it; the media server enforces it.
 *
 * @param senders members on stage and unmuted: the only ones whose audio may be forwarded (immutable)
 */
public record StageChanged(String roomId, Set<Long> senders) implements Event {

    public StageChanged {
        senders = Set.copyOf(senders);
    }
}
