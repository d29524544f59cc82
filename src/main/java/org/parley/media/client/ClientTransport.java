package org.parley.media.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * bctls's view of a client's channel for one DTLS handshake: the DTLS datagrams whoever reads the
 * socket hands over ({@link #offer}) wait in a queue until bctls receives them; what bctls sends goes
 * straight to {@link Out}, which may lose it — DTLS retransmits a lost flight (RFC 6347 §4.2.4). The
 * channel under it is the caller's: a UDP socket shared with STUN and SRTP (RFC 7983), or an in-memory
 * link to a server session in protocol tests.
 *
 * <p>Threading: {@link #offer} from any thread; {@link #receive} and {@link #send} on bctls's thread.
 */
public final class ClientTransport implements DatagramTransport {

    /** The largest datagram taken: an Ethernet MTU. */
    public static final int RECEIVE_LIMIT = 1500;
    /** The largest datagram sent, as browsers keep DTLS records under ~1200 bytes for any path. */
    public static final int MTU = 1200;

    /** Where the client's datagrams go. */
    @FunctionalInterface
    public interface Out {
        void send(byte[] buf, int off, int len) throws IOException;
    }

    private final LinkedBlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
    private final Out out;

    public ClientTransport(Out out) {
        this.out = out;
    }

    /** A datagram from the server; the transport keeps the array. */
    public void offer(byte[] datagram) {
        in.add(datagram);
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        byte[] datagram;
        try {
            datagram = in.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
        if (datagram == null) {
            throw new SocketTimeoutException(); // bctls: time to retransmit, or to give up
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        out.send(buf, off, len);
    }

    @Override
    public void close() {
        // the channel belongs to the caller
    }
}
