package org.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.rooms.Command.*;

/** What interpretation does to a room's state: who interprets, who hears what is the media server's. */
class InterpretationRulesTest {

    final RulesTest rooms = new RulesTest();

    /** Host 1 moderates; 5 and 6 are unmuted speakers; 7 a listener; the room offers Russian and German. */
    RoomState room() {
        RoomState s = RulesTest.fresh();
        for (long id : List.of(5L, 6L, 7L)) {
            rooms.join(s, id, (int) id);
        }
        for (long id : List.of(5L, 6L)) {
            rooms.run(s, 1, new InviteToSpeak(id));
            rooms.run(s, id, new AnswerInvitation(true));
            rooms.run(s, id, new SetMuted(id, false));
        }
        rooms.run(s, 1, new SetInterpretation(List.of("ru", "de")));
        return s;
    }

    @Test
    void a_speaker_named_interpreter_keeps_their_microphone_and_one_sent_back_to_the_floor_is_muted() {
        RoomState s = room();
        rooms.run(s, 1, new NameInterpreter(5, "ru"));
        assertThat(s.participants.get(5L).interpreting()).isEqualTo("ru");
        assertThat(s.participants.get(5L).muted()).isFalse();

        rooms.run(s, 1, new NameInterpreter(5, null));

        assertThat(s.participants.get(5L).interpreting()).isNull();
        assertThat(s.participants.get(5L).muted()).as("not on the floor's air by surprise").isTrue();
    }

    @Test
    void dropping_a_language_sends_its_interpreters_back_to_the_floor_muted_and_keeps_the_others() {
        RoomState s = room();
        rooms.run(s, 1, new NameInterpreter(5, "ru"));
        rooms.run(s, 1, new NameInterpreter(6, "de"));

        List<RoomEvent> events = rooms.run(s, 1, new SetInterpretation(List.of("de")));

        assertThat(events).containsExactly(new RoomEvent.InterpretationChanged(List.of("de")),
                new RoomEvent.InterpreterChanged(5, null, true));
        assertThat(s.interpretation).containsExactly("de");
        assertThat(s.participants.get(6L).interpreting()).isEqualTo("de");
    }

    @Test
    void repeated_languages_count_once_and_the_same_list_changes_nothing() {
        RoomState s = room();
        assertThat(rooms.run(s, 1, new SetInterpretation(List.of("ru", "de", "ru")))).isEmpty();
        assertThat(s.interpretation).containsExactly("ru", "de");
    }

    @Test
    void an_interpreter_moved_to_the_audience_stops_interpreting_and_the_floor_passes_to_a_floor_speaker() {
        RoomState s = room();
        rooms.run(s, 1, new NameInterpreter(5, "ru"));
        rooms.run(s, 1, new MoveToAudience(5));
        assertThat(s.participants.get(5L).interpreting()).isNull();

        rooms.run(s, 1, new InviteToSpeak(5));
        rooms.run(s, 5, new AnswerInvitation(true));
        rooms.run(s, 1, new NameInterpreter(5, "ru")); // 5 joined first, but interprets
        rooms.run(s, 1, new Leave(false));

        assertThat(s.participants.get(6L).role()).isEqualTo(Role.moderator);
        assertThat(s.participants.get(5L).role()).isEqualTo(Role.speaker);
        assertThat(s.participants.get(5L).interpreting()).isEqualTo("ru");
    }

    @Test
    void a_room_whose_stage_holds_only_interpreters_ends_with_its_last_moderator() {
        RoomState s = room();
        rooms.run(s, 1, new NameInterpreter(5, "ru"));
        rooms.run(s, 1, new NameInterpreter(6, "de"));

        rooms.run(s, 1, new Leave(false));

        assertThat(s.ended).isTrue();
    }

    @Test
    void the_snapshot_and_the_json_carry_the_languages_and_leave_out_interpreting_for_everyone_else() {
        RoomState s = room();
        rooms.run(s, 1, new NameInterpreter(5, "ru"));

        assertThat(s.snapshot().interpretation()).containsExactly("ru", "de");
        assertThat(RoomJson.write(s.participants.get(5L))).contains("\"interpreting\":\"ru\"");
        assertThat(RoomJson.write(s.participants.get(6L))).doesNotContain("interpreting");
        assertThat(RoomJson.view(s, RoomView.members(s))).contains("\"interpretation\":[\"ru\",\"de\"]");
    }

    @Test
    void a_new_role_ends_interpreting_in_the_reducer_as_on_every_client() {
        Participant p = new Participant(5, "u", "U", null, Role.speaker, false, 0, false, false, Instant.EPOCH, "ru");
        assertThat(RoomState.evolve(p, new RoomEvent.RoleChanged(5, Role.listener, true)).interpreting()).isNull();
        assertThat(RoomState.evolve(p, new RoomEvent.MuteChanged(5, true, 5)).interpreting()).isEqualTo("ru");
    }
}
