package org.parley.rooms;

import java.util.Map;
import java.util.Set;

/**
 * What a {@link Room} tells {@link Rooms}, on the room's executor after a change is applied; Rooms
 * does its own bookkeeping and publishes each as an event on the bus (org.parley.events), which is
 * how other parts of Parley hear of it.
 */
interface RoomListener {

    /**
     * @param senders      members on stage and unmuted: the only ones whose audio may be forwarded
     * @param interpreters members interpreting, by language: their audio goes to that language's listeners only
     */
    void stageChanged(String roomId, Set<Long> senders, Map<Long, String> interpreters);

    /** The member is no longer in the room (left, removed, timed out). */
    void participantLeft(String roomId, long memberId);

    void roomEnded(String roomId);

    /** Something the hallway shows changed (title, stage, counts, a room started or ended). */
    void hallwayChanged();
}
