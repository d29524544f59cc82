package org.parley.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
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
 */
final class QueueTransport implements DatagramTransport {

    /** The largest datagram accepted: an Ethernet MTU. Browsers stay near 1200 bytes. */
    static final int RECEIVE_LIMIT = 1500;

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

    /** Copies the datagram into the queue. Any thread; never blocks, never throws. Null if queued. */
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
        return queue.offer(copy) ? null : DtlsDropReason.QUEUE_FULL;
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
            return n;
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        try {
            sender.send(buf, off, len);
        } catch (IOException | RuntimeException e) {
            // DTLS retransmits lost flights (RFC 6347 §4.2.4); a failed send is one more loss.
            counters.countSendFailure();
        }
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
