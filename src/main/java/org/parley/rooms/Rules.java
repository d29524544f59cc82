package org.parley.rooms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.kernel.InvisibleText;
import org.parley.kernel.SpokenLanguages;
import org.parley.kernel.Validation;
import org.parley.rooms.Command.*;
import org.parley.rooms.RoomEvent.*;

/**
 * The room rules: which command each role may give in which room, and which events it causes. Pure:
 * it reads the state and returns events or an error, and never changes anything itself, so the
 * whole permission matrix is tested without a server (RulesPermissionMatrixTest).
 *
 * <p>When the last moderator leaves (or is timed out, or steps down), the speaker who has been in
 * the room longest becomes moderator; with nobody on stage the room ends. A room is a conversation
 * on stage: listeners alone do not keep it going. (Clubhouse ended rooms the same way; Twitter Spaces
 * end when the host leaves; we keep the conversation going when someone can lead it.)
 */
final class Rules {

    /** Room titles are 1–120 characters. */
    static final int TITLE_MAX = 120;
    /** Room descriptions are 0–280 characters: one or two lines under the title, like a post. */
    static final int DESCRIPTION_MAX = 280;
    /**
     * The most interpretation languages a room offers: each needs interpreters on stage (two per
     * language for a long talk) and one more line in every listener's menu.
     */
    static final int INTERPRETATION_MAX = 4;

    sealed interface Outcome {
        record Accepted(List<RoomEvent> events) implements Outcome {}

        record Refused(RoomError error) implements Outcome {}
    }

    private final Access access;
    private final int capacity;

    /** Who is in which club (members-only rooms); set once clubs are wired ({@link Rooms#useClubs}). */
    private volatile ClubAccess clubs = ClubAccess.NONE;

    void useClubs(ClubAccess clubs) {
        this.clubs = clubs;
    }

    Rules(Access access, int capacity) {
        this.access = access;
        this.capacity = capacity;
    }

    Outcome decide(RoomState s, long actor, Command command, Instant now) {
        if (s.ended) {
            return refuse("room_ended", "This room has ended");
        }
        if (command instanceof Join join) {
            return join(s, join, now);
        }
        Optional<Participant> me = s.participant(actor);
        if (me.isEmpty()) {
            return refuse(RoomError.notInRoom());
        }
        Participant p = me.get();
        return switch (command) {
            case Join j -> throw new IllegalStateException("handled above");
            case Leave l -> accept(leaving(s, p, l.quietly() ? "quiet" : "left"));
            case TimedOut t -> p.away() ? accept(leaving(s, p, "timeout")) : accept(List.of());
            case Presence pr -> p.away() == pr.away() ? accept(List.of()) : accept(new PresenceChanged(actor, pr.away()));
            case RaiseHand r -> raiseHand(s, p);
            case LowerHand l -> p.handRaised() ? accept(new HandChanged(actor, 0)) : accept(List.of());
            case SetHandRaising h -> p.role() != Role.moderator ? refuse(RoomError.forbidden("moderators can turn hand-raising on or off"))
                    : accept(new SettingsChanged(s.title, h.enabled()));
            case InviteToSpeak i -> inviteToSpeak(s, p, i.target());
            case AnswerInvitation a -> answer(p, a.accept());
            case MoveToAudience m -> moveToAudience(s, p, m.target());
            case MakeModerator m -> makeModerator(s, p, m.target());
            case SetMuted m -> setMuted(s, p, m.target(), m.muted());
            case Remove r -> remove(s, p, r.target());
            case EndRoom e -> p.role() != Role.moderator ? refuse(RoomError.forbidden("moderators can end the room"))
                    : accept(new RoomEnded("ended"));
            case EditTitle e -> editTitle(s, p, e.title());
            case EditDescription e -> editDescription(s, p, e.description());
            case SetAllowed a -> setAllowed(s, p, a.members());
            case SetInterpretation i -> setInterpretation(s, p, i.languages());
            case NameInterpreter n -> nameInterpreter(s, p, n.target(), n.language());
        };
    }

    private Outcome join(RoomState s, Join join, Instant now) {
        long who = join.memberId();
        Optional<Participant> existing = s.participant(who);
        if (existing.isPresent()) {
            // Coming back (another tab, or after a dropped connection): no new participant.
            return existing.get().away() ? accept(new PresenceChanged(who, false)) : accept(List.of());
        }
        if (s.removed.contains(who)) {
            return refuse("removed_from_room", "A moderator removed you from this room");
        }
        if (s.moderators().stream().anyMatch(m -> access.blocks(m.memberId(), who))) {
            return refuse("not_allowed", "You cannot enter this room");
        }
        boolean host = s.hosts.contains(who);
        boolean admitted = who == s.creatorId || host || switch (s.type) {
            case open -> true;
            case social -> s.stage().stream().anyMatch(st -> access.follows(st.memberId(), who));
            case closed -> s.allowed.contains(who);
            case members -> s.club != null && clubs.isMember(s.club.id(), who);
        };
        if (!admitted) {
            return refuse("not_allowed", switch (s.type) {
                case social -> "Only people followed by someone on stage can enter this room";
                case closed -> "This room is closed to people the moderators picked";
                case members -> "Only members of this room's club can enter it";
                case open -> "You cannot enter this room";
            });
        }
        if (s.participants.size() >= capacity) {
            return refuse("room_full", "This room is full (" + capacity + " people)");
        }
        // The creator returning to a room that has lost its moderators takes the lead again; an
        // event's co-host leads from the moment they arrive.
        Role role = host || who == s.creatorId && s.moderators().isEmpty() ? Role.moderator : Role.listener;
        return accept(new ParticipantJoined(new Participant(who, join.username(), join.displayName(), join.avatarUrl(), role,
                role.onStage(), 0, false, false, now, null, join.verified())));
    }

    /** Leaving, plus the hand-over or end when the last moderator goes. */
    private List<RoomEvent> leaving(RoomState s, Participant p, String reason) {
        List<RoomEvent> events = new ArrayList<>();
        events.add(new ParticipantLeft(p.memberId(), reason));
        if (p.role() == Role.moderator) {
            events.addAll(afterModeratorGone(s, p.memberId()));
        }
        return events;
    }

    /** Events that keep a room led after moderator {@code gone} stops being one. */
    private List<RoomEvent> afterModeratorGone(RoomState s, long gone) {
        boolean otherModerator = s.moderators().stream().anyMatch(m -> m.memberId() != gone);
        if (otherModerator) {
            return List.of();
        }
        // Interpreters keep interpreting: the floor passes to a speaker of the floor.
        Optional<Participant> successor = s.stage().stream()
                .filter(st -> st.memberId() != gone && st.role() == Role.speaker && st.interpreting() == null)
                .min(Comparator.comparing(Participant::joinedAt).thenComparingLong(Participant::memberId));
        if (successor.isPresent()) {
            return List.of(new RoleChanged(successor.get().memberId(), Role.moderator, successor.get().muted()));
        }
        return List.of(new RoomEnded("empty"));
    }

    private Outcome raiseHand(RoomState s, Participant p) {
        if (p.role().onStage()) {
            return refuse("already_on_stage", "You are already on stage");
        }
        if (!s.handRaisingEnabled) {
            return refuse("hand_raising_disabled", "The moderators turned hand-raising off");
        }
        return p.handRaised() ? accept(List.of()) : accept(new HandChanged(p.memberId(), s.handCounter + 1));
    }

    private Outcome inviteToSpeak(RoomState s, Participant actor, long target) {
        if (actor.role() != Role.moderator) {
            return refuse(RoomError.forbidden("moderators can invite people to speak"));
        }
        Optional<Participant> t = s.participant(target);
        if (t.isEmpty() || t.get().role() != Role.listener) {
            return refuse(RoomError.invalidTarget("Only a listener in the room can be invited to speak"));
        }
        return t.get().invitedToSpeak() ? accept(List.of()) : accept(new SpeakInvitation(target, true));
    }

    private Outcome answer(Participant p, boolean yes) {
        if (!p.invitedToSpeak()) {
            return refuse("not_invited", "Nobody invited you to speak");
        }
        // Speakers come on stage muted: nobody is on air by surprise.
        return yes ? accept(new RoleChanged(p.memberId(), Role.speaker, true))
                : accept(new SpeakInvitation(p.memberId(), false));
    }

    private Outcome moveToAudience(RoomState s, Participant actor, long target) {
        Optional<Participant> t = s.participant(target);
        if (t.isEmpty() || !t.get().role().onStage()) {
            return refuse(RoomError.invalidTarget("Only someone on stage can be moved to the audience"));
        }
        boolean self = target == actor.memberId();
        if (!self && actor.role() != Role.moderator) {
            return refuse(RoomError.forbidden("moderators can move others to the audience"));
        }
        if (!self && t.get().role() == Role.moderator) {
            return refuse(RoomError.forbidden("a moderator can step down; others cannot move them"));
        }
        List<RoomEvent> events = new ArrayList<>();
        events.add(new RoleChanged(target, Role.listener, true));
        if (t.get().role() == Role.moderator) {
            List<RoomEvent> handOver = afterModeratorGone(s, target);
            if (handOver.stream().anyMatch(e -> e instanceof RoomEnded)) {
                return refuse("last_moderator", "You are the only one who can lead this room: invite a speaker first, or end the room");
            }
            events.addAll(handOver);
        }
        return accept(events);
    }

    private Outcome makeModerator(RoomState s, Participant actor, long target) {
        if (actor.role() != Role.moderator) {
            return refuse(RoomError.forbidden("moderators can make others moderators"));
        }
        Optional<Participant> t = s.participant(target);
        if (t.isEmpty() || t.get().role() != Role.speaker) {
            return refuse(RoomError.invalidTarget("Only a speaker can be made a moderator"));
        }
        if (t.get().interpreting() != null) {
            return refuse(RoomError.invalidTarget("An interpreter cannot lead the floor: move them back to the floor first"));
        }
        return accept(new RoleChanged(target, Role.moderator, t.get().muted()));
    }

    private Outcome setMuted(RoomState s, Participant actor, long target, boolean muted) {
        Optional<Participant> t = s.participant(target);
        if (t.isEmpty() || !t.get().role().onStage()) {
            return refuse(RoomError.invalidTarget("Only someone on stage has a microphone to mute"));
        }
        boolean self = target == actor.memberId();
        if (!self) {
            if (actor.role() != Role.moderator) {
                return refuse(RoomError.forbidden("moderators can mute others"));
            }
            if (!muted) {
                return refuse(RoomError.forbidden("speakers can unmute themselves; nobody can unmute someone else"));
            }
        }
        return t.get().muted() == muted ? accept(List.of()) : accept(new MuteChanged(target, muted, actor.memberId()));
    }

    private Outcome remove(RoomState s, Participant actor, long target) {
        if (actor.role() != Role.moderator) {
            return refuse(RoomError.forbidden("moderators can remove people"));
        }
        Optional<Participant> t = s.participant(target);
        if (t.isEmpty() || target == actor.memberId()) {
            return refuse(RoomError.invalidTarget("Choose someone else in the room"));
        }
        if (t.get().role() == Role.moderator) {
            return refuse(RoomError.forbidden("listeners and speakers can be removed; moderators cannot"));
        }
        return accept(new ParticipantLeft(target, "removed"));
    }

    private Outcome editTitle(RoomState s, Participant actor, String title) {
        if (actor.role() != Role.moderator) {
            return refuse(RoomError.forbidden("moderators can change the title"));
        }
        Optional<TitleProblem> problem = titleProblem(title);
        if (problem.isPresent()) {
            return refuse("invalid_title", problem.get().detail());
        }
        String clean = title.strip();
        return clean.equals(s.title) ? accept(List.of()) : accept(new SettingsChanged(clean, s.handRaisingEnabled));
    }

    private Outcome editDescription(RoomState s, Participant actor, String description) {
        if (actor.role() != Role.moderator) {
            return refuse(RoomError.forbidden("moderators can change the description"));
        }
        Optional<TitleProblem> problem = descriptionProblem(description);
        if (problem.isPresent()) {
            return refuse("invalid_description", problem.get().detail());
        }
        String clean = cleanDescription(description);
        return clean.equals(s.description) ? accept(List.of()) : accept(new DescriptionChanged(clean));
    }

    private Outcome setAllowed(RoomState s, Participant actor, List<Long> members) {
        if (actor.role() != Role.moderator) {
            return refuse(RoomError.forbidden("moderators can choose who may enter"));
        }
        if (s.type != RoomType.closed) {
            return refuse("not_closed_room", "Only closed rooms have a list of members");
        }
        if (members.size() > capacity) {
            return refuse("room_full", "At most " + capacity + " members can be picked");
        }
        var unique = new LinkedHashSet<>(members);
        if (!access.existing(unique).containsAll(unique)) {
            return refuse(RoomError.invalidTarget("Pick members of the network"));
        }
        return accept(new AllowedChanged(List.copyOf(unique)));
    }

    private Outcome setInterpretation(RoomState s, Participant actor, List<String> languages) {
        if (actor.role() != Role.moderator) {
            return refuse(RoomError.forbidden("moderators choose the interpretation languages"));
        }
        var unique = new LinkedHashSet<String>();
        for (String language : languages) {
            if (!SpokenLanguages.isCode(language)) {
                return refuse("invalid_language", "Interpretation languages are ISO 639-1 codes such as \"en\" or \"ru\"");
            }
            if (language.equals(s.language)) {
                return refuse("invalid_language", "The floor already speaks this language");
            }
            unique.add(language);
        }
        if (unique.size() > INTERPRETATION_MAX) {
            return refuse("invalid_language", "A room offers at most " + INTERPRETATION_MAX + " interpretation languages");
        }
        List<String> next = List.copyOf(unique);
        if (next.equals(s.interpretation)) {
            return accept(List.of());
        }
        List<RoomEvent> events = new ArrayList<>();
        events.add(new InterpretationChanged(next));
        // Interpreters of a language no longer offered go back to the floor, muted.
        for (Participant p : s.stage()) {
            if (p.interpreting() != null && !next.contains(p.interpreting())) {
                events.add(new InterpreterChanged(p.memberId(), null, true));
            }
        }
        return accept(events);
    }

    private Outcome nameInterpreter(RoomState s, Participant actor, long target, String language) {
        if (actor.role() != Role.moderator) {
            return refuse(RoomError.forbidden("moderators name interpreters"));
        }
        Optional<Participant> t = s.participant(target);
        if (t.isEmpty() || t.get().role() != Role.speaker) {
            return refuse(RoomError.invalidTarget("Only a speaker can interpret; a moderator leads the floor"));
        }
        if (language != null && !s.interpretation.contains(language)) {
            return refuse("invalid_language", "Add this language to the room's interpretation first");
        }
        if (Objects.equals(t.get().interpreting(), language)) {
            return accept(List.of());
        }
        // Back to the floor is muted: their voice would otherwise reach everyone at once.
        return accept(new InterpreterChanged(target, language, language == null || t.get().muted()));
    }

    /** What is wrong with a room title: the API's field code (docs/api.md) and a sentence for people. */
    record TitleProblem(String fieldCode, String detail) {}

    /** Empty when {@code title} is an acceptable room title. */
    static Optional<TitleProblem> titleProblem(String title) {
        if (title == null || title.isBlank()) {
            return Optional.of(new TitleProblem("too_short", "A room needs a title"));
        }
        String clean = title.strip();
        if (clean.codePointCount(0, clean.length()) > TITLE_MAX) {
            return Optional.of(new TitleProblem("invalid_format", "A title is at most " + TITLE_MAX + " characters"));
        }
        if (!Validation.isPrintable(clean, false)) {
            return Optional.of(new TitleProblem("invalid_format", "A title cannot contain control characters"));
        }
        if (!InvisibleText.hasVisible(clean)) {
            // Only no-break spaces, zero-width or format characters: it would show as no title at all.
            return Optional.of(new TitleProblem("too_short", "A title needs at least one visible character"));
        }
        return Optional.empty();
    }

    /**
     * Empty when {@code description} is acceptable: at most {@value #DESCRIPTION_MAX} characters after
     * stripping, one line (no control characters). Empty, blank or only invisible characters means "no
     * description" ({@link #cleanDescription}), never an error: it is optional.
     */
    static Optional<TitleProblem> descriptionProblem(String description) {
        String clean = description == null ? "" : description.strip();
        if (clean.codePointCount(0, clean.length()) > DESCRIPTION_MAX) {
            return Optional.of(new TitleProblem("invalid_format", "A description is at most " + DESCRIPTION_MAX + " characters"));
        }
        if (!Validation.isPrintable(clean, false)) {
            return Optional.of(new TitleProblem("invalid_format", "A description cannot contain control characters or line breaks"));
        }
        return Optional.empty();
    }

    /** The description as stored: stripped, and empty when nothing in it would show. */
    static String cleanDescription(String description) {
        String clean = description == null ? "" : description.strip();
        return InvisibleText.hasVisible(clean) ? clean : "";
    }

    private static Outcome accept(List<RoomEvent> events) {
        return new Outcome.Accepted(events);
    }

    private static Outcome accept(RoomEvent event) {
        return new Outcome.Accepted(List.of(event));
    }

    private static Outcome refuse(RoomError error) {
        return new Outcome.Refused(error);
    }

    private static Outcome refuse(String code, String message) {
        return new Outcome.Refused(new RoomError(code, message));
    }
}
