package org.parley.media.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One bound UDP socket ({@link UdpStack#open}).
 *
 * <p>Threading: {@link #send}, {@link #address}, the counters and {@link #close} from any thread, at
 * once; {@link #receive} from one thread at a time; each {@link SendBatch} and {@link ReceiveBatch} by its
 * owner. Nothing a datagram contains makes a method throw; socket errors are counted ({@link #sendErrors})
 * or thrown as {@link IOException} from {@code receive}.
 */
public interface UdpSocket extends AutoCloseable {

    /**
     * How to open a socket.
     *
     * @param bind               local address and port (port 0: any free one)
     * @param receiveBufferBytes kernel receive buffer asked for ({@code SO_RCVBUF}; the kernel caps it at
     *                           {@code net.core.rmem_max}); 0 leaves the system default
     * @param sendBufferBytes    kernel send buffer asked for ({@code SO_SNDBUF}, capped at
     *                           {@code net.core.wmem_max}); 0 leaves the system default
     * @param blocking           true: {@link #receive} waits for a datagram (up to {@code receiveTimeout});
     *                           false: it returns at once with what is there (for {@link UdpPoller})
     * @param receiveTimeout     longest wait of a blocking {@code receive} before it returns 0, so a receive
     *                           thread notices {@link #close} even where closing does not wake it
     * @param kernelTimestamps   stamp datagrams with the kernel's arrival time where the platform can
     */
    record Options(InetSocketAddress bind, int receiveBufferBytes, int sendBufferBytes, boolean blocking,
                   Duration receiveTimeout, boolean kernelTimestamps) {

        /** The receive timeout of {@link #blocking(InetSocketAddress)}. */
        public static final Duration DEFAULT_RECEIVE_TIMEOUT = Duration.ofMillis(250);

        public Options {
            Objects.requireNonNull(bind, "bind");
            if (receiveBufferBytes < 0 || sendBufferBytes < 0) {
                throw new IllegalArgumentException("buffer sizes must not be negative");
            }
            if (receiveTimeout == null || receiveTimeout.isNegative() || receiveTimeout.isZero()) {
                throw new IllegalArgumentException("receiveTimeout must be positive");
            }
        }

        /** A blocking socket with system-default buffers and no kernel timestamps. */
        public static Options blocking(InetSocketAddress bind) {
            return new Options(bind, 0, 0, true, DEFAULT_RECEIVE_TIMEOUT, false);
        }

        /** A non-blocking socket, for a {@link UdpPoller}, with system-default buffers. */
        public static Options nonBlocking(InetSocketAddress bind) {
            return new Options(bind, 0, 0, false, DEFAULT_RECEIVE_TIMEOUT, false);
        }

        public Options withBuffers(int receiveBytes, int sendBytes) {
            return new Options(bind, receiveBytes, sendBytes, blocking, receiveTimeout, kernelTimestamps);
        }

        public Options withKernelTimestamps(boolean on) {
            return new Options(bind, receiveBufferBytes, sendBufferBytes, blocking, receiveTimeout, on);
        }

        public Options withReceiveTimeout(Duration timeout) {
            return new Options(bind, receiveBufferBytes, sendBufferBytes, blocking, timeout, kernelTimestamps);
        }
    }

    /** The bound address; its port is the one to advertise. */
    InetSocketAddress localAddress();

    /** {@code remote} encoded for this socket's sends (IPv4 peers of an IPv6 socket as v4-mapped). */
    UdpAddress address(InetSocketAddress remote);

    /** From now on only datagrams from {@code remote} are received. */
    void connect(InetSocketAddress remote) throws IOException;

    /**
     * Reads the datagrams waiting, up to the batch's capacity, into {@code batch} (made by this socket's
     * stack):
     * a blocking socket first waits for one, at most its receive timeout. Datagrams longer than the batch's
     * slots are dropped and counted ({@link ReceiveBatch#truncated()}).
     *
     * @return how many were read (0: none waiting, or the timeout passed)
     * @throws java.nio.channels.ClosedChannelException once the socket is closed
     * @throws IOException                               when the socket reports an error
     */
    int receive(ReceiveBatch batch) throws IOException;

    /** Sends one datagram now; false (and counted in {@link #sendErrors}) if it was refused. */
    boolean send(byte[] buf, int off, int len, UdpAddress to);

    /** A batch of up to {@code capacity} datagrams for one sending thread. */
    SendBatch newSendBatch(int capacity);

    /** {@link UdpStack#newReceiveBatch} of this socket's stack. */
    ReceiveBatch newReceiveBatch(int capacity, int maxDatagram);

    /** Datagrams the kernel took, single and batched. */
    long sent();

    /** Datagrams refused: by the kernel, too long for a batch, or sent after close. */
    long sendErrors();

    /** Whether {@link ReceiveBatch#arrivalNanos} are kernel timestamps on this socket. */
    boolean kernelTimestamps();

    /** Closes the socket; a thread blocked in {@link #receive} returns within the receive timeout. Idempotent. */
    @Override
    void close();
}
