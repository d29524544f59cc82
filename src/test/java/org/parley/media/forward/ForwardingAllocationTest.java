package org.parley.media.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.parley.media.forward.TestPackets.FRAME_NANOS;
import static org.parley.media.forward.TestPackets.level;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.rtp.RtpPacket;

@Timeout(30)
class ForwardingAllocationTest {

    static final int PACKETS = 100_000;

    final DropCounters counters = new DropCounters();
    final long[] now = {0};
    // A long speaking hold keeps the speaking set stable: its notifications allocate by design, ≤ 4/s.
    final ForwardConfig config = new ForwardConfig(3, Duration.ofMillis(300), 6, 127, true, Duration.ofHours(1),
            Duration.ofMillis(250));
    final SpeakerSelector selector = new SpeakerSelector(config, () -> now[0], counters, s -> { });
    final SlotRewriter rewriter = new SlotRewriter(new int[] {1, 2, 3}, new SplittableRandom(3), counters);
    final SendPolicy policy = new SendPolicy(counters);
    final RtpPacket view = TestPackets.packet(0, 0, 0);
    int sourceSeq;

    /** One packet through policy, selector and rewriter; the slot switches speaker every 50 packets. */
    long forward(int i) {
        long member = (i / 50) % 2 == 0 ? 1 : 2;
        now[0] += FRAME_NANOS;
        view.setSsrc((int) member);
        view.setSequenceNumber(++sourceSeq);
        view.setTimestamp(960L * sourceSeq);
        view.setMarker(false);
        if (!policy.admit(member)) {
            return 0;
        }
        selector.select(member, level(20));
        return rewriter.rewrite(view, 0, member, now[0]) ? 1 : 0;
    }

    @Test
    void forwarding_a_packet_allocates_nothing() {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
        var bean = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        policy.update(java.util.Set.of(1L, 2L));
        long forwarded = 0;
        for (int i = 0; i < PACKETS; i++) { // warm up: let the JIT compile the path first
            forwarded += forward(i);
        }

        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < PACKETS; i++) {
            forwarded += forward(i);
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;

        assertThat(forwarded).isEqualTo(2L * PACKETS);
        assertThat(allocated / (double) PACKETS).as("bytes per packet").isLessThan(1.0);
    }
}
