package org.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.rooms.Command.*;
import org.parley.rooms.RoomEvent.*;

/** The rules' consequences: hand queue order, the stage hand-over, mutes. */
class RulesTest {

    final Rules rules = new Rules(RulesPermissionMatrixTest.ACCESS, 10_000);

    List<RoomEvent> run(RoomState s, long actor, Command c) {
        var outcome = rules.decide(s, actor, c, Instant.EPOCH);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Rules.Outcome.Accepted.class);
        var events = ((Rules.Outcome.Accepted) outcome).events();
        events.forEach(s::apply);
        return events;
    }

    static RoomState fresh() {
        var s = new RoomState("r", "t", RoomType.open, 1, Instant.EPOCH);
        s.apply(new ParticipantJoined(new Participant(1, "host", "Host", Role.moderator, false, 0, false, false, Instant.EPOCH)));
        return s;
    }

    void join(RoomState s, long id, int second) {
        var outcome = rules.decide(s, id, new Join(id, "u" + id, "U" + id), Instant.EPOCH.plusSeconds(second));
        ((Rules.Outcome.Accepted) outcome).events().forEach(s::apply);
    }

    @Test
    void a_scheduled_events_cohost_enters_a_closed_room_as_a_muted_moderator_whenever_they_come() {
        var s = new RoomState("r", "t", RoomType.closed, 1, Instant.EPOCH);
        s.hosts.add(9L);
        s.apply(new ParticipantJoined(new Participant(1, "host", "Host", Role.moderator, true, 0, false, false, Instant.EPOCH)));
        join(s, 9, 1);
        assertThat(rules.decide(s, 5, new Join(5, "u5", "U5"), Instant.EPOCH)).isInstanceOf(Rules.Outcome.Refused.class); // not picked
        assertThat(s.participants.get(9L).role()).isEqualTo(Role.moderator);
        assertThat(s.participants.get(9L).muted()).isTrue();
        run(s, 9, new Leave(false));
        join(s, 9, 3);
        assertThat(s.participants.get(9L).role()).isEqualTo(Role.moderator);
    }

    @Test
    void raised_hands_queue_in_the_order_they_were_raised() {
        var s = fresh();
        join(s, 5, 1);
        join(s, 6, 2);
        join(s, 7, 3);
        run(s, 7, new RaiseHand());
        run(s, 5, new RaiseHand());
        run(s, 6, new RaiseHand());
        run(s, 5, new LowerHand());
        run(s, 5, new RaiseHand());
        assertThat(s.handQueue()).extracting(Participant::memberId).containsExactly(7L, 6L, 5L);
    }

    @Test
    void an_accepted_invitation_puts_the_listener_on_stage_muted_with_the_hand_down() {
        var s = fresh();
        join(s, 5, 1);
        run(s, 5, new RaiseHand());
        run(s, 1, new InviteToSpeak(5));
        run(s, 5, new AnswerInvitation(true));
        Participant p = s.participants.get(5L);
        assertThat(p.role()).isEqualTo(Role.speaker);
        assertThat(p.muted()).isTrue();
        assertThat(p.handRaised()).isFalse();
        assertThat(p.invitedToSpeak()).isFalse();
    }

    @Test
    void when_the_last_moderator_leaves_the_longest_present_speaker_takes_over() {
        var s = fresh();
        join(s, 5, 1);
        join(s, 6, 2);
        for (long id : new long[] {6, 5}) {
            run(s, 1, new InviteToSpeak(id));
            run(s, id, new AnswerInvitation(true));
        }
        var events = run(s, 1, new Leave(false));
        assertThat(events).contains(new RoleChanged(5, Role.moderator, true));
        assertThat(s.ended).isFalse();
    }

    @Test
    void when_the_last_moderator_leaves_an_empty_stage_the_room_ends_even_with_listeners() {
        var s = fresh();
        join(s, 5, 1);
        var events = run(s, 1, new Leave(false));
        assertThat(events).contains(new RoomEnded("empty"));
        assertThat(s.ended).isTrue();
        assertThat(s.participants).isEmpty();
    }

    @Test
    void the_only_moderator_cannot_step_down_from_an_empty_stage() {
        var outcome = rules.decide(fresh(), 1, new MoveToAudience(1), Instant.EPOCH);
        assertThat(((Rules.Outcome.Refused) outcome).error().code()).isEqualTo("last_moderator");
    }

    @Test
    void a_removed_member_cannot_come_back() {
        var s = fresh();
        join(s, 5, 1);
        run(s, 1, new Remove(5));
        var outcome = rules.decide(s, 5, new Join(5, "u5", "U5"), Instant.EPOCH);
        assertThat(((Rules.Outcome.Refused) outcome).error().code()).isEqualTo("removed_from_room");
    }

    @Test
    void an_away_member_who_returns_is_back_with_their_role_and_a_timeout_after_return_does_nothing() {
        var s = fresh();
        run(s, 1, new Presence(true));
        assertThat(s.participants.get(1L).away()).isTrue();
        join(s, 1, 5);
        assertThat(s.participants.get(1L).away()).isFalse();
        assertThat(s.participants.get(1L).role()).isEqualTo(Role.moderator);
        assertThat(run(s, 1, new TimedOut())).isEmpty();
    }

    @Test
    void titles_are_one_to_120_characters_without_control_characters() {
        assertThat(Rules.titleProblem("x")).isEmpty();
        assertThat(Rules.titleProblem("x".repeat(120))).isEmpty();
        assertThat(Rules.titleProblem("x".repeat(121))).isPresent();
        assertThat(Rules.titleProblem("  ")).isPresent();
        assertThat(Rules.titleProblem("evil\u202Eetirw")).isPresent();
        assertThat(Rules.titleProblem("two\u2028lines")).as("the same printable rule as names").isPresent();
    }
}
