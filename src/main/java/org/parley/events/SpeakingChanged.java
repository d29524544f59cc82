package org.parley.events;

import java.util.Set;

/**
 * Who is speaking in a room changed (the clients' speaking rings). Published by the media server's
 * speaker selection on its packet thread, only when the set changes and at most a few times a
 * second: never per packet.
 */
public record SpeakingChanged(String roomId, Set<Long> members) implements Event {

    public SpeakingChanged {
        members = Set.copyOf(members);
    }
}
