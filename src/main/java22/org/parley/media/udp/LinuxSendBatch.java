package org.parley.media.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Up to {@code capacity} datagrams in native memory, sent with one {@code sendmmsg}. Every slot's
 * {@code mmsghdr} points at its own data, address and {@code iovec} from the start; queueing a datagram
 * copies its bytes and its 16- or 28-byte address and sets two lengths.
 *
 * <pre>
 *  msgs:  [ mmsghdr 0 | mmsghdr 1 | ... ]   each: name ─► names[i], iov ─► iovs[i] ─► data[i]
 * </pre>
 *
 * <p>Threading: one owner thread (the native memory is {@link Arena#ofAuto()}: any thread may use it, the
 * GC frees it with the batch).
 */
final class LinuxSendBatch implements SendBatch {

    private final LinuxUdpSocket socket;
    private final int capacity;
    private final MemorySegment data;
    private final MemorySegment names;
    private final MemorySegment iovs;
    private final MemorySegment msgs;
    private final MemorySegment errno;
    private int count;
    private int failed;

    LinuxSendBatch(LinuxUdpSocket socket, int capacity) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("capacity must be 1-1024 (the kernel's UIO_MAXIOV)");
        }
        this.socket = socket;
        this.capacity = capacity;
        Arena arena = Arena.ofAuto();
        this.data = arena.allocate((long) capacity * MAX_DATAGRAM, 8);
        this.names = arena.allocate((long) capacity * Libc.SOCKADDR_MAX, 8);
        this.iovs = arena.allocate(capacity * Libc.IOVEC_SIZE, 8);
        this.msgs = arena.allocate(capacity * Libc.MMSGHDR_SIZE, 8);
        this.errno = Libc.newErrno(arena);
        for (int i = 0; i < capacity; i++) {
            iovs.set(ADDRESS, i * Libc.IOVEC_SIZE, data.asSlice((long) i * MAX_DATAGRAM));
            long m = i * Libc.MMSGHDR_SIZE;
            msgs.set(ADDRESS, m + Libc.MSG_NAME, names.asSlice((long) i * Libc.SOCKADDR_MAX));
            msgs.set(ADDRESS, m + Libc.MSG_IOV, iovs.asSlice(i * Libc.IOVEC_SIZE));
            msgs.set(JAVA_LONG, m + Libc.MSG_IOVLEN, 1);
        }
    }

    @Override
    public void add(byte[] buf, int off, int len, UdpAddress to) {
        byte[] name = to.sockaddr;
        if (len > MAX_DATAGRAM || len < 0 || name == null) {
            socket.sendErrors.increment();
            failed++;
            return;
        }
        if (count == capacity) {
            send();
        }
        int i = count;
        MemorySegment.copy(buf, off, data, JAVA_BYTE, (long) i * MAX_DATAGRAM, len);
        iovs.set(JAVA_LONG, i * Libc.IOVEC_SIZE + 8, len);
        MemorySegment.copy(name, 0, names, JAVA_BYTE, (long) i * Libc.SOCKADDR_MAX, name.length);
        msgs.set(JAVA_INT, i * Libc.MMSGHDR_SIZE + Libc.MSG_NAMELEN, name.length);
        count = i + 1;
    }

    @Override
    public int flush() {
        send();
        int f = failed;
        failed = 0;
        return f;
    }

    @Override
    public int queued() {
        return count;
    }

    /**
     * Hands the queued datagrams to the kernel (waiting for buffer room on a blocking socket, see
     * {@link LinuxUdpSocket}). {@code sendmmsg} stops at the first datagram it cannot send: that one is
     * counted and skipped, and the rest go on; a full send buffer of a non-blocking socket ({@code EAGAIN})
     * drops the rest at once rather than failing them one call at a time.
     */
    private void send() {
        int n = count;
        count = 0;
        if (n == 0) {
            return;
        }
        if (!socket.enter()) {
            drop(n);
            return;
        }
        try {
            int start = 0;
            while (start < n) {
                MemorySegment from = start == 0 ? msgs : msgs.asSlice(start * Libc.MMSGHDR_SIZE); // no slice in the common case
                int done = (int) Libc.SENDMMSG.invokeExact(errno, socket.fd, from, n - start, socket.sendFlags);
                if (done > 0) {
                    socket.sent.add(done);
                    start += done;
                    continue;
                }
                int e = Libc.errno(errno);
                if (e == Libc.EINTR) {
                    continue;
                }
                if (e == Libc.EAGAIN || e == Libc.EBADF) {
                    drop(n - start);
                    return;
                }
                drop(1);
                start++;
            }
        } catch (Throwable t) {
            throw Libc.bug(t);
        } finally {
            socket.exit();
        }
    }

    private void drop(int datagrams) {
        socket.sendErrors.add(datagrams);
        failed += datagrams;
    }
}
