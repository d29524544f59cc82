package org.parley.rooms;

import java.util.Set;

/**
 * What other parts of Parley learn from rooms, fired on the room's executor after a change is
 * applied. The media server implements {@link #stageChanged} to enforce who may send audio: it gets
 * the set of members allowed to send (on stage and unmuted) the moment a mute, demotion or removal
 * is accepted, before any client hears about it.
 */
public interface RoomListener {

    /** @param senders members on stage and unmuted: the only ones whose audio may be forwarded */
    default void stageChanged(String roomId, Set<Long> senders) {}

    /** The member is no longer in the room (left, removed, timed out). */
    default void participantLeft(String roomId, long memberId) {}

    default void roomEnded(String roomId) {}

    /** Something the hallway shows changed (title, stage, counts, a room started or ended). */
    default void hallwayChanged() {}
}
