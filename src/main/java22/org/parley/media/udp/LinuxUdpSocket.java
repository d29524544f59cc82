package org.parley.media.udp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP socket through libc: {@code recvmmsg} for receiving, {@code sendmmsg} for batches and
 * {@code sendto} for single datagrams, with no lock of its own (the kernel serialises what it must), so
 * several threads send at once. Sends wait as the socket's mode says: a blocking socket (the server's)
 * waits for room in its send buffer, as a blocking {@code DatagramChannel} does — on a real network a
 * fan-out burst can fill the buffer until the NIC has sent what is queued, and a short wait then beats
 * dropping a whole batch; a non-blocking one drops and counts.
 *
 * <p>The descriptor is closed only once no thread is inside a call on it ({@link #users}), so a number the
 * kernel hands out again after {@code close} can never receive this socket's sends. Closing first shuts the
 * socket down, which wakes a blocked {@code recvmmsg}; the receive timeout bounds the wait where it does not.
 */
final class LinuxUdpSocket extends CountingUdpSocket {

    /** RFC 768 over IPv4: 65,535 minus the IP and UDP headers. */
    static final int MAX_UDP_PAYLOAD = 65_507;
    /** How long {@link #close} waits for calls in progress before closing anyway. */
    static final long CLOSE_WAIT_MILLIS = 2_000;

    final int fd;
    final int family;
    private final boolean blocking;
    /** {@code MSG_DONTWAIT} for a non-blocking socket; 0 (wait for buffer room) for a blocking one. */
    final int sendFlags;
    private final boolean timestamps;
    private final InetSocketAddress local;
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    /** Buffers for single sends, taken and given back by whichever thread sends (rarely more than a few). */
    private final ConcurrentLinkedQueue<Scratch> scratches = new ConcurrentLinkedQueue<>();

    /** One single send's native memory; {@link Arena#ofAuto()} so a dropped one is freed by the GC. */
    private static final class Scratch {
        final Arena arena = Arena.ofAuto();
        final MemorySegment data = arena.allocate(NioUdpSocket.SEND_BUFFER_SIZE);
        final MemorySegment name = arena.allocate(Libc.SOCKADDR_MAX, 8);
        final MemorySegment errno = Libc.newErrno(arena);
    }

    private LinuxUdpSocket(int fd, int family, boolean blocking, boolean timestamps, InetSocketAddress local) {
        this.fd = fd;
        this.family = family;
        this.blocking = blocking;
        this.sendFlags = blocking ? 0 : Libc.MSG_DONTWAIT;
        this.timestamps = timestamps;
        this.local = local;
    }

    static LinuxUdpSocket open(Options options) throws IOException {
        InetSocketAddress bind = options.bind();
        int family = bind.getAddress() instanceof Inet6Address ? Libc.AF_INET6 : Libc.AF_INET;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrno(arena);
            int type = Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC | (options.blocking() ? 0 : Libc.SOCK_NONBLOCK);
            int fd = (int) Libc.SOCKET.invokeExact(errno, family, type, 0);
            if (fd < 0) {
                throw new IOException("socket: " + Libc.describe(Libc.errno(errno)));
            }
            try {
                MemorySegment value = arena.allocate(16, 8);
                if (family == Libc.AF_INET6) {
                    setInt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, 0, value, errno); // dual-stack, as DatagramChannel
                }
                // The kernel caps buffer sizes at net.core.rmem_max / wmem_max silently, as DatagramChannel does.
                if (options.receiveBufferBytes() > 0) {
                    setInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, options.receiveBufferBytes(), value, errno);
                }
                if (options.sendBufferBytes() > 0) {
                    setInt(fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, options.sendBufferBytes(), value, errno);
                }
                if (options.blocking()) {
                    long micros = options.receiveTimeout().toNanos() / 1000;
                    value.set(JAVA_LONG, 0, micros / 1_000_000); // struct timeval
                    value.set(JAVA_LONG, 8, micros % 1_000_000);
                    check((int) Libc.SETSOCKOPT.invokeExact(errno, fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, value, 16),
                            "SO_RCVTIMEO", errno);
                }
                boolean timestamps = options.kernelTimestamps()
                        && setInt(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, 1, value, errno);
                byte[] name = Sockaddr.encode(bind, family);
                if (name == null) {
                    throw new IOException("cannot bind to " + bind);
                }
                MemorySegment sockaddr = arena.allocate(Libc.SOCKADDR_MAX, 8);
                MemorySegment.copy(name, 0, sockaddr, JAVA_BYTE, 0, name.length);
                if ((int) Libc.BIND.invokeExact(errno, fd, sockaddr, name.length) != 0) {
                    int e = Libc.errno(errno);
                    String message = "bind " + bind + ": " + Libc.describe(e);
                    throw e == Libc.EADDRINUSE || e == Libc.EADDRNOTAVAIL || e == Libc.EACCES
                            ? new BindException(message) : new IOException(message);
                }
                MemorySegment length = arena.allocate(JAVA_INT);
                length.set(JAVA_INT, 0, Libc.SOCKADDR_MAX);
                check((int) Libc.GETSOCKNAME.invokeExact(errno, fd, sockaddr, length), "getsockname", errno);
                InetSocketAddress local = Sockaddr.decode(sockaddr, length.get(JAVA_INT, 0));
                return new LinuxUdpSocket(fd, family, options.blocking(), timestamps, local);
            } catch (IOException | RuntimeException e) {
                int ignored = (int) Libc.CLOSE.invokeExact(errno, fd);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
    }

    /** setsockopt with an int value; false if the kernel refused it. */
    private static boolean setInt(int fd, int level, int option, int v, MemorySegment value, MemorySegment errno)
            throws Throwable {
        value.set(JAVA_INT, 0, v);
        return (int) Libc.SETSOCKOPT.invokeExact(errno, fd, level, option, value, 4) == 0;
    }

    private static void check(int rc, String call, MemorySegment errno) throws IOException {
        if (rc != 0) {
            throw new IOException(call + ": " + Libc.describe(Libc.errno(errno)));
        }
    }

    /** Enters a call on the descriptor; false once closing. Pair with {@link #exit}. */
    boolean enter() {
        users.incrementAndGet();
        if (closed) {
            users.decrementAndGet();
            return false;
        }
        return true;
    }

    void exit() {
        users.decrementAndGet();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public UdpAddress address(InetSocketAddress remote) {
        return new UdpAddress(remote, Sockaddr.encode(remote, family));
    }

    @Override
    public void connect(InetSocketAddress remote) throws IOException {
        byte[] name = Sockaddr.encode(remote, family);
        if (name == null) {
            throw new IOException("cannot reach " + remote + " from " + local);
        }
        if (!enter()) {
            throw new ClosedChannelException();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrno(arena);
            MemorySegment sockaddr = arena.allocate(Libc.SOCKADDR_MAX, 8);
            MemorySegment.copy(name, 0, sockaddr, JAVA_BYTE, 0, name.length);
            check((int) Libc.CONNECT.invokeExact(errno, fd, sockaddr, name.length), "connect " + remote, errno);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.bug(t);
        } finally {
            exit();
        }
    }

    @Override
    public int receive(ReceiveBatch batch) throws IOException {
        if (!(batch.nativeBuffers instanceof LinuxReceiveBuffers buffers)) {
            throw new IllegalArgumentException("a batch of another stack");
        }
        if (!enter()) {
            throw new ClosedChannelException();
        }
        try {
            return buffers.receive(batch, this, blocking ? Libc.MSG_WAITFORONE : Libc.MSG_DONTWAIT, timestamps);
        } finally {
            exit();
        }
    }

    /** Whether the socket is closing (a receive that returned early checks this). */
    boolean isClosed() {
        return closed;
    }

    @Override
    public boolean send(byte[] buf, int off, int len, UdpAddress to) {
        byte[] name = to.sockaddr;
        if (name == null || len < 0 || len > MAX_UDP_PAYLOAD || !enter()) {
            sendErrors.increment();
            return false;
        }
        Scratch s = scratches.poll();
        if (s == null) {
            s = new Scratch();
        }
        try {
            MemorySegment data = len <= s.data.byteSize() ? s.data : Arena.ofAuto().allocate(len);
            MemorySegment.copy(buf, off, data, JAVA_BYTE, 0, len);
            MemorySegment.copy(name, 0, s.name, JAVA_BYTE, 0, name.length);
            long n;
            do {
                n = (long) Libc.SENDTO.invokeExact(s.errno, fd, data, (long) len, sendFlags, s.name, name.length);
            } while (n < 0 && Libc.errno(s.errno) == Libc.EINTR);
            if (n < 0) {
                sendErrors.increment();
                return false;
            }
            sent.increment();
            return true;
        } catch (Throwable t) {
            throw Libc.bug(t);
        } finally {
            scratches.add(s);
            exit();
        }
    }

    @Override
    public SendBatch newSendBatch(int capacity) {
        return new LinuxSendBatch(this, capacity);
    }

    @Override
    public ReceiveBatch newReceiveBatch(int capacity, int maxDatagram) {
        ReceiveBatch batch = new ReceiveBatch(capacity, maxDatagram);
        batch.nativeBuffers = new LinuxReceiveBuffers(capacity, maxDatagram);
        return batch;
    }

    @Override
    public boolean kernelTimestamps() {
        return timestamps;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrno(arena);
            // Wakes a thread blocked in recvmmsg (on an unbound-peer UDP socket the call reports ENOTCONN,
            // but still marks the socket shut down and wakes its waiters).
            int ignored = (int) Libc.SHUTDOWN.invokeExact(errno, fd, Libc.SHUT_RDWR);
            long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000L;
            while (users.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            ignored = (int) Libc.CLOSE.invokeExact(errno, fd);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeNow();
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
    }

    private void closeNow() {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) Libc.CLOSE.invokeExact(Libc.newErrno(arena), fd);
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
    }
}
