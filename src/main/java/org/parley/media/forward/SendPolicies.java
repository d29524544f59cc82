package org.parley.media.forward;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link SendPolicy} of every room, kept current from the rooms feature's events (relayed by
 * {@code MediaServer}, a {@code StageListener}); the packet path looks a room's policy up once (when a peer joins) and keeps the
 * reference, whose snapshot is replaced in place.
 *
 * <p>Threading: events arrive on each room's executor, so one room's policy has one writer; the map is
 * concurrent because different rooms' executors and packet threads use it at once.
 */
public final class SendPolicies {

    private final Map<String, SendPolicy> rooms = new ConcurrentHashMap<>();
    private final DropCounters counters;

    public SendPolicies(DropCounters counters) {
        this.counters = Objects.requireNonNull(counters);
    }

    /** The room's policy, created closed (nobody may send) if the room has not announced its stage yet. */
    public SendPolicy room(String roomId) {
        SendPolicy p = rooms.get(roomId);
        return p != null ? p : rooms.computeIfAbsent(roomId, id -> new SendPolicy(counters));
    }

    /** A stage without interpreters: everyone on the floor. */
    public void stageChanged(String roomId, Set<Long> senders) {
        stageChanged(roomId, senders, Map.of());
    }

    /** @param interpreters members on an interpretation channel, by language; the others speak to the floor */
    public void stageChanged(String roomId, Set<Long> senders, Map<Long, String> interpreters) {
        room(roomId).update(senders, interpreters);
    }

    public void participantLeft(String roomId, long memberId) {
        // Belt and braces: a leaver on stage also triggers stageChanged, but never forward them meanwhile.
        SendPolicy p = rooms.get(roomId);
        if (p != null) {
            p.remove(memberId);
        }
    }

    public void roomEnded(String roomId) {
        SendPolicy p = rooms.remove(roomId);
        if (p != null) {
            p.update(Set.of()); // peers still holding the reference must stop forwarding too
        }
    }
}
