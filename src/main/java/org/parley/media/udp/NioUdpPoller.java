package org.parley.media.udp;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** A {@link Selector} over nio sockets. Registrations from other threads queue until the next poll. */
final class NioUdpPoller implements UdpPoller {

    private record Registration(NioUdpSocket socket, Object attachment) {
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Registration> pending = new ConcurrentLinkedQueue<>();

    NioUdpPoller() throws IOException {
        this.selector = Selector.open();
    }

    @Override
    public void register(UdpSocket socket, Object attachment) throws IOException {
        if (!(socket instanceof NioUdpSocket nio)) {
            throw new IllegalArgumentException("a socket of another stack");
        }
        if (nio.channel.isBlocking()) {
            throw new IllegalArgumentException("only non-blocking sockets can be polled");
        }
        pending.add(new Registration(nio, attachment));
        selector.wakeup();
    }

    @Override
    public int poll(int timeoutMillis, Consumer<Object> ready) throws IOException {
        for (Registration r; (r = pending.poll()) != null; ) {
            try {
                r.socket().channel.register(selector, SelectionKey.OP_READ, r.attachment());
            } catch (ClosedChannelException e) {
                // closed before its registration got here
            }
        }
        try {
            return selector.select(key -> ready.accept(key.attachment()), Math.max(1, timeoutMillis));
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
