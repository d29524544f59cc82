package org.parley.rooms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of a room every client holds (docs/protocol.md, "What a client holds"): everyone on
 * stage, every listener with a raised hand or a pending invitation to speak, the first
 * {@link #AUDIENCE_PAGE} listeners in the order they came in, and how many listeners there are.
 * It is a function of {@link RoomState}, so every client that applied the same deltas holds the
 * same view, and a fresh snapshot agrees with it.
 *
 * <p>Why not the whole room: in a room of thousands, a join that every client must hear of costs
 * one message per client, and a snapshot listing everyone costs the joiner the whole audience —
 * quadratic in the room's size. The view grows with the stage and the hands, not the audience: a
 * listener entering or leaving beyond the first page changes only the count.
 *
 * <p>Pure functions; called on the room's executor.
 */
final class RoomView {

    /** Listeners held in full besides the raised hands and invitations: a screen's worth of tiles. */
    static final int AUDIENCE_PAGE = 50;

    private RoomView() {}

    /**
     * Who clients hold at one moment.
     *
     * @param held          member ids in room order (the order they came in)
     * @param stage         the members among them on stage
     * @param listenerCount every listener in the room, held or not
     */
    record Members(Set<Long> held, Set<Long> stage, long listenerCount) {}

    /** Listeners held whatever their place in the audience: the moderators need them in full. */
    static boolean featured(Participant p) {
        return p.role().onStage() || p.handRaised() || p.invitedToSpeak();
    }

    static Members members(RoomState s) {
        Set<Long> held = new LinkedHashSet<>();
        Set<Long> stage = new HashSet<>();
        long listeners = 0;
        for (Participant p : s.participants.values()) {
            if (p.role().onStage()) {
                stage.add(p.memberId());
                held.add(p.memberId());
            } else if (listeners++ < AUDIENCE_PAGE || featured(p)) {
                held.add(p.memberId());
            }
        }
        return new Members(held, stage, listeners);
    }

    /** The participants clients hold, in room order. */
    static List<Participant> participants(RoomState s, Members m) {
        List<Participant> out = new ArrayList<>(m.held().size());
        for (long id : m.held()) {
            out.add(s.participants.get(id));
        }
        return out;
    }

    /** The events of one batch as clients receive them, and whether they should hear them at once. */
    record Shared(List<RoomEvent> events, boolean urgent) {}

    /**
     * Turns a batch's {@code events} (applied to the state that {@code before} described, leaving
     * {@code after}, described by {@code now}) into the clients' events: in order, each event about
     * a member a client holds at that point (and {@code participantJoined} for a member it will hold),
     * then one {@link RoomEvent.AudienceChanged} that brings what clients hold to {@code now}: members
     * who came into view, in full as they are now; members who went out of view; the count.
     *
     * <p>Urgent: anything about the stage, the room's settings, invitations or its end — what the
     * people listening notice at once. Audience churn (listeners coming and going, away, raising and
     * lowering hands) is not: it may reach listeners summarised, a little later ({@link RoomFeed}).
     */
    static Shared translate(Members before, List<RoomEvent> events, RoomState after, Members now) {
        List<RoomEvent> out = new ArrayList<>();
        // What a client that held `before` holds after each event sent so far: its reducer adds on
        // participantJoined and drops on participantLeft and roomEnded, nothing else.
        Set<Long> clientHeld = new LinkedHashSet<>(before.held());
        boolean urgent = false;
        for (RoomEvent e : events) {
            long subject = subject(e);
            urgent |= urgent(e, subject, before, now);
            boolean held = e instanceof RoomEvent.ParticipantJoined ? now.held().contains(subject)
                    : subject < 0 || clientHeld.contains(subject);
            if (!held) {
                continue; // a listener beyond the page: the count says they came or went
            }
            out.add(e);
            switch (e) {
                case RoomEvent.ParticipantJoined j -> clientHeld.add(subject);
                case RoomEvent.ParticipantLeft l -> clientHeld.remove(subject);
                case RoomEvent.RoomEnded r -> clientHeld.clear();
                default -> { }
            }
        }
        if (after.ended) {
            return new Shared(out, true); // roomEnded empties the room on every client
        }
        List<Participant> shown = new ArrayList<>();
        for (long id : now.held()) {
            if (!clientHeld.contains(id)) {
                shown.add(after.participants.get(id));
            }
        }
        List<Long> hidden = new ArrayList<>();
        for (long id : clientHeld) {
            if (!now.held().contains(id)) {
                hidden.add(id);
            }
        }
        if (!shown.isEmpty() || !hidden.isEmpty() || now.listenerCount() != before.listenerCount()) {
            out.add(new RoomEvent.AudienceChanged(now.listenerCount(), List.copyOf(shown), List.copyOf(hidden)));
        }
        return new Shared(out, urgent);
    }

    private static boolean urgent(RoomEvent e, long subject, Members before, Members now) {
        return switch (e) {
            case RoomEvent.ParticipantJoined j -> j.participant().role().onStage();
            case RoomEvent.ParticipantLeft l -> before.stage().contains(subject);
            case RoomEvent.PresenceChanged p -> before.stage().contains(subject) || now.stage().contains(subject);
            // A listener's hand is news for the stage, which hears every batch at once anyway.
            case RoomEvent.HandChanged h -> false;
            case RoomEvent.AudienceChanged a -> false;
            default -> true; // roles, mutes, invitations, settings, the allowed list, the end
        };
    }

    /** The member an event is about, or -1 for events about the room. */
    private static long subject(RoomEvent e) {
        return switch (e) {
            case RoomEvent.ParticipantJoined j -> j.participant().memberId();
            case RoomEvent.ParticipantLeft l -> l.memberId();
            case RoomEvent.RoleChanged r -> r.memberId();
            case RoomEvent.MuteChanged m -> m.memberId();
            case RoomEvent.HandChanged h -> h.memberId();
            case RoomEvent.SpeakInvitation i -> i.memberId();
            case RoomEvent.PresenceChanged p -> p.memberId();
            case RoomEvent.InterpreterChanged i -> i.memberId();
            case RoomEvent.InterpretationChanged i -> -1;
            case RoomEvent.SettingsChanged s -> -1;
            case RoomEvent.DescriptionChanged d -> -1;
            case RoomEvent.AllowedChanged a -> -1;
            case RoomEvent.RoomEnded r -> -1;
            case RoomEvent.AudienceChanged a -> -1;
        };
    }

    /**
     * The events of consecutive batches as one delta's events, with audience churn summarised:
     * adjacent {@link RoomEvent.AudienceChanged}s become one (the last word on each member and the
     * last count), and a count that a later one replaces is dropped. Applying the result has the
     * same effect on a client as applying every batch in turn.
     */
    static List<RoomEvent> merge(List<List<RoomEvent>> batches) {
        List<RoomEvent> out = new ArrayList<>();
        for (List<RoomEvent> batch : batches) {
            for (RoomEvent e : batch) {
                if (e instanceof RoomEvent.AudienceChanged a) {
                    out.removeIf(x -> x instanceof RoomEvent.AudienceChanged earlier && earlier.shown().isEmpty()
                            && earlier.hidden().isEmpty());
                    if (!out.isEmpty() && out.getLast() instanceof RoomEvent.AudienceChanged previous) {
                        out.set(out.size() - 1, combine(previous, a));
                        continue;
                    }
                }
                out.add(e);
            }
        }
        return out;
    }

    /** {@code first} then {@code second}, as one: each member's last state wins. */
    private static RoomEvent.AudienceChanged combine(RoomEvent.AudienceChanged first, RoomEvent.AudienceChanged second) {
        Map<Long, Participant> last = new LinkedHashMap<>(); // null: hidden
        for (RoomEvent.AudienceChanged a : List.of(first, second)) {
            for (Participant p : a.shown()) {
                last.remove(p.memberId());
                last.put(p.memberId(), p);
            }
            for (long id : a.hidden()) {
                last.remove(id);
                last.put(id, null);
            }
        }
        List<Participant> shown = new ArrayList<>();
        List<Long> hidden = new ArrayList<>();
        last.forEach((id, p) -> {
            if (p == null) {
                hidden.add(id);
            } else {
                shown.add(p);
            }
        });
        return new RoomEvent.AudienceChanged(second.listenerCount(), List.copyOf(shown), List.copyOf(hidden));
    }
}
