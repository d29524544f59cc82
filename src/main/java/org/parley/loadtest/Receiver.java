package org.parley.loadtest;

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
import org.parley.media.srtp.SrtpSession;
import org.parley.media.srtp.SrtpStatus;

/**
 * One client reader thread: a selector over its share of the legs' channels. It sorts datagrams by
 * first byte (RFC 7983 §7) into the legs' STUN and DTLS queues during setup; afterwards it timestamps
 * each listener's SRTP packet as it is read, reads the send time from the header extension (SRTP leaves
 * the header in the clear, RFC 3711 §3.1), unprotects the packet (authentication and decryption — a
 * packet that fails does not count as received), and records delay, window counts and jitter.
 *
 * <p>Threading: every field but the registration queue, {@link #running} and the window bounds belongs
 * to the reader thread; {@link #stop} joins it before the results are read.
 */
final class Receiver {

    private final Selector selector;
    private final ConcurrentLinkedQueue<Leg> toRegister = new ConcurrentLinkedQueue<>();
    private final CaptureClock clock;
    private final Thread thread;
    private volatile boolean running = true;
    /** Packets whose send time is in [windowStart, windowEnd) count for loss and delay. */
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    final Histogram delayMicros = new Histogram();
    /** Volatile so the progress printer can read it; written by the reader thread only. */
    volatile long received;
    volatile long lastArrivalNanos;
    long windowReceived;
    long withoutTimestamp;
    long authFailures;
    long rtcp;

    Receiver(int index, CaptureClock clock) throws IOException {
        this.selector = Selector.open();
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("loadtest-receiver-" + index).daemon().start(this::loop);
    }

    void register(Leg leg) {
        toRegister.add(leg);
        selector.wakeup();
    }

    void window(long startNanos, long endNanos) {
        windowEnd = endNanos;
        windowStart = startNanos;
    }

    void stop() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(5000);
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to read
        }
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        byte[] array = buffer.array();
        SrtpBuffer srtp = new SrtpBuffer(array, 0, 0);
        RtpPacket rtp = new RtpPacket();
        while (running) {
            try {
                selector.select(100);
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                return;
            }
            for (Leg leg; (leg = toRegister.poll()) != null; ) {
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
                Leg leg = (Leg) key.attachment();
                try {
                    // Bounded: a flooded leg must not starve the others.
                    for (int i = 0; i < 64; i++) {
                        buffer.clear();
                        if (leg.channel.receive(buffer) == null) {
                            break;
                        }
                        onDatagram(leg, array, buffer.position(), System.nanoTime(), srtp, rtp);
                    }
                } catch (IOException e) {
                    key.cancel();
                }
            }
        }
    }

    private void onDatagram(Leg leg, byte[] array, int length, long arrival, SrtpBuffer srtp, RtpPacket rtp) {
        int first = length == 0 ? -1 : array[0] & 0xff;
        if (first >= 0 && first <= 3) {
            leg.onStun(Arrays.copyOf(array, length));
            return;
        }
        if (first >= 20 && first <= 63) {
            leg.onDtls(Arrays.copyOf(array, length));
            return;
        }
        if (first < 128 || first > 191 || length < 2) {
            return;
        }
        // RFC 5761 §4: a second byte of 192..223 is RTCP (the server's reports), not media.
        int second = array[1] & 0xff;
        if (second >= 192 && second <= 223) {
            rtcp++;
            return;
        }
        SrtpSession session = leg.srtp;
        if (!leg.listener || session == null || rtp.wrapEncrypted(array, 0, length) != null) {
            return;
        }
        int ssrc = rtp.ssrc();
        long rtpTimestamp = rtp.timestamp();
        int at = rtp.findExtension(Sdp.CAPTURE_TIME_ID);
        long sent = at >= 0 && rtp.foundExtensionLength() >= 8 ? clock.toNanos(CaptureClock.read(array, at)) : Long.MIN_VALUE;
        srtp.set(0, length);
        if (session.unprotectRtp(srtp) != SrtpStatus.OK) {
            authFailures++;
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
