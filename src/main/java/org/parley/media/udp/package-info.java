/**
 * The operating system's UDP sockets, under the media transport and the load test: one
 * {@link org.parley.media.udp.UdpSocket} interface with two implementations, chosen once per process
 * by {@link org.parley.media.udp.UdpStack}.
 *
 * <ul>
 *   <li><b>linux</b> (Java 22+ on Linux x86-64/aarch64, compiled from {@code src/main/java22}): libc's
 *       {@code sendmmsg}/{@code recvmmsg} through the FFM API. A sender thread queues the copies of a
 *       forwarded packet into a {@link org.parley.media.udp.SendBatch} and hands the kernel up to 64 in
 *       one system call, with no JDK lock around the socket, so sender threads send in parallel. It can
 *       stamp each datagram with the kernel's arrival time ({@code SO_TIMESTAMPNS}).</li>
 *   <li><b>nio</b> ({@link java.nio.channels.DatagramChannel}, any Java 21+): one system call per
 *       datagram under the channel's write lock. The fallback, and what {@code PARLEY_MEDIA_SOCKET=nio}
 *       forces.</li>
 * </ul>
 * Why two: on the 2-core test machine the loopback kernel path costs ~3.2 µs per datagram with
 * {@code sendmmsg} and ~4 µs with one {@code sendto} each (docs/benchmarks.md), and two sender threads
 * on one {@code DatagramChannel} spent a sixth of their time waiting for its lock.
 */
package org.parley.media.udp;
