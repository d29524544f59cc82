package org.parley.loadtest;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
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
 * One client reader thread over its share of the legs' sockets, each drained a batch of datagrams
 * ({@code recvmmsg} on the native stack) at a time. With kernel arrival times (the native stack) it sweeps
 * every socket once per {@link #READ_INTERVAL_NANOS} (a read then finds two or three packets per speaker, so
 * the system call's fixed cost is shared) instead of waiting on them, and the legs still connecting every
 * {@link #SETUP_INTERVAL_NANOS}. On the nio
 * stack, where the arrival time is when a datagram is read, it waits on a {@link UdpPoller} and reads each
 * socket as soon as it is ready. It sorts datagrams by first
 * byte (RFC 7983 §7, {@link DatagramKind}) and hands STUN and DTLS to the legs' setup; afterwards, for each listener's SRTP
 * packet, it takes the arrival time (the kernel's receive timestamp on the native stack, so the delay is
 * the network's and the server's and not this thread's queueing; else the time it was read), reads the
 * send time from the header extension (SRTP leaves the header in the clear, RFC 3711 §3.1), unprotects
 * the packet (authentication and decryption — a packet that fails does not count as received), and
 * records delay, window counts and jitter.
 *
 * <p>Threading: every field but {@link #running}, the window bounds and the progress counters belongs to
 * the reader thread; {@link #stop} joins it before the results are read.
 */
final class Receiver {

    /** Datagrams read from one socket per system call; a listener gets at most a few per 20 ms. */
    static final int BATCH = 8;
    /** Batches read from one ready socket before the next: a flooded leg must not starve the others. */
    static final int BATCHES_PER_SOCKET = 8;
    /**
     * With kernel arrival times the reader need not wake for every datagram: it sweeps its sockets this
     * often and reads whatever has arrived, which changes no measurement. Nor does it register them with
     * epoll: on loopback the server's send path runs the receiving socket's wake-up (epoll's callback, and
     * an inter-processor interrupt when the reader sleeps in epoll), charged to the server — 6-9 % of its
     * sender threads in a 1,000-listener profile — where on a real network it would be the listener
     * machine's. Each read also finds more datagrams waiting: at 3 speakers × 2,000 listeners a 50 ms sweep
     * cost the reader ~10 % less per packet than a 20 ms one.
     */
    static final long READ_INTERVAL_NANOS = 50_000_000;
    /** Legs still connecting (ICE, DTLS) are swept this often, so the handshake is not slowed down. */
    static final long SETUP_INTERVAL_NANOS = 2_000_000;
    /** Legs read between two looks at the clock in a sweep of every leg (whether the connecting are due). */
    static final int SWEEP_CHUNK = 64;

    private final UdpPoller poller;
    private final boolean kernelTimes;
    /** The legs swept with kernel arrival times; replaced (copy on add) under this object's lock. */
    private volatile Leg[] swept = new Leg[0];
    /**
     * The swept legs still connecting (no SRTP yet), read every {@link #SETUP_INTERVAL_NANOS} — also in the
     * middle of a sweep of every leg, which in a big room takes tens of milliseconds: a browser's handshake
     * does not wait behind other listeners' audio, so neither does a leg's here. Replaced under this
     * object's lock; a leg leaves it once keyed or closed.
     */
    private volatile Leg[] connecting = new Leg[0];
    private final ReceiveBatch batch;
    private final CaptureClock clock;
    private final SrtpBuffer srtp = new SrtpBuffer(new byte[0], 0, 0);
    private final RtpPacket rtp = new RtpPacket();
    private final Thread thread;
    private volatile boolean running = true;
    /** Packets whose send time is in [windowStart, windowEnd) count for loss and delay. */
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    final Histogram delayMicros = new Histogram();
    /** Volatile so the progress printer can read it; written by the reader thread only. */
    volatile long received;
    /** Complete passes over every socket (or polls, on nio); for the drain. Written by the reader only. */
    volatile long sweeps;
    volatile long lastArrivalNanos;
    long windowReceived;
    long withoutTimestamp;
    long authFailures;
    /** Packets SRTP refused as replays (RFC 3711 §3.3.2): a duplicate, or one far behind the newest. */
    long replays;
    long rtcp;

    Receiver(int index, CaptureClock clock, UdpStack stack) throws IOException {
        this.poller = stack.newPoller();
        this.kernelTimes = stack.name().equals("linux");
        this.batch = stack.newReceiveBatch(BATCH, 2048);
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("loadtest-receiver-" + index).daemon().start(this::loop);
    }

    void register(Leg leg) throws IOException {
        if (!kernelTimes) {
            poller.register(leg.socket, leg);
            return;
        }
        synchronized (this) {
            swept = append(swept, leg);
            connecting = append(connecting, leg);
        }
    }

    private static Leg[] append(Leg[] legs, Leg leg) {
        Leg[] next = Arrays.copyOf(legs, legs.length + 1);
        next[legs.length] = leg;
        return next;
    }

    void window(long startNanos, long endNanos) {
        windowEnd = endNanos;
        windowStart = startNanos;
    }

    void stop() throws InterruptedException {
        running = false;
        poller.wakeup();
        thread.join(5000);
        if (!thread.isAlive()) {
            poller.close();
        }
    }

    private void loop() {
        long next = System.nanoTime();
        long tick = 0;
        long ticksPerSweep = READ_INTERVAL_NANOS / SETUP_INTERVAL_NANOS;
        while (running) {
            if (!kernelTimes) {
                try {
                    poller.poll(100, this::drain); // arrival is when read: read at once
                } catch (IOException e) {
                    return; // the poller is gone: nothing more to read
                }
                sweeps++;
                continue;
            }
            long setupDue = readConnecting(System.nanoTime());
            if (tick++ % ticksPerSweep == 0) {
                Leg[] legs = swept;
                for (int i = 0; i < legs.length; i++) {
                    drain(legs[i]);
                    if (i % SWEEP_CHUNK == SWEEP_CHUNK - 1) {
                        long now = System.nanoTime();
                        if (now >= setupDue) {
                            setupDue = readConnecting(now);
                        }
                    }
                }
                sweeps++;
            }
            next += SETUP_INTERVAL_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime(); // behind: do not try to catch up by reading in a burst
            }
        }
    }

    /** Reads the legs still connecting, drops the keyed and closed ones from the list; returns when next. */
    private long readConnecting(long now) {
        boolean anyDone = false;
        for (Leg leg : connecting) {
            if (leg.wire.srtp() == null) {
                drain(leg);
            }
            anyDone |= leg.wire.srtp() != null || leg.readerSawClose;
        }
        if (anyDone) {
            synchronized (this) { // register may have added legs meanwhile
                connecting = Arrays.stream(connecting).filter(l -> l.wire.srtp() == null && !l.readerSawClose)
                        .toArray(Leg[]::new);
            }
        }
        return now + SETUP_INTERVAL_NANOS;
    }

    private void drain(Object attachment) {
        Leg leg = (Leg) attachment;
        try {
            for (int round = 0; round < BATCHES_PER_SOCKET; round++) {
                int n = leg.socket.receive(batch);
                for (int i = 0; i < n; i++) {
                    onDatagram(leg, batch.data(i), batch.length(i), batch.arrivalNanos(i), srtp, rtp);
                }
                if (n < batch.capacity()) {
                    return;
                }
            }
        } catch (ClosedChannelException e) {
            leg.readerSawClose = true; // closed at the end of the run, or the leg failed and was closed
        } catch (IOException e) {
            leg.receiveErrors++;
        }
    }

    private void onDatagram(Leg leg, byte[] array, int length, long arrival, SrtpBuffer srtp, RtpPacket rtp) {
        switch (DatagramKind.of(array, length)) {
            case STUN -> leg.wire.onStun(array, length);
            case DTLS -> leg.wire.onDtls(array, length);
            case RTCP -> rtcp++; // the server's reports, not media
            case RTP -> onRtp(leg, array, length, arrival, srtp, rtp);
            case OTHER -> { }
        }
    }

    private void onRtp(Leg leg, byte[] array, int length, long arrival, SrtpBuffer srtp, RtpPacket rtp) {
        SrtpSession session = leg.wire.srtp();
        if (!leg.listener || session == null || rtp.wrapEncrypted(array, 0, length) != null) {
            return;
        }
        int ssrc = rtp.ssrc();
        long rtpTimestamp = rtp.timestamp();
        int at = rtp.findExtension(Sdp.CAPTURE_TIME_ID);
        long sent = at >= 0 && rtp.foundExtensionLength() >= 8 ? clock.toNanos(CaptureClock.read(array, at)) : Long.MIN_VALUE;
        srtp.set(array, 0, length);
        SrtpStatus status = session.unprotectRtp(srtp);
        if (status != SrtpStatus.OK) {
            if (status == SrtpStatus.REPLAY) {
                replays++;
            } else {
                authFailures++;
            }
            leg.authFailures++;
            return;
        }
        received++;
        lastArrivalNanos = arrival;
        leg.packets++;
        if (leg.firstAudioNanos == 0) {
            leg.firstAudioNanos = arrival;
        }
        jitter(leg, ssrc, rtpTimestamp, arrival);
        if (sent == Long.MIN_VALUE) {
            withoutTimestamp++;
            return;
        }
        if (sent >= windowStart && sent < windowEnd) {
            windowReceived++;
            leg.windowPackets++;
            delayMicros.record((arrival - sent) / 1000);
        }
    }

    /** RFC 3550 §6.4.1 and §A.8: J += (|D| - J) / 16, kept times 16, per receive slot. */
    private static void jitter(Leg leg, int ssrc, long rtpTimestamp, long arrivalNanos) {
        int slot = -1;
        for (int i = 0; i < leg.slotSsrc.length; i++) {
            if (leg.slotSeen[i] && leg.slotSsrc[i] == ssrc) {
                slot = i;
                break;
            }
            if (!leg.slotSeen[i]) {
                leg.slotSeen[i] = true;
                leg.slotSsrc[i] = ssrc;
                slot = i;
                leg.lastTransit[i] = arrivalNanos / 1000 * 48 / 1000 - rtpTimestamp;
                return;
            }
        }
        if (slot < 0) {
            return;
        }
        long transit = arrivalNanos / 1000 * 48 / 1000 - rtpTimestamp; // 48 kHz RTP clock (RFC 7587 §4.1)
        long d = Math.abs(transit - leg.lastTransit[slot]);
        leg.lastTransit[slot] = transit;
        if (d < 48_000 * 10) { // a slot's timestamp jump when the speaker in it changes is not jitter
            leg.jitterQ4[slot] += d - ((leg.jitterQ4[slot] + 8) >> 4);
        }
    }
}
