package org.parley.loadtest;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.parley.media.rtp.RtpWriter;
import org.parley.media.srtp.SrtpBuffer;

/**
 * The speakers' one sender thread: every 20 ms tick, on an absolute schedule (a late tick does not
 * shift the next), each speaker sends the next Opus packet of the looped file as RTP — payload type
 * {@value Sdp#OPUS_PT}, sequence +1, timestamp +960 (20 ms at 48 kHz, RFC 7587 §4.1), its own SSRC —
 * with two one-byte header extensions (RFC 8285 §4.2): the audio level with V=1 (RFC 6464 §3; the SFU
 * drops silence and picks the loudest) and the send time ({@link CaptureClock}) taken just before
 * SRTP protect. Never DTX: a packet every tick.
 *
 * <p>Threading: {@link #start} and {@link #stop} from the orchestrator; the counters are atomics.
 */
final class SpeakerSender {

    static final long TICK_NANOS = 20_000_000L;

    private final List<Leg> speakers;
    private final List<byte[]> opus;
    private final int level;
    private final CaptureClock clock;
    private volatile boolean running = true;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private Thread thread;
    final AtomicLong sent = new AtomicLong();
    /** Packets sent with a send time inside the measurement window, all speakers. */
    final AtomicLong sentInWindow = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();

    SpeakerSender(List<Leg> speakers, List<byte[]> opus, int level, CaptureClock clock) {
        this.speakers = speakers;
        this.opus = opus;
        this.level = level;
        this.clock = clock;
    }

    void start() {
        thread = Thread.ofPlatform().name("loadtest-speakers").daemon().start(this::loop);
    }

    void window(long startNanos, long endNanos) {
        windowEnd = endNanos;
        windowStart = startNanos;
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }

    private void loop() {
        byte[] plain = new byte[1500];
        SrtpBuffer out = new SrtpBuffer(new byte[1600], 0, 0);
        byte[] levelValue = {(byte) (0x80 | level)};
        byte[] timeValue = new byte[8];
        int[] ids = {Sdp.AUDIO_LEVEL_ID, Sdp.CAPTURE_TIME_ID};
        byte[][] values = {levelValue, timeValue};
        int[] ssrcs = new int[speakers.size()];
        for (int s = 0; s < ssrcs.length; s++) {
            ssrcs[s] = 0x5000_0000 + 7919 * (s + 1);
        }
        long start = System.nanoTime();
        for (long tick = 0; running; tick++) {
            long due = start + tick * TICK_NANOS;
            for (long wait; (wait = due - System.nanoTime()) > 0 && running; ) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() - due > TICK_NANOS) {
                late.incrementAndGet();
            }
            byte[] payload = opus.get((int) (tick % opus.size()));
            for (int s = 0; s < speakers.size() && running; s++) {
                int n = RtpWriter.writeHeader(plain, 0, tick == 0, Sdp.OPUS_PT, (int) (tick & 0xffff), tick * 960L, ssrcs[s]);
                long ntp = clock.toNtp(System.nanoTime());
                long now = clock.toNanos(ntp); // what the receiver will decode: both sides agree on the window
                CaptureClock.write(timeValue, 0, ntp);
                n += RtpWriter.writeOneByteExtensions(plain, 0, n, ids, values);
                System.arraycopy(payload, 0, plain, n, payload.length);
                if (speakers.get(s).sendRtp(plain, n + payload.length, out)) {
                    sent.incrementAndGet();
                    if (now >= windowStart && now < windowEnd) {
                        sentInWindow.incrementAndGet();
                    }
                } else {
                    sendFailures.incrementAndGet();
                }
            }
        }
    }
}
