package org.parley.media.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpStatus;

/**
 * The clients' one reader thread for {@link ForwardingBenchmark}: a selector over every leg's channel
 * that sorts datagrams by first byte (RFC 7983 §7) into the leg's STUN and DTLS queues during setup,
 * and afterwards timestamps each listener's SRTP datagram as it is read, unprotects it and records
 * the latency from the send timestamp the speaker wrote into the payload:
 *
 * <pre>
 *  payload:  0               8          12         16 ... 80
 *           +---------------+----------+----------+-----------+
 *           | send nanoTime | speaker  | sequence |  filler   |
 *           +---------------+----------+----------+-----------+
 * </pre>
 *
 * <p>Threading: every field below except the registration queue and {@link #running} belongs to
 * the reader thread; {@link #stop} joins it before the results are read.
 */
final class BenchReceiver {

    private final Selector selector;
    private final ConcurrentLinkedQueue<BenchLeg> toRegister = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Arrivals of sequences in [firstSeq, lastSeq] are recorded; the rest is warm-up or drain. */
    private volatile int firstSeq = Integer.MAX_VALUE;
    private volatile int lastSeq = Integer.MAX_VALUE;
    /** Counts every listener arrival while set: the forwarded packets of the CPU window. */
    volatile boolean counting;

    final long[] latencies;
    int samples;
    long windowArrivals;
    /** Volatile so the main thread can watch it settle; written by the reader thread only. */
    volatile long measuredArrivals;
    long unprotectFailures;
    /** Per speaker and sequence: the first and last listener arrival, for the fan-out spread. */
    final long[][] firstArrival;
    final long[][] lastArrival;
    final long[][] sendTime;

    BenchReceiver(int speakers, int maxSeq, int capacity) throws IOException {
        this.selector = Selector.open();
        this.latencies = new long[capacity];
        this.firstArrival = new long[speakers][maxSeq];
        this.lastArrival = new long[speakers][maxSeq];
        this.sendTime = new long[speakers][maxSeq];
        for (long[] row : firstArrival) {
            Arrays.fill(row, Long.MAX_VALUE);
        }
        this.thread = Thread.ofPlatform().name("bench-client-reader").daemon().start(this::loop);
    }

    long threadId() {
        return thread.threadId();
    }

    void register(BenchLeg leg) {
        toRegister.add(leg);
        selector.wakeup();
    }

    void measure(int firstSeq, int lastSeq) {
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
    }

    void stop() throws InterruptedException, IOException {
        running = false;
        selector.wakeup();
        thread.join(5000);
        selector.close();
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        byte[] array = buffer.array();
        SrtpBuffer srtp = new SrtpBuffer(array, 0, 0);
        RtpPacket rtp = new RtpPacket();
        while (running) {
            try {
                selector.select(100);
            } catch (IOException e) {
                return;
            }
            for (BenchLeg leg; (leg = toRegister.poll()) != null; ) {
                try {
                    leg.channel.register(selector, SelectionKey.OP_READ, leg);
                } catch (ClosedChannelException e) {
                    // closed before it got here
                }
            }
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                BenchLeg leg = (BenchLeg) key.attachment();
                try {
                    while (true) {
                        buffer.clear();
                        if (leg.channel.receive(buffer) == null) {
                            break;
                        }
                        long arrival = System.nanoTime();
                        onDatagram(leg, array, buffer.position(), arrival, srtp, rtp);
                    }
                } catch (IOException e) {
                    key.cancel();
                }
            }
        }
    }

    private void onDatagram(BenchLeg leg, byte[] array, int length, long arrival, SrtpBuffer srtp, RtpPacket rtp) {
        int first = length == 0 ? -1 : array[0] & 0xff;
        if (first >= 0 && first <= 3) {
            if (leg.awaitingStun) {
                leg.stunIn.add(Arrays.copyOf(array, length));
            }
            return;
        }
        if (first >= 20 && first <= 63) {
            leg.dtlsIn.add(Arrays.copyOf(array, length));
            return;
        }
        // RFC 5761 §4: second byte 192..223 is RTCP (reports from the server), not media.
        if (first < 128 || first > 191 || length < 2 || (array[1] & 0xff) >= 192 && (array[1] & 0xff) <= 223) {
            return;
        }
        if (!leg.listener || leg.srtp == null) {
            return;
        }
        if (counting) {
            windowArrivals++;
        }
        srtp.set(0, length);
        if (leg.srtp.unprotectRtp(srtp) != SrtpStatus.OK || rtp.wrap(array, 0, srtp.length()) != null
                || rtp.payloadLength() < 16) {
            unprotectFailures++;
            return;
        }
        int p = rtp.payloadOffset();
        long sent = ((long) readInt(array, p) << 32) | (readInt(array, p + 4) & 0xffff_ffffL);
        int speaker = readInt(array, p + 8);
        int seq = readInt(array, p + 12);
        if (seq < firstSeq || seq > lastSeq || speaker < 0 || speaker >= firstArrival.length
                || seq >= firstArrival[speaker].length) {
            return;
        }
        measuredArrivals++;
        if (samples < latencies.length) {
            latencies[samples++] = arrival - sent;
        }
        firstArrival[speaker][seq] = Math.min(firstArrival[speaker][seq], arrival);
        lastArrival[speaker][seq] = Math.max(lastArrival[speaker][seq], arrival);
        sendTime[speaker][seq] = sent;
    }

    static int readInt(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    static void writeInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
