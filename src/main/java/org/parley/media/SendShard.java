package org.parley.media;

import java.util.concurrent.locks.LockSupport;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.session.PeerSession;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.udp.SendBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender thread and the listeners' legs it owns: for each owned leg it copies the forwarded packet
 * into the thread's one packet buffer, rewrites it into the leg's slot, has the leg's session protect it
 * there, and queues it on the thread's {@link SendBatch}; the batch goes to the kernel when full and
 * whenever the ring runs empty, so a fan-out of N listeners costs about N/64 system calls on the native
 * stack, and no packet waits for more than the rest of its fan-out.
 *
 * <p>The receive thread hands packets over through a single-producer, single-consumer ring of
 * preallocated {@link Job}s (the packet bytes are copied into the job, so the receive thread's buffer is
 * free again at once): no lock and no allocation per packet. The consumer parks when the ring is empty;
 * the producer unparks it only if it said it was about to park (both flags volatile, so one of the two
 * always sees the other: no lost wake-up).
 *
 * <p>Threading: {@link #offer} and {@link #publish} only on the receive thread; everything a job touches
 * (the packet buffer, view and batch; each owned leg's slot rewriter) only on this shard's thread.
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
        /** The sender's channel: the floor goes to every leg, an interpretation channel only to its listeners. */
        int channel;
        /** Slot the packet goes in, or -1 for a cut alone. */
        int slot;
        /** Member cut from {@link #cutSlot} before the packet (or alone), or -1. */
        long cutMember;
        int cutSlot;
        long nowNanos;
    }

    /**
     * Jobs the thread takes at once. Speakers talk on the same 20 ms clock, so their packets arrive
     * together; the thread then visits each leg once for all of them ({@link RoomMedia#send}), fetching the
     * leg's state (slot rewriter, SRTP contexts, address: thousands of legs' worth no longer fit the caches)
     * once per visit instead of once per packet.
     */
    static final int MAX_IN_HAND = 16;

    final int index;
    /** This thread's: the packet being rewritten and protected for one leg, and views of it. */
    final byte[] packet = new byte[PeerSession.MAX_PACKET];
    final SrtpBuffer srtp = new SrtpBuffer(packet, 0, 0);
    final RtpPacket view = new RtpPacket();
    /** This thread's datagrams on their way to the kernel. */
    final SendBatch batch;
    private final Job[] ring;
    private final int mask;
    /** This thread's: the jobs in hand, and those of one room among them. */
    private final Job[] inHand = new Job[MAX_IN_HAND];
    private final Job[] ofRoom = new Job[MAX_IN_HAND];
    /** Next entry to fill: written by the producer only. */
    private volatile long tail;
    /** Next entry to run: written by the consumer only. */
    private volatile long head;
    private volatile boolean parked;
    private volatile boolean running = true;
    private final Thread thread;
    private boolean loggedFailure;

    SendShard(int index, int capacity, SendBatch batch) {
        this.index = index;
        this.batch = batch;
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
                flush(); // nothing else to send for now: out with what is queued before waiting
                parked = true;
                if (h == tail && running) {
                    LockSupport.park(this);
                }
                parked = false;
                continue;
            }
            int n = (int) Math.min(tail - h, MAX_IN_HAND);
            for (int i = 0; i < n; i++) {
                inHand[i] = ring[(int) ((h + i) & mask)];
            }
            runInHand(n);
            for (int i = 0; i < n; i++) {
                inHand[i].room = null;
                inHand[i] = null;
            }
            head = h + n;
        }
        flush();
    }

    /**
     * Runs the jobs in hand room by room, each room's in their order (a leg is in one room, so every leg
     * still gets its packets in order).
     */
    private void runInHand(int n) {
        for (int i = 0; i < n; i++) {
            RoomMedia room = inHand[i].room;
            if (room == null) {
                continue; // run with an earlier job of its room
            }
            int m = 0;
            for (int j = i; j < n; j++) {
                if (inHand[j].room == room) {
                    ofRoom[m++] = inHand[j];
                    if (j > i) {
                        inHand[j].room = null;
                    }
                }
            }
            try {
                room.send(this, ofRoom, m);
            } catch (RuntimeException e) {
                // A bug must not stop every listener of this shard; the packets are lost (what was queued goes on).
                failed("Sending forwarded packets", e);
            }
            inHand[i].room = null;
            java.util.Arrays.fill(ofRoom, 0, m, null);
        }
    }

    private void flush() {
        try {
            batch.flush(); // refusals are counted by the socket
        } catch (RuntimeException e) {
            failed("Sending a batch of forwarded packets", e);
        }
    }

    /** The first failure is a warning with its stack trace; later ones are debug lines. */
    private void failed(String what, RuntimeException e) {
        if (!loggedFailure) {
            loggedFailure = true;
            log.warn("{} failed; further failures are logged at debug", what, e);
        } else {
            log.debug("{} failed", what, e);
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
