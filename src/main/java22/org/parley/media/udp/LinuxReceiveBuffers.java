package org.parley.media.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;

/**
 * The native side of one {@link ReceiveBatch}: {@code mmsghdr}s, data, source addresses and room for one
 * control message (a kernel timestamp) per slot, filled by {@code recvmmsg} on whichever socket the owner
 * reads and copied into the batch's arrays.
 * Source addresses are decoded through a small cache, since a client's socket hears one server and a
 * server hears the same few speakers over and over.
 *
 * <p>Threading: the batch's owner (receive calls on one socket come from one thread).
 */
final class LinuxReceiveBuffers {

    private static final int CACHE = 64;

    private final int capacity;
    private final int maxDatagram;
    private final MemorySegment data;
    private final MemorySegment names;
    private final MemorySegment iovs;
    private final MemorySegment msgs;
    private final MemorySegment control;
    private final MemorySegment errno;
    /** Each slot's source address, sliced once: decoding allocates nothing on a cache hit. */
    private final MemorySegment[] nameSlots;
    private final long[] cacheKeys = new long[CACHE];
    private final InetSocketAddress[] cacheValues = new InetSocketAddress[CACHE];

    LinuxReceiveBuffers(int capacity, int maxDatagram) {
        this.capacity = capacity;
        this.maxDatagram = maxDatagram;
        Arena arena = Arena.ofAuto();
        this.data = arena.allocate((long) capacity * maxDatagram, 8);
        this.names = arena.allocate((long) capacity * Libc.SOCKADDR_MAX, 8);
        this.iovs = arena.allocate(capacity * Libc.IOVEC_SIZE, 8);
        this.msgs = arena.allocate(capacity * Libc.MMSGHDR_SIZE, 8);
        this.control = arena.allocate(capacity * Libc.TIMESTAMP_CONTROL, 8);
        this.errno = Libc.newErrno(arena);
        java.util.Arrays.fill(cacheKeys, -1);
        this.nameSlots = new MemorySegment[capacity];
        for (int i = 0; i < capacity; i++) {
            iovs.set(ADDRESS, i * Libc.IOVEC_SIZE, data.asSlice((long) i * maxDatagram));
            iovs.set(JAVA_LONG, i * Libc.IOVEC_SIZE + 8, maxDatagram);
            long m = i * Libc.MMSGHDR_SIZE;
            nameSlots[i] = names.asSlice((long) i * Libc.SOCKADDR_MAX, Libc.SOCKADDR_MAX);
            msgs.set(ADDRESS, m + Libc.MSG_NAME, nameSlots[i]);
            msgs.set(ADDRESS, m + Libc.MSG_IOV, iovs.asSlice(i * Libc.IOVEC_SIZE));
            msgs.set(JAVA_LONG, m + Libc.MSG_IOVLEN, 1);
            msgs.set(ADDRESS, m + Libc.MSG_CONTROL, control.asSlice(i * Libc.TIMESTAMP_CONTROL)); // used if controllen > 0
        }
    }

    int receive(ReceiveBatch batch, LinuxUdpSocket socket, int flags, boolean timestamps) throws IOException {
        batch.count = 0;
        for (int i = 0; i < capacity; i++) {
            // The kernel wrote back the lengths it used: give every slot its full room again.
            long m = i * Libc.MMSGHDR_SIZE;
            msgs.set(JAVA_INT, m + Libc.MSG_NAMELEN, Libc.SOCKADDR_MAX);
            msgs.set(JAVA_LONG, m + Libc.MSG_CONTROLLEN, timestamps ? Libc.TIMESTAMP_CONTROL : 0);
        }
        int n;
        try {
            n = (int) Libc.RECVMMSG.invokeExact(errno, socket.fd, msgs, capacity, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
        if (n < 0) {
            int e = Libc.errno(errno);
            if (socket.isClosed()) {
                throw new ClosedChannelException();
            }
            // Timeout or nothing waiting; an ICMP error a connected socket learnt of is only news.
            if (e == Libc.EAGAIN || e == Libc.EINTR || e == Libc.ECONNREFUSED) {
                return 0;
            }
            throw new IOException("recvmmsg: " + Libc.describe(e));
        }
        if (n == 0 && socket.isClosed()) {
            throw new ClosedChannelException();
        }
        long readNanos = System.nanoTime();
        long offset = timestamps ? ClockOffset.realtimeMinusMonotonic() : 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            long m = i * Libc.MMSGHDR_SIZE;
            int length = msgs.get(JAVA_INT, m + Libc.MSG_LEN);
            if ((msgs.get(JAVA_INT, m + Libc.MSG_FLAGS) & Libc.MSG_TRUNC) != 0) {
                batch.truncated++;
                continue;
            }
            InetSocketAddress source = source(i, msgs.get(JAVA_INT, m + Libc.MSG_NAMELEN));
            if (source == null) {
                continue; // not IPv4 or IPv6: cannot happen on these sockets
            }
            MemorySegment.copy(data, JAVA_BYTE, (long) i * maxDatagram, batch.data[k], 0, length);
            batch.length[k] = length;
            batch.source[k] = source;
            batch.arrivalNanos[k] = timestamps ? kernelTime(i, m, offset, readNanos) : readNanos;
            k++;
        }
        batch.count = k;
        return k;
    }

    /** SCM_TIMESTAMPNS (a {@code struct timespec} on the realtime clock) as monotonic nanoseconds. */
    private long kernelTime(int i, long m, long offset, long fallback) {
        long controlLength = msgs.get(JAVA_LONG, m + Libc.MSG_CONTROLLEN);
        long c = i * Libc.TIMESTAMP_CONTROL;
        if (controlLength < Libc.TIMESTAMP_CONTROL || control.get(JAVA_INT, c + 8) != Libc.SOL_SOCKET
                || control.get(JAVA_INT, c + 12) != Libc.SCM_TIMESTAMPNS) {
            return fallback;
        }
        long realtime = control.get(JAVA_LONG, c + 16) * 1_000_000_000L + control.get(JAVA_LONG, c + 24);
        return realtime - offset;
    }

    private InetSocketAddress source(int i, int nameLength) {
        MemorySegment name = nameSlots[i];
        long key = Sockaddr.ipv4Key(name, nameLength);
        if (key < 0) {
            return Sockaddr.decode(name, nameLength);
        }
        int slot = (int) (key ^ key >>> 17 ^ key >>> 31) & (CACHE - 1);
        if (cacheKeys[slot] == key) {
            return cacheValues[slot];
        }
        InetSocketAddress decoded = Sockaddr.decode(name, nameLength);
        cacheKeys[slot] = key;
        cacheValues[slot] = decoded;
        return decoded;
    }
}
