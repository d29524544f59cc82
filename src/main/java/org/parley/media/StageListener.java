package org.parley.media;

import java.util.Map;
import java.util.Set;

/**
 * What the media server needs to hear about rooms, in its own terms: the media package imports no
 * feature. Its module ({@code app.MediaModule}) adapts the rooms' bus events to it; tests call it directly.
 * Called on a room's executor; each method only swaps a snapshot or closes legs, never blocks.
 */
public interface StageListener {

    /**
     * @param senders      members on stage and unmuted: the only ones whose audio may be forwarded
     * @param interpreters members named interpreters, by the language they interpret into (muted or not):
     *                     their audio goes only to the listeners of that language, and they hear the floor only
     */
    void stageChanged(String roomId, Set<Long> senders, Map<Long, String> interpreters);

    /** A room without interpretation. */
    default void stageChanged(String roomId, Set<Long> senders) {
        stageChanged(roomId, senders, Map.of());
    }

    /** The member is no longer in the room: their legs close and nothing of theirs is forwarded. */
    void participantLeft(String roomId, long memberId);

    /** The room ended: every leg in it closes. */
    void roomEnded(String roomId);
}
