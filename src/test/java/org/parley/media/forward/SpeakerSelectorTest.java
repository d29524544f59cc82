package org.parley.media.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.media.forward.TestPackets.FRAME_NANOS;
import static org.parley.media.forward.TestPackets.level;
import static org.parley.media.forward.TestPackets.unvoiced;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.rtp.AudioLevel;

@Timeout(10)
class SpeakerSelectorTest {

    final DropCounters counters = new DropCounters();
    final long[] now = {1_000_000_000L};
    final List<Set<Long>> notified = new ArrayList<>();
    final List<Long> notifiedAt = new ArrayList<>();

    SpeakerSelector selector(ForwardConfig config) {
        return new SpeakerSelector(config, () -> now[0], counters, s -> {
            notified.add(s);
            notifiedAt.add(now[0]);
        });
    }

    void advance(long nanos) {
        now[0] += nanos;
    }

    @Test
    void the_three_loudest_of_five_hold_the_slots_even_when_the_quiet_ones_spoke_first() {
        SpeakerSelector sel = selector(ForwardConfig.defaults());
        long[] members = {5, 4, 3, 2, 1};
        int[] levels = {60, 50, 30, 20, 10}; // -dBov: member 1 is the loudest

        int[] lastSlot = new int[members.length];
        for (int round = 0; round < 100; round++) { // 2 s of 20 ms frames, quietest first in each round
            for (int i = 0; i < members.length; i++) {
                lastSlot[i] = sel.select(members[i], level(levels[i]));
            }
            advance(FRAME_NANOS);
        }

        assertThat(lastSlot[0]).isEqualTo(-1);
        assertThat(lastSlot[1]).isEqualTo(-1);
        assertThat(new int[] {lastSlot[2], lastSlot[3], lastSlot[4]}).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(counters.count(ForwardDropReason.NOT_SELECTED)).isPositive();
    }

    @Test
    void a_speaker_one_db_louder_does_not_steal_a_slot() {
        SpeakerSelector sel = selector(ForwardConfig.defaults().withSlots(1));
        for (int i = 0; i < 50; i++) {
            assertThat(sel.select(1, level(30))).isZero();
            advance(FRAME_NANOS);
        }

        for (int i = 0; i < 150; i++) { // 3 s of both talking
            assertThat(sel.select(1, level(30))).isZero();
            assertThat(sel.select(2, level(29))).isEqualTo(-1);
            advance(FRAME_NANOS);
        }
        assertThat(counters.count(ForwardDropReason.NOT_SELECTED)).isEqualTo(150);
    }

    @Test
    void a_clearly_louder_speaker_takes_the_slot_after_the_smoothing_window_not_at_once() {
        SpeakerSelector sel = selector(ForwardConfig.defaults().withSlots(1));
        for (int i = 0; i < 50; i++) {
            sel.select(1, level(60));
            advance(FRAME_NANOS);
        }

        long start = now[0];
        long tookAt = -1;
        for (int i = 0; i < 100 && tookAt < 0; i++) {
            sel.select(1, level(60));
            if (sel.select(2, level(20)) == 0) { // 40 dB louder
                tookAt = now[0];
            }
            advance(FRAME_NANOS);
        }

        assertThat(tookAt).as("taken within 2 s").isPositive();
        assertThat(tookAt - start).as("not before ~a smoothing window").isGreaterThanOrEqualTo(200_000_000L)
                .isLessThanOrEqualTo(1_000_000_000L);
        assertThat(sel.slotOf(1)).isEqualTo(-1);
        assertThat(sel.select(1, level(60))).isEqualTo(-1);
    }

    @Test
    void a_new_speaker_takes_at_once_the_slot_of_one_who_fell_quiet() {
        SpeakerSelector sel = selector(ForwardConfig.defaults().withSlots(1));
        for (int i = 0; i < 50; i++) {
            sel.select(1, level(10));
            advance(FRAME_NANOS);
        }
        for (int i = 0; i < 30; i++) { // 600 ms of silence, longer than the speaking hold
            assertThat(sel.select(1, level(127))).isEqualTo(-1);
            advance(FRAME_NANOS);
        }

        assertThat(sel.select(2, level(70))).isZero();
    }

    @Test
    void silence_and_unvoiced_packets_are_not_forwarded_and_are_counted() {
        SpeakerSelector sel = selector(ForwardConfig.defaults());

        assertThat(sel.select(1, level(AudioLevel.SILENT))).isEqualTo(-1);
        assertThat(sel.select(1, unvoiced(30))).isEqualTo(-1);
        assertThat(sel.select(1, AudioLevel.ABSENT)).isEqualTo(-1);
        assertThat(sel.select(1, level(30))).isZero();

        assertThat(counters.snapshot())
                .containsEntry("dropped.forward.silence", 2L)
                .containsEntry("dropped.forward.no-audio-level", 1L);
    }

    @Test
    void the_silence_threshold_and_the_v_bit_are_configurable() {
        SpeakerSelector sel = selector(ForwardConfig.defaults().withSilenceLevel(90).withHonourVoiceActivity(false));

        assertThat(sel.select(1, level(95))).isEqualTo(-1);
        assertThat(sel.select(1, unvoiced(30))).isZero();
        assertThat(counters.count(ForwardDropReason.SILENCE)).isEqualTo(1);
    }

    @Test
    void a_forgotten_speaker_frees_its_slot() {
        SpeakerSelector sel = selector(ForwardConfig.defaults().withSlots(1));
        sel.select(1, level(10));
        assertThat(sel.select(2, level(10))).isEqualTo(-1);

        sel.forget(1);

        assertThat(sel.slotOf(1)).isEqualTo(-1);
        assertThat(sel.select(2, level(10))).isZero();
    }

    @Test
    void the_speaking_set_names_who_is_heard_and_clears_when_they_stop() {
        SpeakerSelector sel = selector(ForwardConfig.defaults());
        sel.select(1, level(20));
        sel.select(2, level(20));
        advance(Duration.ofMillis(300).toNanos());
        sel.select(2, level(20));

        advance(Duration.ofMillis(300).toNanos());
        sel.tick(); // member 1 silent for 600 ms, member 2 for 300 ms
        advance(Duration.ofSeconds(1).toNanos());
        sel.tick();

        assertThat(notified).containsExactly(Set.of(1L), Set.of(1L, 2L), Set.of(2L), Set.of());
    }

    @Test
    void speaking_set_notifications_are_rate_limited_to_four_per_second() {
        // No hold: the set flips on every packet, 50 times a second.
        ForwardConfig config = new ForwardConfig(3, Duration.ofMillis(300), 6, 127, true, Duration.ZERO,
                Duration.ofMillis(250));
        SpeakerSelector sel = selector(config);
        for (int i = 0; i < 100; i++) { // 2 s
            sel.select(1, i % 2 == 0 ? level(20) : level(127));
            advance(FRAME_NANOS);
        }

        assertThat(notified).hasSizeBetween(2, 9);
        for (int i = 1; i < notifiedAt.size(); i++) {
            assertThat(notifiedAt.get(i) - notifiedAt.get(i - 1)).isGreaterThanOrEqualTo(250_000_000L);
        }
    }

    @Test
    void a_failing_speaking_listener_does_not_break_selection() {
        SpeakerSelector sel = new SpeakerSelector(ForwardConfig.defaults(), () -> now[0], counters, s -> {
            throw new IllegalStateException("boom");
        });

        assertThat(sel.select(1, level(20))).isZero();
    }

    @Test
    void a_louder_speaker_taking_a_held_slot_names_the_displaced_speaker_once() {
        SpeakerSelector sel = selector(ForwardConfig.defaults().withSlots(1));
        assertThat(sel.select(1, level(60))).isZero();
        assertThat(sel.displaced()).isEqualTo(-1);
        long displacedSeen = -1;
        for (int i = 0; i < 100 && displacedSeen < 0; i++) {
            advance(FRAME_NANOS);
            sel.select(1, level(60));
            if (sel.select(2, level(20)) == 0) {
                displacedSeen = sel.displaced();
            }
        }
        assertThat(displacedSeen).isEqualTo(1);
        advance(FRAME_NANOS);
        assertThat(sel.select(2, level(20))).isZero();
        assertThat(sel.displaced()).as("only on the takeover").isEqualTo(-1);
    }

    @Test
    void a_free_slot_taken_after_the_speaking_hold_displaces_nobody() {
        SpeakerSelector sel = selector(ForwardConfig.defaults().withSlots(1));
        sel.select(1, level(10));
        advance(ForwardConfig.DEFAULT_SPEAKING_HOLD.toNanos() + FRAME_NANOS);
        assertThat(sel.select(2, level(70))).isZero();
        assertThat(sel.displaced()).isEqualTo(-1);
    }

    @Test
    void silence_and_missing_levels_are_dropped_before_decryption_and_counted_as_select_would() {
        SpeakerSelector sel = selector(ForwardConfig.defaults());
        assertThat(sel.dropUndecrypted(level(AudioLevel.SILENT))).isTrue();
        assertThat(sel.dropUndecrypted(unvoiced(30))).as("V=0 honoured by default").isTrue();
        assertThat(sel.dropUndecrypted(AudioLevel.ABSENT)).isTrue();
        assertThat(sel.dropUndecrypted(level(30))).isFalse();
        assertThat(counters.snapshot()).containsEntry("dropped.forward.silence", 2L)
                .containsEntry("dropped.forward.no-audio-level", 1L);

        SpeakerSelector vadOff = selector(ForwardConfig.defaults().withHonourVoiceActivity(false));
        assertThat(vadOff.dropUndecrypted(unvoiced(30))).isFalse();
    }
}
