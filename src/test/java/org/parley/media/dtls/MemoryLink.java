package org.parley.media.dtls;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.DatagramTransport;
import org.parley.media.client.ClientTransport;

/**
 * An in-memory datagram link between a test client and a {@link DtlsSession} (like pion's test
 * transports): the client's sends go to {@link DtlsSession#onDatagram} as the socket loop would deliver
 * them, and the session's {@link Sender} fills the client's {@link ClientTransport}. {@link #goSilentAfter}
 * makes the client vanish mid-handshake.
 */
final class MemoryLink implements Sender {

    private final ClientTransport clientEnd = new ClientTransport(this::fromClient);
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
        clientEnd.offer(Arrays.copyOfRange(buf, off, off + len));
    }

    /** The size of the largest datagram the session sent. */
    int largestFromServer() {
        return largestFromServer.get();
    }

    /** The client's end, for bctls's DTLSClientProtocol. */
    DatagramTransport clientEnd() {
        return clientEnd;
    }

    /** Client thread: delivers the client's datagram as the socket loop would, unless the client went silent. */
    private void fromClient(byte[] buf, int off, int len) {
        if (clientSendsLeft.getAndDecrement() > 0) {
            // A scratch buffer the "socket loop" reuses, to prove the session copies.
            byte[] reused = new byte[len + 7];
            System.arraycopy(buf, off, reused, 3, len);
            lastFromClient = Arrays.copyOfRange(buf, off, off + len);
            session.onDatagram(reused, 3, len);
            Arrays.fill(reused, (byte) 0);
        }
    }
}
