package org.parley.media.udp;

import java.util.concurrent.atomic.LongAdder;

/** What both stacks' sockets count the same way: datagrams the kernel took, and datagrams refused. */
abstract class CountingUdpSocket implements UdpSocket {

    /** Incremented by the socket and its batches, from any thread. */
    final LongAdder sent = new LongAdder();
    final LongAdder sendErrors = new LongAdder();

    @Override
    public long sent() {
        return sent.sum();
    }

    @Override
    public long sendErrors() {
        return sendErrors.sum();
    }
}
