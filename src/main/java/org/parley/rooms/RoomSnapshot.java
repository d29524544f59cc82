package org.parley.rooms;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.parley.accounts.MemberRef;

/**
 * A room's whole state at one version: what a client receives on join (docs/protocol.md
 * {@code snapshot}) and what other threads may read. Immutable.
 *
 * @param description the line under the title, empty for none
 * @param language    the floor language (ISO 639-1), null when not given
 * @param interpretation the languages the floor is interpreted into, empty for none
 * @param allowed for closed rooms, the members admitted besides those inside; empty otherwise
 * @param hosts   hosts besides the creator (a scheduled event's), who enter as moderators
 * @param operators the delegate operating each organization in the room, by its member id: for the room's
 *                  moderators only (never sent to clients with the room)
 * @param club    the club the room was started in, or null
 */
public record RoomSnapshot(String id, String title, String description, String language, List<String> interpretation,
                           RoomType type, long creatorId, Instant createdAt,
                           boolean handRaisingEnabled, boolean ended, long version,
                           List<Participant> participants, List<Long> allowed, List<Long> hosts,
                           Map<Long, MemberRef> operators, ClubTag club) {

    public RoomSnapshot {
        interpretation = List.copyOf(interpretation);
        participants = List.copyOf(participants);
        allowed = List.copyOf(allowed);
        hosts = List.copyOf(hosts);
        operators = Map.copyOf(operators);
    }

    public List<Participant> stage() {
        return participants.stream().filter(p -> p.role().onStage()).toList();
    }

    /** The member's participant entry, if they are in the room. */
    public java.util.Optional<Participant> participant(long memberId) {
        return participants.stream().filter(p -> p.memberId() == memberId).findFirst();
    }

    public long listenerCount() {
        return participants.stream().filter(p -> !p.role().onStage()).count();
    }
}
