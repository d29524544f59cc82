package org.parley.media.udp;

import java.net.InetSocketAddress;

/**
 * The datagrams one {@link UdpSocket#receive} call read: each one's bytes (in this batch's own arrays,
 * which the caller may change in place until the next call), its source and its arrival time. Made by
 * {@link UdpSocket#newReceiveBatch} for that socket.
 *
 * <p>Threading: one owner thread, the one that calls {@code receive}.
 */
public final class ReceiveBatch {

    final byte[][] data;
    final int[] length;
    final InetSocketAddress[] source;
    final long[] arrivalNanos;
    final int maxDatagram;
    int count;
    /** Datagrams longer than {@link #maxDatagram}, cut by the kernel and dropped: counted, never passed on. */
    long truncated;
    /** The native socket's buffers for this batch; null for the nio socket. */
    Object nativeBuffers;

    ReceiveBatch(int capacity, int maxDatagram) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("capacity must be 1-1024");
        }
        if (maxDatagram < 1 || maxDatagram > 65_536) {
            throw new IllegalArgumentException("maxDatagram must be 1-65536");
        }
        this.maxDatagram = maxDatagram;
        this.data = new byte[capacity][maxDatagram];
        this.length = new int[capacity];
        this.source = new InetSocketAddress[capacity];
        this.arrivalNanos = new long[capacity];
    }

    /** Datagrams read by the last {@code receive}. */
    public int count() {
        return count;
    }

    public int capacity() {
        return data.length;
    }

    /** The array holding datagram {@code i} from offset 0. */
    public byte[] data(int i) {
        return data[check(i)];
    }

    public int length(int i) {
        return length[check(i)];
    }

    public InetSocketAddress source(int i) {
        return source[check(i)];
    }

    /**
     * When datagram {@code i} arrived, on the {@link System#nanoTime()} clock: the kernel's receive
     * timestamp when the socket was opened with {@link UdpSocket.Options#kernelTimestamps()} and the
     * platform has them, else the time it was read. (Linux turns arrival stamping on system-wide shortly
     * after the first socket asks for it; a datagram that arrives in that moment is stamped when read.)
     */
    public long arrivalNanos(int i) {
        return arrivalNanos[check(i)];
    }

    /** Datagrams dropped so far because they were longer than this batch's slots. */
    public long truncated() {
        return truncated;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("datagram " + i + " of " + count);
        }
        return i;
    }
}
