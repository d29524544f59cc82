package org.parley.media.udp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls of the native UDP stack, as FFM downcall handles, and the Linux constants and structure
 * layouts they use. The numbers and layouts are those of Linux on x86-64 and aarch64 (LP64, the generic
 * socket constants); {@link NativeStackLoader} refuses other platforms. Calls that can fail capture
 * {@code errno} into a segment the caller owns ({@link #newErrno}).
 */
final class Libc {

    // <sys/socket.h>, <netinet/in.h>, <asm-generic/socket.h>
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_TIMESTAMPNS = 35;
    static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITFORONE = 0x10000;
    static final int SHUT_RDWR = 2;
    // <errno.h>
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    static final int EMFILE = 24;
    static final int EMSGSIZE = 90;
    static final int EAFNOSUPPORT = 97;
    static final int EADDRINUSE = 98;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETUNREACH = 101;
    static final int ENOBUFS = 105;
    static final int ECONNREFUSED = 111;
    // <sys/epoll.h>, <sys/eventfd.h>, <time.h>
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLLIN = 0x1;
    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;

    /*
     * struct iovec  { void *iov_base; size_t iov_len; }                                  16 bytes
     * struct msghdr { void *msg_name;       socklen_t msg_namelen; (pad 4)
     *                 struct iovec *msg_iov; size_t msg_iovlen;
     *                 void *msg_control;    size_t msg_controllen;
     *                 int msg_flags;        (pad 4) }                                    56 bytes
     * struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; (pad 4) }            64 bytes
     * struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; data... }         16 + data
     */
    static final long IOVEC_SIZE = 16;
    static final long MMSGHDR_SIZE = 64;
    static final long MSG_NAME = 0;
    static final long MSG_NAMELEN = 8;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    static final long MSG_CONTROL = 32;
    static final long MSG_CONTROLLEN = 40;
    static final long MSG_FLAGS = 48;
    static final long MSG_LEN = 56;
    static final long CMSG_HEADER = 16;
    /** CMSG_SPACE(sizeof(struct timespec)): one SCM_TIMESTAMPNS. */
    static final long TIMESTAMP_CONTROL = CMSG_HEADER + 16;
    /** sockaddr_in6 is the larger of the two families' addresses. */
    static final int SOCKADDR_MAX = 28;
    /** epoll_event is packed on x86-64 (12 bytes, data at 4), naturally aligned elsewhere (16, data at 8). */
    static final boolean X86_64 = !System.getProperty("os.arch", "").equals("aarch64");
    static final long EPOLL_EVENT_SIZE = X86_64 ? 12 : 16;
    static final long EPOLL_DATA = X86_64 ? 4 : 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    // Every handle but clock_gettime takes the errno segment first.
    static final MethodHandle SOCKET = errno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle BIND = errno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle CONNECT = errno("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle GETSOCKNAME = errno("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle SETSOCKOPT = errno("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle SENDTO = errno("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle SENDMMSG = errno("sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle RECVMMSG = errno("recvmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle SHUTDOWN = errno("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle CLOSE = errno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle EPOLL_CREATE1 = errno("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle EPOLL_CTL = errno("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle EPOLL_WAIT = errno("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle EVENTFD = errno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle WRITE = errno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle READ = errno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle CLOCK_GETTIME = LINKER.downcallHandle(symbol("clock_gettime"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    private Libc() {
    }

    private static MemorySegment symbol(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
    }

    private static MethodHandle errno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, ERRNO_OPTION);
    }

    /** A segment for one thread's captured errno; allocate it once per owner, not per call. */
    static MemorySegment newErrno(java.lang.foreign.Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static int errno(MemorySegment captured) {
        return (int) ERRNO.get(captured, 0L);
    }

    /** A short name for the errors a UDP socket meets, else the number. */
    static String describe(int errno) {
        return switch (errno) {
            case EINTR -> "interrupted";
            case EBADF -> "bad file descriptor";
            case EAGAIN -> "would block";
            case EACCES -> "permission denied";
            case EINVAL -> "invalid argument";
            case EMFILE -> "too many open files";
            case EMSGSIZE -> "message too long";
            case EAFNOSUPPORT -> "address family not supported";
            case EADDRINUSE -> "address already in use";
            case EADDRNOTAVAIL -> "address not available";
            case ENETUNREACH -> "network unreachable";
            case ENOBUFS -> "no buffer space";
            case ECONNREFUSED -> "connection refused";
            default -> "errno " + errno;
        };
    }

    /** Turns a thrown {@code invokeExact} failure into an error (the handles' types are fixed, so only bugs throw). */
    static IllegalStateException bug(Throwable t) {
        return new IllegalStateException("native UDP call failed", t);
    }
}
