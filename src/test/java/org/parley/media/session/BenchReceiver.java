package org.parley.media.session;

import java.io.IOException;
import java.util.Arrays;
import org.parley.media.client.DatagramKind;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpSession;
import org.parley.media.srtp.SrtpStatus;
import org.parley.media.udp.ReceiveBatch;
import org.parley.media.udp.UdpPoller;
import org.parley.media.udp.UdpStack;

/**
 * The clients' one reader thread for {@link ForwardingBenchmark}: a poller (a selector, on the nio stack)
 * over every leg's socket that sorts datagrams by first byte (RFC 7983 §7) and hands STUN and DTLS to the
 * leg's setup,
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
 * <p>Threading: every field below except {@link #running} and the window bounds belongs to
 * the reader thread; {@link #stop} joins it before the results are read.
 */
final class BenchReceiver {

    /** Datagrams read from one ready socket per system call, all of them until it has none left. */
    static final int BATCH = 16;

    private final UdpPoller poller;
    private final ReceiveBatch batch;
    private final SrtpBuffer srtp = new SrtpBuffer(new byte[0], 0, 0);
    private final RtpPacket rtp = new RtpPacket();
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
        this.poller = UdpStack.nio().newPoller();
        this.batch = UdpStack.nio().newReceiveBatch(BATCH, 2048);
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

    void register(BenchLeg leg) throws IOException {
        poller.register(leg.wire().socket(), leg);
    }

    void measure(int firstSeq, int lastSeq) {
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
    }

    void stop() throws InterruptedException, IOException {
        running = false;
        poller.wakeup();
        thread.join(5000);
        poller.close();
    }

    private void loop() {
        while (running) {
            try {
                poller.poll(100, this::drain);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void drain(Object attachment) {
        BenchLeg leg = (BenchLeg) attachment;
        try {
            int n;
            do {
                n = leg.wire().socket().receive(batch);
                for (int i = 0; i < n; i++) {
                    onDatagram(leg, batch.data(i), batch.length(i), batch.arrivalNanos(i));
                }
            } while (n == batch.capacity());
        } catch (IOException e) {
            // closed at the end of the run
        }
    }

    /** {@code arrival}: when the datagram was read (System.nanoTime, on the nio stack). */
    private void onDatagram(BenchLeg leg, byte[] array, int length, long arrival) {
        switch (DatagramKind.of(array, length)) {
            case STUN -> leg.wire().onStun(array, length);
            case DTLS -> leg.wire().onDtls(array, length);
            case RTP -> onRtp(leg, array, length, arrival);
            case RTCP, OTHER -> { } // the server's reports are not measured
        }
    }

    private void onRtp(BenchLeg leg, byte[] array, int length, long arrival) {
        SrtpSession session = leg.wire().srtp();
        if (!leg.listener() || session == null) {
            return;
        }
        if (counting) {
            windowArrivals++;
        }
        srtp.set(array, 0, length);
        if (session.unprotectRtp(srtp) != SrtpStatus.OK || rtp.wrap(array, 0, srtp.length()) != null
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
