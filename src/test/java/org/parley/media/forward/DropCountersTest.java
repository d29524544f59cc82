package org.parley.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DropCountersTest {

    @Test
    void the_snapshot_names_every_reason_with_zeros_included() {
        DropCounters counters = new DropCounters();
        counters.dropped(ForwardDropReason.SILENCE);
        counters.dropped(ForwardDropReason.SILENCE);
        counters.dropped(ForwardDropReason.NOT_ON_STAGE_OR_MUTED);

        assertThat(counters.snapshot())
                .hasSize(ForwardDropReason.values().length)
                .containsEntry("dropped.forward.silence", 2L)
                .containsEntry("dropped.forward.not-on-stage-or-muted", 1L)
                .containsEntry("dropped.forward.stale-after-switch", 0L)
                .containsEntry("dropped.forward.not-selected", 0L);
        assertThat(counters.count(ForwardDropReason.SILENCE)).isEqualTo(2);
    }

    @Test
    void a_rooms_drops_count_in_the_room_and_in_the_node_totals() {
        DropCounters node = new DropCounters();
        DropCounters roomA = new DropCounters(node);
        DropCounters roomB = new DropCounters(node);
        roomA.dropped(ForwardDropReason.SILENCE);
        roomA.dropped(ForwardDropReason.SILENCE);
        roomB.dropped(ForwardDropReason.SILENCE);
        roomB.dropped(ForwardDropReason.NOT_SELECTED);

        assertThat(roomA.byLabel()).containsEntry("silence", 2L).containsEntry("not-selected", 0L)
                .hasSize(ForwardDropReason.values().length);
        assertThat(roomB.byLabel()).containsEntry("silence", 1L).containsEntry("not-selected", 1L);
        assertThat(node.count(ForwardDropReason.SILENCE)).isEqualTo(3);
        assertThat(node.count(ForwardDropReason.NOT_SELECTED)).isEqualTo(1);
    }
}
