package org.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.rooms.Command.*;
import org.parley.rooms.RoomEvent.*;

/**
 * What clients hold of a big room and the events they get for it, without a server: the server-level
 * outcomes (every client ends with a fresh snapshot) are BigRoomSignallingTest's.
 */
class RoomViewTest {

    final Rules rules = new Rules(RulesPermissionMatrixTest.ACCESS, 10_000);

    /** The host (1) and listeners 100…100+n-1, in that order. */
    RoomState room(int listeners) {
        RoomState s = RulesTest.fresh();
        for (int i = 0; i < listeners; i++) {
            long id = 100 + i;
            accepted(s, id, new Join(id, "u" + id, "U" + id)).forEach(s::apply);
        }
        return s;
    }

    List<RoomEvent> accepted(RoomState s, long actor, Command c) {
        var outcome = rules.decide(s, actor, c, Instant.EPOCH);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Rules.Outcome.Accepted.class);
        return ((Rules.Outcome.Accepted) outcome).events();
    }

    /** Runs commands as one batch and returns what clients receive for it. */
    RoomView.Shared batch(RoomState s, Object... actorsAndCommands) {
        RoomView.Members before = RoomView.members(s);
        List<RoomEvent> events = new ArrayList<>();
        for (int i = 0; i < actorsAndCommands.length; i += 2) {
            List<RoomEvent> decided = accepted(s, (Long) actorsAndCommands[i], (Command) actorsAndCommands[i + 1]);
            decided.forEach(s::apply);
            events.addAll(decided);
        }
        return RoomView.translate(before, events, s, RoomView.members(s));
    }

    @Test
    void clients_hold_the_stage_and_the_first_page_of_listeners_and_count_everyone() {
        RoomState s = room(RoomView.AUDIENCE_PAGE + 10);
        RoomView.Members m = RoomView.members(s);
        assertThat(m.listenerCount()).isEqualTo(RoomView.AUDIENCE_PAGE + 10);
        assertThat(m.held()).hasSize(1 + RoomView.AUDIENCE_PAGE).startsWith(1L, 100L)
                .doesNotContain(100L + RoomView.AUDIENCE_PAGE);
        assertThat(m.stage()).containsExactly(1L);
    }

    @Test
    void a_listener_joining_beyond_the_page_is_only_counted_and_is_not_news_at_once() {
        RoomState s = room(RoomView.AUDIENCE_PAGE);
        long late = 900;
        RoomView.Shared shared = batch(s, late, new Join(late, "late", "Late"));
        assertThat(shared.events()).containsExactly(new AudienceChanged(RoomView.AUDIENCE_PAGE + 1, List.of(), List.of()));
        assertThat(shared.urgent()).isFalse();
    }

    @Test
    void a_hand_raised_beyond_the_page_brings_the_listener_into_view_in_full() {
        RoomState s = room(RoomView.AUDIENCE_PAGE + 1);
        long late = 100 + RoomView.AUDIENCE_PAGE;
        RoomView.Shared raised = batch(s, late, new RaiseHand());
        assertThat(raised.events()).as("no event about a member clients do not hold yet")
                .containsExactly(new AudienceChanged(RoomView.AUDIENCE_PAGE + 1, List.of(s.participants.get(late)), List.of()));
        assertThat(s.participants.get(late).handOrder()).isPositive();

        RoomView.Shared lowered = batch(s, late, new LowerHand());
        assertThat(lowered.events()).containsExactly(new HandChanged(late, 0),
                new AudienceChanged(RoomView.AUDIENCE_PAGE + 1, List.of(), List.of(late)));
    }

    @Test
    void an_early_listener_leaving_lets_the_next_one_into_the_page() {
        RoomState s = room(RoomView.AUDIENCE_PAGE + 1);
        RoomView.Shared left = batch(s, 100L, new Leave(false));
        long next = 100 + RoomView.AUDIENCE_PAGE;
        assertThat(left.events()).containsExactly(new ParticipantLeft(100, "left"),
                new AudienceChanged(RoomView.AUDIENCE_PAGE, List.of(s.participants.get(next)), List.of()));
    }

    @Test
    void the_stage_and_invitations_are_urgent_and_hands_and_audience_churn_are_not() {
        RoomState s = room(3);
        assertThat(batch(s, 100L, new RaiseHand()).urgent()).isFalse();
        assertThat(batch(s, 1L, new InviteToSpeak(100)).urgent()).isTrue();
        assertThat(batch(s, 100L, new AnswerInvitation(true)).urgent()).isTrue();
        assertThat(batch(s, 101L, new Leave(true)).urgent()).isFalse();
        assertThat(batch(s, 100L, new Leave(true)).urgent()).as("a speaker leaving the stage").isTrue();
        assertThat(batch(s, 1L, new EditTitle("New title")).urgent()).isTrue();
    }

    @Test
    void summarised_batches_keep_the_last_word_on_each_member_and_the_last_count() {
        Participant a = new Participant(5, "a", "A", Role.listener, false, 1, false, false, Instant.EPOCH);
        Participant a2 = a.withHand(0).withAway(true);
        Participant b = new Participant(6, "b", "B", Role.listener, false, 2, false, false, Instant.EPOCH);
        List<RoomEvent> merged = RoomView.merge(List.of(
                List.of(new AudienceChanged(70, List.of(a), List.of(9L))),
                List.of(),
                List.of(new AudienceChanged(71, List.of(b), List.of(5L))),
                List.of(new AudienceChanged(72, List.of(a2), List.of()))));
        assertThat(merged).containsExactly(new AudienceChanged(72, List.of(b, a2), List.of(9L)));
    }

    @Test
    void summarising_never_moves_churn_across_other_events_and_drops_only_replaced_counts() {
        Participant a = new Participant(5, "a", "A", Role.listener, false, 1, false, false, Instant.EPOCH);
        RoomEvent title = new SettingsChanged("T", true);
        List<RoomEvent> merged = RoomView.merge(List.of(
                List.of(new AudienceChanged(70, List.of(), List.of())),
                List.of(new AudienceChanged(71, List.of(a), List.of()), new HandChanged(5, 0)),
                List.of(title, new AudienceChanged(72, List.of(), List.of()))));
        assertThat(merged).containsExactly(new AudienceChanged(71, List.of(a), List.of()), new HandChanged(5, 0), title,
                new AudienceChanged(72, List.of(), List.of()));
    }
}
