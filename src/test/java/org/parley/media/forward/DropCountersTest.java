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
}
