package org.parley.media.udp;

import java.io.IOException;

/** The {@link java.nio.channels.DatagramChannel} stack. */
final class NioUdpStack implements UdpStack {

    static final NioUdpStack INSTANCE = new NioUdpStack();

    private NioUdpStack() {
    }

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public UdpSocket open(UdpSocket.Options options) throws IOException {
        return NioUdpSocket.open(options);
    }

    @Override
    public UdpPoller newPoller() throws IOException {
        return new NioUdpPoller();
    }

    @Override
    public ReceiveBatch newReceiveBatch(int capacity, int maxDatagram) {
        return NioUdpSocket.newBatch(capacity, maxDatagram);
    }
}
