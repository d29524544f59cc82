package org.parley.media.udp;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * epoll over native sockets, with an eventfd for {@link #wakeup}. Each registration's epoll data is its
 * index in {@link #attachments}. A closed socket leaves the epoll set by itself (the kernel drops a
 * closed file's registrations); an event already returned for it makes its owner's receive fail with
 * {@link ClosedChannelException}.
 *
 * <pre>
 * struct epoll_event { uint32_t events; uint64_t data; }   packed on x86-64 (12 bytes), 16 on aarch64
 * </pre>
 *
 * <p>Threading: {@link #poll} and {@link #close} on the owner thread; {@link #register} and
 * {@link #wakeup} from any thread.
 */
final class LinuxUdpPoller implements UdpPoller {

    /** Events one {@code epoll_wait} returns at most; more ready sockets are reported by the next call. */
    static final int MAX_EVENTS = MAX_READY;
    private static final long WAKE = -1;

    private final int epfd;
    private final int eventFd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment events;
    private final MemorySegment pollErrno;
    private final MemorySegment wakeValue;
    private final MemorySegment drain;
    /** Replaced (copy on grow) under this object's lock, read by the poll thread through the volatile. */
    private volatile Object[] attachments = new Object[64];
    private int registered;
    private volatile boolean closed;

    private LinuxUdpPoller(int epfd, int eventFd) {
        this.epfd = epfd;
        this.eventFd = eventFd;
        this.events = arena.allocate(MAX_EVENTS * Libc.EPOLL_EVENT_SIZE, 8);
        this.pollErrno = Libc.newErrno(arena);
        this.wakeValue = arena.allocate(JAVA_LONG);
        this.wakeValue.set(JAVA_LONG, 0, 1);
        this.drain = arena.allocate(JAVA_LONG);
    }

    static LinuxUdpPoller open() throws IOException {
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrno(temp);
            int epfd = (int) Libc.EPOLL_CREATE1.invokeExact(errno, Libc.EPOLL_CLOEXEC);
            if (epfd < 0) {
                throw new IOException("epoll_create1: " + Libc.describe(Libc.errno(errno)));
            }
            int efd = (int) Libc.EVENTFD.invokeExact(errno, 0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
            if (efd < 0) {
                int ignored = (int) Libc.CLOSE.invokeExact(errno, epfd);
                throw new IOException("eventfd: " + Libc.describe(Libc.errno(errno)));
            }
            LinuxUdpPoller poller = new LinuxUdpPoller(epfd, efd);
            poller.add(efd, WAKE);
            return poller;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
    }

    @Override
    public void register(UdpSocket socket, Object attachment) throws IOException {
        if (!(socket instanceof LinuxUdpSocket linux)) {
            throw new IllegalArgumentException("a socket of another stack");
        }
        int index;
        synchronized (this) {
            index = registered++;
            Object[] current = attachments;
            if (index >= current.length) {
                current = Arrays.copyOf(current, current.length * 2);
            }
            current[index] = attachment;
            attachments = current; // publishes the attachment before epoll can report the socket
        }
        if (!linux.enter()) {
            throw new ClosedChannelException();
        }
        try {
            add(linux.fd, index);
        } finally {
            linux.exit();
        }
    }

    private void add(int fd, long data) throws IOException {
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment event = temp.allocate(16, 8);
            event.set(JAVA_INT_UNALIGNED, 0, Libc.EPOLLIN);
            event.set(JAVA_LONG_UNALIGNED, Libc.EPOLL_DATA, data);
            MemorySegment errno = Libc.newErrno(temp);
            if ((int) Libc.EPOLL_CTL.invokeExact(errno, epfd, Libc.EPOLL_CTL_ADD, fd, event) != 0) {
                throw new IOException("epoll_ctl: " + Libc.describe(Libc.errno(errno)));
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
    }

    @Override
    public int poll(int timeoutMillis, Consumer<Object> ready) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        int n;
        try {
            n = (int) Libc.EPOLL_WAIT.invokeExact(pollErrno, epfd, events, MAX_EVENTS, Math.max(0, timeoutMillis));
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
        if (n < 0) {
            int e = Libc.errno(pollErrno);
            if (e == Libc.EINTR) {
                return 0;
            }
            throw new IOException("epoll_wait: " + Libc.describe(e));
        }
        Object[] current = attachments;
        int reported = 0;
        for (int i = 0; i < n; i++) {
            long data = events.get(JAVA_LONG_UNALIGNED, i * Libc.EPOLL_EVENT_SIZE + Libc.EPOLL_DATA);
            if (data == WAKE) {
                drainWakeups();
                continue;
            }
            if (data >= 0 && data < current.length && current[(int) data] != null) {
                ready.accept(current[(int) data]);
                reported++;
            }
        }
        return reported;
    }

    private void drainWakeups() {
        try {
            long ignored = (long) Libc.READ.invokeExact(pollErrno, eventFd, drain, 8L);
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
    }

    @Override
    public void wakeup() {
        if (closed) {
            return;
        }
        try (Arena temp = Arena.ofConfined()) {
            long ignored = (long) Libc.WRITE.invokeExact(Libc.newErrno(temp), eventFd, wakeValue, 8L);
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrno(temp);
            int ignored = (int) Libc.CLOSE.invokeExact(errno, epfd);
            ignored = (int) Libc.CLOSE.invokeExact(errno, eventFd);
        } catch (Throwable t) {
            throw Libc.bug(t);
        }
        arena.close();
    }
}
