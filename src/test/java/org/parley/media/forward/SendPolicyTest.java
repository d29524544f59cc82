package org.parley.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SendPolicyTest {

    final DropCounters counters = new DropCounters();
    final SendPolicies policies = new SendPolicies(counters);

    long drops() {
        return counters.count(ForwardDropReason.NOT_ON_STAGE_OR_MUTED);
    }

    @Test
    void nobody_may_send_before_the_room_announces_its_stage() {
        assertThat(policies.room("r1").admit(7)).isFalse();
        assertThat(drops()).isEqualTo(1);
    }

    @Test
    void a_stage_change_takes_effect_on_the_very_next_packet() {
        SendPolicy policy = policies.room("r1");
        policies.stageChanged("r1", Set.of(7L, 8L));
        assertThat(policy.admit(7)).isTrue();

        policies.stageChanged("r1", Set.of(8L));

        assertThat(policy.admit(7)).isFalse();
        assertThat(policy.admit(8)).isTrue();
        assertThat(drops()).isEqualTo(1);
    }

    @Test
    void a_muted_members_packets_are_dropped_and_counted_until_they_unmute() {
        policies.stageChanged("r1", Set.of(1L, 2L, 3L));
        policies.stageChanged("r1", Set.of(1L, 3L)); // member 2 muted
        SendPolicy policy = policies.room("r1");

        for (int i = 0; i < 5; i++) {
            assertThat(policy.admit(2)).isFalse();
            assertThat(policy.admit(1)).isTrue();
        }
        policies.stageChanged("r1", Set.of(1L, 2L, 3L));

        assertThat(policy.admit(2)).isTrue();
        assertThat(drops()).isEqualTo(5);
        assertThat(counters.snapshot()).containsEntry("dropped.forward.not-on-stage-or-muted", 5L);
    }

    @Test
    void rooms_do_not_share_their_stages() {
        policies.stageChanged("r1", Set.of(1L));
        policies.stageChanged("r2", Set.of(2L));

        assertThat(policies.room("r1").allows(2)).isFalse();
        assertThat(policies.room("r2").allows(2)).isTrue();
    }

    @Test
    void large_member_ids_are_matched_by_value_not_by_boxed_identity() {
        policies.stageChanged("r1", Set.of(1_000_000_007L, -5L));

        assertThat(policies.room("r1").allows(1_000_000_007L)).isTrue();
        assertThat(policies.room("r1").allows(-5L)).isTrue();
        assertThat(policies.room("r1").senders()).containsExactlyInAnyOrder(1_000_000_007L, -5L);
    }

    @Test
    void a_member_who_leaves_is_dropped_even_before_the_next_stage_change() {
        policies.stageChanged("r1", Set.of(1L, 2L));

        policies.participantLeft("r1", 2);

        assertThat(policies.room("r1").allows(2)).isFalse();
        assertThat(policies.room("r1").allows(1)).isTrue();
    }

    @Test
    void an_ended_room_stops_forwarding_for_peers_still_holding_its_policy() {
        policies.stageChanged("r1", Set.of(1L));
        SendPolicy held = policies.room("r1");

        policies.roomEnded("r1");

        assertThat(held.allows(1)).isFalse();
        assertThat(policies.room("r1").allows(1)).isFalse();
    }

    @Test
    void a_packet_thread_sees_the_change_published_by_the_rooms_executor() throws Exception {
        SendPolicy policy = policies.room("r1");
        policies.stageChanged("r1", Set.of(1L));
        Thread room = new Thread(() -> policies.stageChanged("r1", Set.of()));
        room.start();
        room.join();

        assertThat(policy.allows(1)).isFalse();
    }

    @Test
    void an_interpreter_sends_on_their_languages_channel_and_a_muted_one_on_none() {
        SendPolicy policy = policies.room("r1");
        policies.stageChanged("r1", Set.of(1L, 2L, 3L), java.util.Map.of(2L, "ru", 4L, "en"));

        assertThat(policy.channel(1)).isEqualTo(SendPolicy.FLOOR);
        assertThat(policy.channel(2)).isEqualTo(policy.channelOf("ru")).isPositive();
        assertThat(policy.interprets(2)).isTrue();
        assertThat(policy.channel(4)).as("named but muted: not a sender").isEqualTo(-1);
        assertThat(policy.channelOf("en")).isNotEqualTo(policy.channelOf("ru")).isPositive();
        assertThat(policy.channelOf(null)).isEqualTo(SendPolicy.FLOOR);
    }

    @Test
    void channel_numbers_stay_the_same_for_a_language_across_stage_changes() {
        SendPolicy policy = policies.room("r1");
        policies.stageChanged("r1", Set.of(2L), java.util.Map.of(2L, "ru"));
        int ru = policy.channel(2);
        int generation = policy.generation();
        policies.stageChanged("r1", Set.of(2L, 3L), java.util.Map.of(3L, "de"));
        assertThat(policy.channel(2)).as("back on the floor").isEqualTo(SendPolicy.FLOOR);
        policies.stageChanged("r1", Set.of(2L, 3L), java.util.Map.of(2L, "ru", 3L, "de"));

        assertThat(policy.channel(2)).isEqualTo(ru);
        assertThat(policy.generation()).isGreaterThan(generation);
    }
}
