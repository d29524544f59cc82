package org.parley.rooms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.accounts.MemberRef;

/**
 * The live state of one room. Owned by the room's serial executor ({@link Room}): only that executor
 * reads or writes it, so it needs no locks. It changes only through {@link #apply(RoomEvent)}, the
 * reducer that web/rooms/state.js mirrors on every client.
 */
final class RoomState {

    final String id;
    final RoomType type;
    final long creatorId;
    final Instant createdAt;
    String title;
    /** The line under the title; empty when the room has none. */
    String description = "";
    /** The club the room was started in, or null. Fixed when the room starts. */
    ClubTag club;
    /** The floor language (ISO 639-1), or null when the creator gave none. */
    String language;
    /** The languages the floor is interpreted into (ISO 639-1), in order; empty for none. */
    List<String> interpretation = List.of();
    boolean handRaisingEnabled = true;
    boolean ended;
    String endReason;
    /** Version of the state after the last applied batch of events; strictly increasing. */
    long version;
    /** Last hand-queue position handed out. */
    long handCounter;
    final Set<Long> allowed = new HashSet<>();
    /**
     * Hosts besides the creator (a scheduled event's co-hosts): they may always enter, and enter as
     * moderators. Fixed when the room starts.
     */
    final Set<Long> hosts = new HashSet<>();
    /** Members removed by a moderator: they cannot enter this room again. Server-side only. */
    final Set<Long> removed = new HashSet<>();
    final Map<Long, Participant> participants = new LinkedHashMap<>();
    /**
     * Who operates the organizations in the room: the delegate of each one's latest join. Server-side
     * only, never in an event or a snapshot clients get; the moderators look it up ({@link RoomSnapshot#operators}).
     */
    final Map<Long, MemberRef> operators = new HashMap<>();

    RoomState(String id, String title, RoomType type, long creatorId, Instant createdAt) {
        this.id = id;
        this.title = title;
        this.type = type;
        this.creatorId = creatorId;
        this.createdAt = createdAt;
    }

    Optional<Participant> participant(long memberId) {
        return Optional.ofNullable(participants.get(memberId));
    }

    List<Participant> stage() {
        return participants.values().stream().filter(p -> p.role().onStage()).toList();
    }

    List<Participant> moderators() {
        return participants.values().stream().filter(p -> p.role() == Role.moderator).toList();
    }

    /** Listeners with a raised hand, first raised first. */
    List<Participant> handQueue() {
        return participants.values().stream().filter(Participant::handRaised)
                .sorted(Comparator.comparingLong(Participant::handOrder)).toList();
    }

    void apply(RoomEvent event) {
        switch (event) {
            case RoomEvent.ParticipantJoined e -> participants.put(e.participant().memberId(), e.participant());
            case RoomEvent.ParticipantLeft e -> {
                participants.remove(e.memberId());
                operators.remove(e.memberId());
                if ("removed".equals(e.reason())) {
                    removed.add(e.memberId());
                }
            }
            case RoomEvent.RoleChanged e -> participants.computeIfPresent(e.memberId(), (id, p) -> evolve(p, e));
            case RoomEvent.MuteChanged e -> participants.computeIfPresent(e.memberId(), (id, p) -> evolve(p, e));
            case RoomEvent.HandChanged e -> {
                participants.computeIfPresent(e.memberId(), (id, p) -> evolve(p, e));
                handCounter = Math.max(handCounter, e.order());
            }
            case RoomEvent.SpeakInvitation e -> participants.computeIfPresent(e.memberId(), (id, p) -> evolve(p, e));
            case RoomEvent.PresenceChanged e -> participants.computeIfPresent(e.memberId(), (id, p) -> evolve(p, e));
            case RoomEvent.SettingsChanged e -> {
                title = e.title();
                handRaisingEnabled = e.handRaisingEnabled();
                if (!handRaisingEnabled) {
                    participants.replaceAll((id, p) -> p.withHand(0));
                }
            }
            case RoomEvent.DescriptionChanged e -> description = e.description();
            case RoomEvent.InterpretationChanged e -> interpretation = List.copyOf(e.languages());
            case RoomEvent.InterpreterChanged e -> participants.computeIfPresent(e.memberId(), (id, p) -> evolve(p, e));
            case RoomEvent.AllowedChanged e -> {
                allowed.clear();
                allowed.addAll(e.allowed());
            }
            case RoomEvent.RoomEnded e -> {
                ended = true;
                endReason = e.reason();
                participants.clear();
            }
            case RoomEvent.AudienceChanged e -> { } // derived from this state for clients (RoomView)
        }
    }

    /** How a participant-level event changes one participant (shared with {@link RoomStore}). */
    static Participant evolve(Participant p, RoomEvent event) {
        return switch (event) {
            // A new role ends interpreting: listeners have no microphone, and moderators lead the floor.
            case RoomEvent.RoleChanged e -> p.withRole(e.role()).withMuted(e.muted()).withHand(0).withInvitedToSpeak(false)
                    .withInterpreting(null);
            case RoomEvent.InterpreterChanged e -> p.withInterpreting(e.language()).withMuted(e.muted());
            case RoomEvent.MuteChanged e -> p.withMuted(e.muted());
            case RoomEvent.HandChanged e -> p.withHand(e.order());
            case RoomEvent.SpeakInvitation e -> p.withInvitedToSpeak(e.pending());
            case RoomEvent.PresenceChanged e -> p.withAway(e.away());
            default -> p;
        };
    }

    /** An immutable copy for snapshots, persistence and read-only views on other threads. */
    RoomSnapshot snapshot() {
        return new RoomSnapshot(id, title, description, language, interpretation, type, creatorId, createdAt, handRaisingEnabled, ended, version,
                new ArrayList<>(participants.values()), type == RoomType.closed ? List.copyOf(allowed) : List.of(), List.copyOf(hosts),
                Map.copyOf(operators), club);
    }
}
