package org.parley.media.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * A {@link DatagramChannel}: one system call per datagram, each under the channel's own lock. Batches
 * send each datagram when it is queued; a blocking receive reads one datagram per call (a blocking
 * channel cannot look for more without waiting), a non-blocking one reads all that are waiting.
 * Closing the channel wakes a blocked receive at once, so the receive timeout is not needed.
 */
final class NioUdpSocket extends CountingUdpSocket {

    /** Datagrams up to this size go through a thread's own direct buffer, not a wrapped heap one. */
    static final int SEND_BUFFER_SIZE = 2048;
    /**
     * Each platform thread's direct send buffer: the JDK copies a heap buffer into a temporary direct one
     * before {@code sendto} anyway, so copying here costs nothing extra and saves wrapping a new
     * {@link ByteBuffer} per packet. Virtual threads wrap instead, so short-lived threads do not each
     * leave a direct buffer behind.
     */
    private static final ThreadLocal<ByteBuffer> SEND_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SEND_BUFFER_SIZE));

    final DatagramChannel channel;
    private final InetSocketAddress local;

    private NioUdpSocket(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    static NioUdpSocket open(Options options) throws IOException {
        InetSocketAddress bind = options.bind();
        DatagramChannel channel = bind.getAddress() instanceof java.net.Inet4Address
                ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
        try {
            if (options.receiveBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferBytes());
            }
            if (options.sendBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferBytes());
            }
            channel.bind(bind);
            channel.configureBlocking(options.blocking());
            return new NioUdpSocket(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public UdpAddress address(InetSocketAddress remote) {
        return new UdpAddress(remote, null);
    }

    @Override
    public void connect(InetSocketAddress remote) throws IOException {
        channel.connect(remote);
    }

    @Override
    public int receive(ReceiveBatch batch) throws IOException {
        ByteBuffer[] views = views(batch);
        int n = 0;
        batch.count = 0;
        while (n < views.length) {
            ByteBuffer view = views[n];
            view.clear();
            SocketAddress from;
            try {
                from = channel.receive(view);
            } catch (java.nio.channels.AsynchronousCloseException e) {
                throw new ClosedChannelException();
            }
            if (from == null) {
                break; // non-blocking and nothing left
            }
            long now = System.nanoTime();
            // DatagramChannel silently cuts a datagram that does not fit; a full slot may have been cut.
            if (view.position() == view.capacity() && batch.maxDatagram < 65_536) {
                batch.truncated++;
            } else if (from instanceof InetSocketAddress source) {
                batch.length[n] = view.position();
                batch.source[n] = source;
                batch.arrivalNanos[n] = now;
                n++;
                batch.count = n;
            }
            if (channel.isBlocking()) {
                break; // a second receive would wait
            }
        }
        return n;
    }

    private static ByteBuffer[] views(ReceiveBatch batch) {
        if (batch.nativeBuffers instanceof ByteBuffer[] views) {
            return views;
        }
        throw new IllegalArgumentException("a batch of another socket");
    }

    @Override
    public boolean send(byte[] buf, int off, int len, UdpAddress to) {
        try {
            ByteBuffer out;
            if (len <= SEND_BUFFER_SIZE && !Thread.currentThread().isVirtual()) {
                out = SEND_BUFFER.get();
                out.clear();
                out.put(buf, off, len).flip();
            } else {
                out = ByteBuffer.wrap(buf, off, len);
            }
            if (channel.send(out, to.inet()) == 0) {
                sendErrors.increment(); // non-blocking, and the socket's buffer is full
                return false;
            }
            sent.increment();
            return true;
        } catch (IOException | RuntimeException e) {
            sendErrors.increment();
            return false;
        }
    }

    @Override
    public SendBatch newSendBatch(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        return new SendBatch() {
            private int failed;

            @Override
            public void add(byte[] buf, int off, int len, UdpAddress to) {
                if (len > MAX_DATAGRAM || !send(buf, off, len, to)) {
                    if (len > MAX_DATAGRAM) {
                        sendErrors.increment();
                    }
                    failed++;
                }
            }

            @Override
            public int flush() {
                int f = failed;
                failed = 0;
                return f;
            }

            @Override
            public int queued() {
                return 0;
            }
        };
    }

    @Override
    public ReceiveBatch newReceiveBatch(int capacity, int maxDatagram) {
        return newBatch(capacity, maxDatagram);
    }

    static ReceiveBatch newBatch(int capacity, int maxDatagram) {
        ReceiveBatch batch = new ReceiveBatch(capacity, maxDatagram);
        ByteBuffer[] views = new ByteBuffer[capacity];
        for (int i = 0; i < capacity; i++) {
            views[i] = ByteBuffer.wrap(batch.data[i]);
        }
        batch.nativeBuffers = views;
        return batch;
    }

    @Override
    public boolean kernelTimestamps() {
        return false;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
