package org.parley.media.dtls;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.DatagramTransport;

/**
 * An in-memory datagram link between a test client and a {@link DtlsSession} (like pion's test
 * transports): the client's sends go to {@link DtlsSession#onDatagram} as the socket loop would deliver
 * them, and the session's {@link Sender} fills the client's queue. {@link #goSilentAfter} makes the client
 * vanish mid-handshake.
 */
final class MemoryLink implements Sender {

    static final int MTU = 1200;

    private final LinkedBlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
    private final AtomicInteger clientSendsLeft = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger largestFromServer = new AtomicInteger();
    private final AtomicInteger serverFinalFlightLosses = new AtomicInteger();
    private volatile byte[] lastFromClient;
    private volatile DtlsSession session;

    void attach(DtlsSession session) {
        this.session = session;
    }

    /** The client's datagrams after the first {@code n} are lost. */
    void goSilentAfter(int n) {
        clientSendsLeft.set(n);
    }

    /**
     * The session's ChangeCipherSpec and Finished are lost the first time (RFC 6347 §4.2.4's case: the
     * client must retransmit its final flight to get them).
     */
    void loseServerFinalFlightOnce() {
        serverFinalFlightLosses.set(2);
    }

    /** The client's latest datagram, as the session received it. */
    byte[] lastFromClient() {
        return lastFromClient;
    }

    /** Session thread: what the transport layer's sender would do. */
    @Override
    public void send(byte[] buf, int off, int len) {
        boolean finalFlight = buf[off] == 20 || buf[off + 4] == 1; // ChangeCipherSpec, or an epoch 1 record
        if (finalFlight && serverFinalFlightLosses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return;
        }
        largestFromServer.accumulateAndGet(len, Math::max);
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        toClient.add(copy);
    }

    /** The size of the largest datagram the session sent. */
    int largestFromServer() {
        return largestFromServer.get();
    }

    /** The client's end, for bctls's DTLSClientProtocol. */
    DatagramTransport clientEnd() {
        return new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return 1500;
            }

            @Override
            public int getSendLimit() {
                return MTU;
            }

            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                try {
                    byte[] datagram = toClient.poll(waitMillis, TimeUnit.MILLISECONDS);
                    if (datagram == null) {
                        throw new SocketTimeoutException();
                    }
                    int n = Math.min(len, datagram.length);
                    System.arraycopy(datagram, 0, buf, off, n);
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }

            @Override
            public void send(byte[] buf, int off, int len) {
                if (clientSendsLeft.getAndDecrement() > 0) {
                    // A scratch buffer the "socket loop" reuses, to prove the session copies.
                    byte[] reused = new byte[len + 7];
                    System.arraycopy(buf, off, reused, 3, len);
                    lastFromClient = java.util.Arrays.copyOfRange(buf, off, off + len);
                    session.onDatagram(reused, 3, len);
                    java.util.Arrays.fill(reused, (byte) 0);
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
