package org.parley.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * bctls's view of the network for one session: datagrams the socket loop hands over wait in a bounded
 * queue until the session thread takes them; sends go straight to the transport layer's {@link Sender}.
 *
 * <p>Threading: {@link #offer}, {@link #requestClose} and {@link #close} may be called from any thread
 * and never block; {@link #receive} and {@link #send} only from the session thread (bctls calls them).
 *
 * <p>While armed, {@link #receive} also enforces the handshake deadline: once it passes, every call throws
 * {@link TlsTimeoutException}, so a silent peer cannot keep the thread however bctls waits.
 *
 * <p>It also keeps a copy of the flight bctls sent last (the datagrams sent since a datagram was last
 * received) and the highest epoch-1 sequence number sent, so that once the handshake is over
 * {@link Established} can repeat the final flight and continue the sequence without bctls.
 */
final class QueueTransport implements DatagramTransport {

    /** The largest datagram accepted: an Ethernet MTU. Browsers stay near 1200 bytes. */
    static final int RECEIVE_LIMIT = 1500;

    /** More than any flight of ours (the largest is ServerHello … ServerHelloDone, a few datagrams). */
    private static final int MAX_FLIGHT_DATAGRAMS = 16;

    /** Put in the queue by {@link #close} to wake a waiting {@link #receive}; compared by identity. */
    private static final byte[] WAKE_UP = new byte[0];

    private final ArrayBlockingQueue<byte[]> queue;
    private final Sender sender;
    private final int sendLimit;
    private final DtlsCounters counters;

    /** Set by {@link #requestClose}: receiving ends, sending (a last alert or close_notify) still works. */
    private volatile boolean closing;
    /** Set by {@link #close}: nothing is received or sent any more. */
    private volatile boolean closed;
    /** {@link System#nanoTime()} after which {@link #receive} throws; meaningful only while armed. */
    private volatile long deadlineNanos;
    private volatile boolean armed;

    // Session thread only (bctls calls receive and send there).
    /** Copies of the datagrams of our latest flight. */
    private final List<byte[]> flight = new ArrayList<>(2);
    /** A datagram was received since the last send: the next send starts a new flight. */
    private boolean receivedSinceSend;
    /** The highest sequence number of an epoch-1 record we sent, or -1. */
    private long highestEpoch1Seq = -1;

    QueueTransport(int capacity, int sendLimit, Sender sender, DtlsCounters counters) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sendLimit = sendLimit;
        this.sender = sender;
        this.counters = counters;
    }

    /** Starts enforcing a handshake deadline. */
    void arm(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        this.armed = true;
    }

    /** The handshake is over: from now on only {@link #close} ends {@link #receive}. */
    void disarm() {
        armed = false;
    }

    /**
     * Makes the session thread's current or next {@link #receive} throw {@link SessionClosedException},
     * so it can say goodbye to the peer and end. Any thread; idempotent.
     */
    void requestClose() {
        if (!closing) {
            closing = true;
            queue.offer(WAKE_UP); // if the queue is full the thread is not waiting anyway
        }
    }

    /**
     * Copies the datagram into the queue. Any thread; never blocks (beyond this object's lock, held for
     * a copy), never throws. Null if queued; {@link DtlsDropReason#CLOSED} also once
     * {@link #closeAndDrain} handed the queue over.
     */
    DtlsDropReason offer(byte[] buf, int off, int len) {
        if (closing || closed) {
            return DtlsDropReason.CLOSED;
        }
        DtlsDropReason bad = DtlsRecords.check(buf, off, len);
        if (bad != null) {
            return bad;
        }
        if (len > RECEIVE_LIMIT) {
            return DtlsDropReason.OVERSIZE;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        synchronized (this) { // so that closeAndDrain() misses nothing
            if (closing || closed) {
                return DtlsDropReason.CLOSED;
            }
            return queue.offer(copy) ? null : DtlsDropReason.QUEUE_FULL;
        }
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    /** bctls's contract: the datagram's length, or -1 when {@code waitMillis} passed without one. */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        while (true) {
            if (closing || closed) {
                throw new SessionClosedException();
            }
            long waitNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(waitMillis, 0));
            if (armed) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new TlsTimeoutException("DTLS handshake deadline passed");
                }
                waitNanos = Math.min(waitNanos, left);
            }
            byte[] datagram;
            try {
                datagram = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("DTLS session thread interrupted");
            }
            if (datagram == null) {
                if (armed && deadlineNanos - System.nanoTime() <= 0) {
                    continue; // throw the timeout rather than report a plain wait
                }
                return -1;
            }
            if (datagram == WAKE_UP) {
                continue;
            }
            int n = Math.min(len, datagram.length);
            System.arraycopy(datagram, 0, buf, off, n);
            receivedSinceSend = true;
            return n;
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        note(buf, off, len);
        try {
            sender.send(buf, off, len);
        } catch (IOException | RuntimeException e) {
            // DTLS retransmits lost flights (RFC 6347 §4.2.4); a failed send is one more loss.
            counters.countSendFailure();
        }
    }

    /** Session thread: remembers a datagram of our current flight and any epoch-1 sequence number in it. */
    private void note(byte[] buf, int off, int len) {
        if (receivedSinceSend) {
            flight.clear();
            receivedSinceSend = false;
        }
        if (flight.size() < MAX_FLIGHT_DATAGRAMS) {
            byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            flight.add(copy);
        }
        // RFC 6347 §4.1: records back to back, each epoch (16 bits) | sequence (48) | length (16).
        for (int pos = off; pos + DtlsRecords.HEADER_LENGTH <= off + len; ) {
            int epoch = ((buf[pos + 3] & 0xFF) << 8) | (buf[pos + 4] & 0xFF);
            if (epoch == EpochCipher.EPOCH) {
                long seq = 0;
                for (int i = 5; i < 11; i++) {
                    seq = (seq << 8) | (buf[pos + i] & 0xFF);
                }
                highestEpoch1Seq = Math.max(highestEpoch1Seq, seq);
            }
            pos += DtlsRecords.HEADER_LENGTH + (((buf[pos + 11] & 0xFF) << 8) | (buf[pos + 12] & 0xFF));
        }
    }

    /** Session thread: the datagrams of the flight sent last; after the handshake, the final flight. */
    List<byte[]> lastFlight() {
        return List.copyOf(flight);
    }

    /** Session thread: the epoch-1 sequence number our next record must use. */
    long nextEpoch1Seq() {
        return highestEpoch1Seq + 1;
    }

    /**
     * Closes the transport and returns what the socket loop queued and bctls never read (datagrams that
     * arrived after the peer's Finished), in order. Session thread.
     */
    List<byte[]> closeAndDrain() {
        List<byte[]> left = new ArrayList<>();
        synchronized (this) { // from here on offer() refuses, so nothing is added behind our back
            closed = true;
            for (byte[] datagram; (datagram = queue.poll()) != null; ) {
                if (datagram != WAKE_UP) {
                    left.add(datagram);
                }
            }
        }
        return left;
    }

    /** Idempotent; any thread. bctls also calls it when a handshake fails. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            queue.offer(WAKE_UP);
        }
    }

    /**
     * Thrown into bctls when the session is being closed; ends the session thread. An
     * {@link InterruptedIOException} because bctls passes those through an established connection without
     * failing it, so the thread can still send close_notify; a handshake in progress aborts with an alert.
     */
    static final class SessionClosedException extends InterruptedIOException {
        SessionClosedException() {
            super("DTLS session closed");
        }
    }
}
