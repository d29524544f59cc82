package org.parley.rooms;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fans room notifications out to every interested part (signalling, media), added at wiring time. */
public final class RoomListeners implements RoomListener {

    private final List<RoomListener> targets = new CopyOnWriteArrayList<>();

    public void add(RoomListener listener) {
        targets.add(listener);
    }

    @Override
    public void stageChanged(String roomId, Set<Long> senders) {
        targets.forEach(t -> t.stageChanged(roomId, senders));
    }

    @Override
    public void participantLeft(String roomId, long memberId) {
        targets.forEach(t -> t.participantLeft(roomId, memberId));
    }

    @Override
    public void roomEnded(String roomId) {
        targets.forEach(t -> t.roomEnded(roomId));
    }

    @Override
    public void hallwayChanged() {
        targets.forEach(RoomListener::hallwayChanged);
    }
}
