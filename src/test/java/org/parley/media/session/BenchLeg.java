package org.parley.media.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.parley.media.client.BrowserLeg;
import org.parley.media.udp.UdpSocket;
import org.parley.media.udp.UdpStack;

/**
 * One browser leg of {@link ForwardingBenchmark}: a {@link BrowserLeg} like {@link UdpBrowser}'s, but on a
 * non-blocking nio socket that the shared {@link BenchReceiver} reads, so a thousand legs cost one reader
 * thread instead of two thousand threads competing with the server for the machine's two cores.
 */
record BenchLeg(int index, boolean listener, BrowserLeg wire) implements AutoCloseable {

    /** Ten checks, 500 ms apart: the server handles 20 joins at a time, and answers late while it does. */
    static final BrowserLeg.Retransmission CHECKS =
            new BrowserLeg.Retransmission(10, Duration.ofMillis(500), Duration.ofMillis(500));

    static BenchLeg open(int index, boolean listener) throws IOException {
        UdpSocket socket = UdpStack.nio().open(UdpSocket.Options.nonBlocking(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        return new BenchLeg(index, listener, new BrowserLeg(socket, UdpBrowser.newDtlsClient(), UdpBrowser.UFRAG,
                UdpBrowser.PWD, 0x1234_5678_9abc_def0L));
    }

    @Override
    public void close() {
        wire.close();
    }
}
