package org.parley.media;

import java.util.concurrent.locks.LockSupport;
import org.parley.media.session.PeerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender thread and the listeners' legs it owns: it copies each forwarded packet into every owned
 * leg's buffer, rewrites it into the leg's slot, and has the leg's session protect and send it.
 *
 * <p>The receive thread hands packets over through a single-producer, single-consumer ring of
 * preallocated {@link Job}s (the packet bytes are copied into the job, so the receive thread's buffer is
 * free again at once): no lock and no allocation per packet. The consumer parks when the ring is empty;
 * the producer unparks it only if it said it was about to park (both flags volatile, so one of the two
 * always sees the other: no lost wake-up).
 *
 * <p>Threading: {@link #offer} and {@link #publish} only on the receive thread; everything a job touches
 * per leg (buffer, view, slot rewriter) only on this shard's thread, which owns those legs.
 */
final class SendShard implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SendShard.class);

    /** One packet (and/or one cut) for every leg of this shard in a room. Written by the producer only
     *  while it owns the entry, read by the consumer only after it was published. */
    static final class Job {
        final byte[] data = new byte[PeerSession.MAX_PACKET];
        int length;
        RoomMedia room;
        /** The speaker whose packet this is; its own legs are skipped. */
        long from;
        /** Slot the packet goes in, or -1 for a cut alone. */
        int slot;
        /** Member cut from {@link #cutSlot} before the packet (or alone), or -1. */
        long cutMember;
        int cutSlot;
        long nowNanos;
    }

    final int index;
    private final Job[] ring;
    private final int mask;
    /** Next entry to fill: written by the producer only. */
    private volatile long tail;
    /** Next entry to run: written by the consumer only. */
    private volatile long head;
    private volatile boolean parked;
    private volatile boolean running = true;
    private final Thread thread;
    private boolean loggedFailure;

    SendShard(int index, int capacity) {
        this.index = index;
        this.ring = new Job[capacity];
        for (int i = 0; i < capacity; i++) {
            ring[i] = new Job();
        }
        this.mask = capacity - 1;
        this.thread = Thread.ofPlatform().name("parley-media-send-" + index).daemon().unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** Producer: the next free job to fill, or null if the ring is full. Fill it, then {@link #publish}. */
    Job offer() {
        long t = tail;
        return t - head >= ring.length ? null : ring[(int) (t & mask)];
    }

    /** Producer: hands the job from {@link #offer} to the sender thread. */
    void publish() {
        tail = tail + 1;
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        while (running) {
            long h = head;
            if (h == tail) {
                parked = true;
                if (h == tail && running) {
                    LockSupport.park(this);
                }
                parked = false;
                continue;
            }
            Job job = ring[(int) (h & mask)];
            try {
                job.room.send(this, job);
            } catch (RuntimeException e) {
                // A bug must not stop every listener of this shard; the packet is lost.
                if (!loggedFailure) {
                    loggedFailure = true;
                    log.warn("Sending a forwarded packet failed; further failures are logged at debug", e);
                } else {
                    log.debug("Sending a forwarded packet failed", e);
                }
            }
            job.room = null;
            head = h + 1;
        }
    }

    /** Stops the thread after the job in hand; queued jobs are dropped. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Jobs run so far (for tests). */
    long completed() {
        return head;
    }
}
