package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.forward.DropCounters;
import org.parley.media.forward.ForwardConfig;
import org.parley.media.forward.SendPolicy;
import org.parley.media.udp.SendBatch;
import org.parley.media.udp.UdpAddress;

@Timeout(10)
class SendShardTest {

    final DropCounters drops = new DropCounters();
    final RoomMedia room = new RoomMedia("r", new SendPolicy(drops), ForwardConfig.defaults(), System::nanoTime, drops,
            new SendShard[0], s -> { });

    /** Counts flushes: the shard must send what it queued whenever it runs out of work. */
    static final class CountingBatch implements SendBatch {
        final java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void add(byte[] buf, int off, int len, UdpAddress to) {
            throw new AssertionError("these jobs have no legs to send to");
        }

        @Override
        public int flush() {
            flushes.incrementAndGet();
            return 0;
        }

        @Override
        public int queued() {
            return 0;
        }
    }

    /** Fills and publishes one job, as the receive thread does; false if the ring was full. */
    static boolean hand(SendShard shard, RoomMedia room) {
        SendShard.Job job = shard.offer();
        if (job == null) {
            return false;
        }
        job.room = room;
        job.slot = -1;
        job.cutMember = -1;
        shard.publish();
        return true;
    }

    @Test
    void a_sender_thread_that_falls_a_whole_queue_behind_refuses_new_packets_until_it_catches_up() throws Exception {
        CountingBatch batch = new CountingBatch();
        SendShard shard = new SendShard(0, 4, batch);
        for (int i = 0; i < 4; i++) {
            assertThat(hand(shard, room)).isTrue();
        }
        assertThat(hand(shard, room)).as("full: the packet is refused, not queued").isFalse();

        shard.start(); // the thread drains the queue, then parks whenever it is empty
        for (int i = 0; i < 1000; i++) {
            while (!hand(shard, room)) {
                Thread.onSpinWait();
            }
            if (i % 100 == 0) {
                Thread.sleep(2); // let it park, so the next job must wake it
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (shard.completed() < 1004 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(shard.completed()).as("every handed job ran, none was lost to a missed wake-up").isEqualTo(1004);
        assertThat(hand(shard, room)).isTrue();
        assertThat(batch.flushes.get()).as("flushed each time it ran dry, before parking").isGreaterThanOrEqualTo(10);
        shard.stop();
    }
}
