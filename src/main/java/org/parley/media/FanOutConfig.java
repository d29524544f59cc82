package org.parley.media;

/**
 * Settings of the fan-out: the sender threads that copy, rewrite, encrypt and send each forwarded packet to
 * the listeners, so the receive thread only decrypts and decides (docs/media.md, "How a packet travels").
 *
 * @param senderThreads how many sender threads share the listeners (each listener's leg belongs to one, so
 *                      its packets stay in order); default {@link #defaultSenderThreads()}
 * @param queuePackets  packets each sender thread may have waiting (a power of two; default
 *                      {@value #DEFAULT_QUEUE_PACKETS}, 1.3 s of one speaker or 0.4 s of three, each
 *                      entry a {@code MAX_PACKET} buffer); when a sender falls further behind, new packets
 *                      are dropped for its shard and counted ({@code dropped.forward.send-queue-full})
 *                      rather than queued into seconds of latency
 */
public record FanOutConfig(int senderThreads, int queuePackets) {

    public static final int DEFAULT_QUEUE_PACKETS = 64;
    /**
     * The default's ceiling: on the nio stack more threads only contend for the channel's send lock (the JDK
     * serialises sends); the native stack sends from all of them at once, and more can be set.
     */
    public static final int MAX_DEFAULT_SENDER_THREADS = 4;

    public FanOutConfig {
        if (senderThreads < 1 || senderThreads > 64) {
            throw new IllegalArgumentException("senderThreads must be 1-64");
        }
        if (queuePackets < 2 || queuePackets > 65_536 || Integer.bitCount(queuePackets) != 1) {
            throw new IllegalArgumentException("queuePackets must be a power of two, 2-65536");
        }
    }

    /**
     * One sender thread per core, at least two and at most {@value #MAX_DEFAULT_SENDER_THREADS}. Two
     * even on two cores: each halves the wait of the last listener in its shard, and a room can need more
     * than one core of fan-out: in docs/benchmarks.md ("Thread layout", 2026-12-02) one sender thread on 2
     * cores fell behind at 3 speakers × 2,000 listeners (delay p50 100-314 ms, where two kept 14-46 ms),
     * and at 3 × 1,000 the two were within the machine's run-to-run noise.
     */
    public static int defaultSenderThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.min(MAX_DEFAULT_SENDER_THREADS, Math.max(2, cores));
    }

    public static FanOutConfig defaults() {
        return new FanOutConfig(defaultSenderThreads(), DEFAULT_QUEUE_PACKETS);
    }

    public FanOutConfig withSenderThreads(int senderThreads) {
        return new FanOutConfig(senderThreads, queuePackets);
    }
}
