package org.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.rooms.Command.*;

/**
 * Every command × every role × every room type, against one expected table. A refused command must
 * leave the state exactly as it was; an accepted one must only cause events the reducer applies.
 */
class RulesPermissionMatrixTest {

    // The room (floor in English, interpreted into Russian and German): creator 1 and 2 moderators, 3
    // and 6 speakers (6 muted), 7 a speaker interpreting into Russian, 4 a listener with a raised hand
    // who was invited to speak, 5 a listener. 9 is outside; 10 was removed; 11 is blocked by 1.
    static final long CREATOR = 1, MOD = 2, SPEAKER = 3, INVITED_LISTENER = 4, LISTENER = 5, OTHER_SPEAKER = 6,
            INTERPRETER = 7, OUTSIDER = 9, REMOVED = 10, BLOCKED = 11, FOLLOWED_BY_STAGE = 12, PICKED = 13;

    enum Actor {
        moderator(MOD), speaker(SPEAKER), interpreter(INTERPRETER), listener(INVITED_LISTENER), outsider(OUTSIDER);

        final long id;

        Actor(long id) {
            this.id = id;
        }
    }

    /** A row: the command as given by {@code actor} → expected outcome per actor ("ok" or an error code). */
    record Row(String name, java.util.function.LongFunction<Command> command, Map<Actor, String> expected,
               Map<RoomType, Map<Actor, String>> perType) {
        String expect(Actor actor, RoomType type) {
            if (perType.containsKey(type) && perType.get(type).containsKey(actor)) {
                return perType.get(type).get(actor);
            }
            return expected.get(actor);
        }
    }

    /** A row where an interpreter may do exactly what a speaker may: they are a speaker with a language. */
    static Row row(String name, java.util.function.LongFunction<Command> command, String mod, String speaker,
                   String listener, String outsider) {
        return new Row(name, command, Map.of(Actor.moderator, mod, Actor.speaker, speaker, Actor.interpreter, speaker,
                Actor.listener, listener, Actor.outsider, outsider), Map.of());
    }

    static final String OK = "ok", NIR = "not_in_room", FORBIDDEN = "forbidden", TARGET = "invalid_target",
            LANGUAGE = "invalid_language";

    static final List<Row> MATRIX = List.of(
            row("raise hand", a -> new RaiseHand(), "already_on_stage", "already_on_stage", OK, NIR),
            row("lower hand", a -> new LowerHand(), OK, OK, OK, NIR),
            row("turn hand-raising off", a -> new SetHandRaising(false), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("invite a listener to speak", a -> new InviteToSpeak(LISTENER), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("accept an invitation to speak", a -> new AnswerInvitation(true), "not_invited", "not_invited", OK, NIR),
            row("decline an invitation to speak", a -> new AnswerInvitation(false), "not_invited", "not_invited", OK, NIR),
            row("move another speaker to the audience", a -> new MoveToAudience(OTHER_SPEAKER), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("move a moderator to the audience", a -> new MoveToAudience(CREATOR), FORBIDDEN, FORBIDDEN, FORBIDDEN, NIR),
            row("step down from the stage", a -> new MoveToAudience(a), OK, OK, TARGET, NIR),
            row("make a speaker moderator", a -> new MakeModerator(OTHER_SPEAKER), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("make a listener moderator", a -> new MakeModerator(LISTENER), TARGET, FORBIDDEN, FORBIDDEN, NIR),
            row("mute another speaker", a -> new SetMuted(SPEAKER == a ? MOD : SPEAKER, true), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("unmute another speaker", a -> new SetMuted(OTHER_SPEAKER, false), FORBIDDEN, FORBIDDEN, FORBIDDEN, NIR),
            row("mute yourself", a -> new SetMuted(a, true), OK, OK, TARGET, NIR),
            row("unmute yourself", a -> new SetMuted(a, false), OK, OK, TARGET, NIR),
            row("remove a listener", a -> new Remove(LISTENER), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("remove a moderator", a -> new Remove(CREATOR), FORBIDDEN, FORBIDDEN, FORBIDDEN, NIR),
            row("end the room", a -> new EndRoom(), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("edit the title", a -> new EditTitle("A new title"), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("edit the description", a -> new EditDescription("A new description"), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("leave", a -> new Leave(false), OK, OK, OK, NIR),
            row("leave quietly", a -> new Leave(true), OK, OK, OK, NIR),
            row("go away (connection lost)", a -> new Presence(true), OK, OK, OK, NIR),
            row("time out", a -> new TimedOut(), OK, OK, OK, NIR),
            row("offer interpretation languages", a -> new SetInterpretation(List.of("ru", "de", "nl")), OK, FORBIDDEN,
                    FORBIDDEN, NIR),
            row("offer the floor's own language", a -> new SetInterpretation(List.of("en")), LANGUAGE, FORBIDDEN, FORBIDDEN, NIR),
            row("offer a language that is no ISO 639-1 code", a -> new SetInterpretation(List.of("xx")), LANGUAGE, FORBIDDEN,
                    FORBIDDEN, NIR),
            row("offer five interpretation languages", a -> new SetInterpretation(List.of("ru", "de", "nl", "ro", "fr")),
                    LANGUAGE, FORBIDDEN, FORBIDDEN, NIR),
            row("stop interpretation", a -> new SetInterpretation(List.of()), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("name a speaker interpreter", a -> new NameInterpreter(OTHER_SPEAKER, "de"), OK, FORBIDDEN, FORBIDDEN, NIR),
            row("name yourself interpreter", a -> new NameInterpreter(a, "de"),
                    TARGET, FORBIDDEN, FORBIDDEN, NIR),
            row("name a listener interpreter", a -> new NameInterpreter(LISTENER, "de"), TARGET, FORBIDDEN, FORBIDDEN, NIR),
            row("name a moderator interpreter", a -> new NameInterpreter(CREATOR, "de"), TARGET, FORBIDDEN, FORBIDDEN, NIR),
            row("name an interpreter into a language the room does not offer", a -> new NameInterpreter(OTHER_SPEAKER, "fr"),
                    LANGUAGE, FORBIDDEN, FORBIDDEN, NIR),
            row("send an interpreter back to the floor", a -> new NameInterpreter(INTERPRETER, null), OK, FORBIDDEN,
                    FORBIDDEN, NIR),
            row("make an interpreter moderator", a -> new MakeModerator(INTERPRETER), TARGET, FORBIDDEN, FORBIDDEN, NIR),
            new Row("pick the members of a closed room", a -> new SetAllowed(List.of(PICKED)),
                    Map.of(Actor.moderator, "not_closed_room", Actor.speaker, FORBIDDEN, Actor.interpreter, FORBIDDEN,
                            Actor.listener, FORBIDDEN, Actor.outsider, NIR),
                    Map.of(RoomType.closed, Map.of(Actor.moderator, OK))),
            new Row("join", a -> new Join(a, "m" + a, "M" + a),
                    Map.of(Actor.moderator, OK, Actor.speaker, OK, Actor.interpreter, OK, Actor.listener, OK,
                            Actor.outsider, OK),
                    Map.of(RoomType.social, Map.of(Actor.outsider, "not_allowed"),
                            RoomType.closed, Map.of(Actor.outsider, "not_allowed"),
                            RoomType.members, Map.of(Actor.outsider, "not_allowed"))));

    /** Joining depends on who the outsider is; these rows hold per room type. */
    static Stream<Arguments> joinCases() {
        return Stream.of(
                Arguments.of(RoomType.open, REMOVED, "removed_from_room"),
                Arguments.of(RoomType.open, BLOCKED, "not_allowed"),
                Arguments.of(RoomType.social, FOLLOWED_BY_STAGE, OK),
                Arguments.of(RoomType.social, BLOCKED, "not_allowed"),
                Arguments.of(RoomType.closed, PICKED, OK),
                Arguments.of(RoomType.closed, FOLLOWED_BY_STAGE, "not_allowed"),
                Arguments.of(RoomType.closed, REMOVED, "removed_from_room"));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : MATRIX) {
            for (Actor actor : Actor.values()) {
                for (RoomType type : RoomType.values()) {
                    cases.add(Arguments.of(row.name(), actor, type, row));
                }
            }
        }
        return cases.stream();
    }

    static final Access ACCESS = new Access() {
        @Override
        public boolean follows(long follower, long followee) {
            return follower == SPEAKER && followee == FOLLOWED_BY_STAGE;
        }

        @Override
        public boolean blocks(long blocker, long blocked) {
            return blocker == CREATOR && blocked == BLOCKED;
        }

        @Override
        public Set<Long> following(long member) {
            return member == SPEAKER ? Set.of(FOLLOWED_BY_STAGE) : Set.of();
        }

        @Override
        public Set<Long> followers(long member) {
            return member == FOLLOWED_BY_STAGE ? Set.of(SPEAKER) : Set.of();
        }

        @Override
        public Set<Long> blockedEitherWay(long member) {
            return member == CREATOR ? Set.of(BLOCKED) : member == BLOCKED ? Set.of(CREATOR) : Set.of();
        }

        @Override
        public Set<Long> blockedBy(long member) {
            return member == CREATOR ? Set.of(BLOCKED) : Set.of();
        }

        @Override
        public java.util.List<String> languages(long member) {
            return java.util.List.of();
        }

        @Override
        public Set<Long> existing(java.util.Collection<Long> ids) {
            return ids.stream().filter(id -> id < 100).collect(java.util.stream.Collectors.toSet());
        }
    };

    static RoomState room(RoomType type) {
        var s = new RoomState("r1", "Morning show", type, CREATOR, Instant.EPOCH);
        s.language = "en";
        Instant t = Instant.EPOCH;
        s.apply(new RoomEvent.ParticipantJoined(new Participant(CREATOR, "c", "C", Role.moderator, false, 0, false, false, t)));
        s.apply(new RoomEvent.ParticipantJoined(new Participant(MOD, "m", "M", Role.moderator, false, 0, false, false, t.plusSeconds(1))));
        s.apply(new RoomEvent.ParticipantJoined(new Participant(SPEAKER, "s", "S", Role.speaker, false, 0, false, false, t.plusSeconds(2))));
        s.apply(new RoomEvent.ParticipantJoined(new Participant(INVITED_LISTENER, "i", "I", Role.listener, false, 0, false, false, t.plusSeconds(3))));
        s.apply(new RoomEvent.ParticipantJoined(new Participant(LISTENER, "l", "L", Role.listener, false, 0, false, false, t.plusSeconds(4))));
        s.apply(new RoomEvent.ParticipantJoined(new Participant(OTHER_SPEAKER, "o", "O", Role.speaker, true, 0, false, false, t.plusSeconds(5))));
        s.apply(new RoomEvent.ParticipantJoined(new Participant(INTERPRETER, "t", "T", Role.speaker, false, 0, false, false, t.plusSeconds(6))));
        s.apply(new RoomEvent.InterpretationChanged(List.of("ru", "de")));
        s.apply(new RoomEvent.InterpreterChanged(INTERPRETER, "ru", false));
        s.apply(new RoomEvent.HandChanged(INVITED_LISTENER, 1));
        s.apply(new RoomEvent.SpeakInvitation(INVITED_LISTENER, true));
        s.apply(new RoomEvent.ParticipantLeft(REMOVED, "removed"));
        s.apply(new RoomEvent.AllowedChanged(List.of(PICKED)));
        return s;
    }

    @ParameterizedTest(name = "{0}: {1} in a {2} room")
    @MethodSource("matrix")
    void every_command_is_allowed_exactly_for_the_roles_the_rules_name(String name, Actor actor, RoomType type, Row row) {
        RoomState state = room(type);
        var before = state.snapshot();
        var outcome = new Rules(ACCESS, 10_000).decide(state, actor.id, row.command().apply(actor.id), Instant.EPOCH);

        String expected = row.expect(actor, type);
        assertThat(state.snapshot()).as("deciding never changes the state").isEqualTo(before);
        if (expected.equals(OK)) {
            assertThat(outcome).as(outcome.toString()).isInstanceOf(Rules.Outcome.Accepted.class);
            ((Rules.Outcome.Accepted) outcome).events().forEach(state::apply); // the reducer takes every event
        } else {
            assertThat(outcome).as(outcome.toString()).isInstanceOf(Rules.Outcome.Refused.class);
            assertThat(((Rules.Outcome.Refused) outcome).error().code()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{1} joining a {0} room: {2}")
    @MethodSource("joinCases")
    void who_may_enter_depends_on_the_room_type_follows_removals_and_blocks(RoomType type, long who, String expected) {
        var outcome = new Rules(ACCESS, 10_000).decide(room(type), who, new Join(who, "x", "X"), Instant.EPOCH);
        if (expected.equals(OK)) {
            assertThat(outcome).isInstanceOf(Rules.Outcome.Accepted.class);
        } else {
            assertThat(((Rules.Outcome.Refused) outcome).error().code()).isEqualTo(expected);
        }
    }

    @Test
    void a_members_only_room_admits_the_members_of_its_club_and_nobody_else() {
        var rules = new Rules(ACCESS, 10_000);
        rules.useClubs(new ClubAccess() {
            @Override
            public boolean isMember(String clubId, long member) {
                return clubId.equals("c1") && member == PICKED;
            }

            @Override
            public Set<String> followed(long member) {
                return Set.of();
            }
        });
        RoomState s = room(RoomType.members);
        s.club = new ClubTag("c1", "steam", "Steam");
        assertThat(rules.decide(s, PICKED, new Join(PICKED, "x", "X"), Instant.EPOCH)).isInstanceOf(Rules.Outcome.Accepted.class);
        assertThat(((Rules.Outcome.Refused) rules.decide(s, OUTSIDER, new Join(OUTSIDER, "x", "X"), Instant.EPOCH)).error().code())
                .isEqualTo("not_allowed");
    }

    @Test
    void the_matrix_covers_every_command_there_is() {
        Set<Class<?>> covered = new HashSet<>();
        for (Row row : MATRIX) {
            covered.add(row.command().apply(MOD).getClass());
        }
        assertThat(covered).containsAll(Arrays.asList(Command.class.getPermittedSubclasses()));
    }

    @Test
    void an_ended_room_refuses_everything() {
        RoomState s = room(RoomType.open);
        s.apply(new RoomEvent.RoomEnded("ended"));
        for (Row row : MATRIX) {
            var outcome = new Rules(ACCESS, 10_000).decide(s, MOD, row.command().apply(MOD), Instant.EPOCH);
            assertThat(((Rules.Outcome.Refused) outcome).error().code()).as(row.name()).isEqualTo("room_ended");
        }
    }

    @Test
    void a_full_room_says_so() {
        var outcome = new Rules(ACCESS, 7).decide(room(RoomType.open), OUTSIDER, new Join(OUTSIDER, "x", "X"), Instant.EPOCH);
        assertThat(((Rules.Outcome.Refused) outcome).error().code()).isEqualTo("room_full");
    }
}
