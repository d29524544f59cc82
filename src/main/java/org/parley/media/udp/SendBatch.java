package org.parley.media.udp;

/**
 * Datagrams queued by one thread and handed to the kernel together ({@code sendmmsg} on the native
 * socket; the nio socket sends each one at once). Every datagram is copied when queued, so the caller's
 * buffer is free again on return. A full batch is sent before the next datagram is queued; the owner
 * calls {@link #flush} when it has nothing more to queue for now.
 *
 * <p>Threading: one owner thread. Results are counted on the socket ({@link UdpSocket#sent()},
 * {@link UdpSocket#sendErrors()}).
 */
public interface SendBatch {

    /** Datagrams at most this long can be queued; longer ones are refused (counted as send errors). */
    int MAX_DATAGRAM = 1500;

    /** Queues one datagram to {@code to} (an address of this batch's socket). */
    void add(byte[] buf, int off, int len, UdpAddress to);

    /** Sends everything queued; returns how many of those datagrams the kernel refused. */
    int flush();

    /** Datagrams queued and not yet sent. */
    int queued();
}
