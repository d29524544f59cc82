package org.parley.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 6347 §4.1.2.6: a 64-record sliding window, moved only by authenticated records. */
@Timeout(5)
class ReplayWindowTest {

    final ReplayWindow window = new ReplayWindow();

    @Test
    void nothing_is_a_replay_before_the_first_record() {
        assertThat(window.isReplay(0)).isFalse();
        assertThat(window.isReplay(123_456)).isFalse();
    }

    @Test
    void a_marked_number_is_a_replay_and_its_neighbours_are_not() {
        window.mark(10);

        assertThat(window.isReplay(10)).isTrue();
        assertThat(window.isReplay(9)).isFalse();
        assertThat(window.isReplay(11)).isFalse();
    }

    @Test
    void late_records_inside_the_window_are_taken_once_and_older_ones_never() {
        window.mark(100);
        window.mark(70);

        assertThat(window.isReplay(70)).isTrue();
        assertThat(window.isReplay(37)).isFalse(); // 63 behind: still inside
        assertThat(window.isReplay(36)).isTrue(); // 64 behind: outside, discarded
    }

    @Test
    void a_jump_ahead_keeps_what_is_still_inside_the_window() {
        window.mark(5);
        window.mark(6);
        window.mark(40);

        assertThat(window.isReplay(5)).isTrue();
        assertThat(window.isReplay(6)).isTrue();
        assertThat(window.isReplay(7)).isFalse();
        window.mark(200); // 160 ahead: the old marks fall out
        assertThat(window.isReplay(199)).isFalse();
        assertThat(window.isReplay(40)).isTrue(); // too old now
    }
}
