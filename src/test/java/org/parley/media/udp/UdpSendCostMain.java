package org.parley.media.udp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one datagram to one of many listeners costs the sending thread on loopback, per UDP stack: the
 * nio stack's {@code DatagramChannel.send}, the linux stack's single {@code sendto}, and its
 * {@code sendmmsg} batches of 64 — a fan-out of 120-byte datagrams to N receiving sockets, round after
 * round, the receivers drained between rounds (not timed). On loopback the sender's system call also runs
 * the delivery into the receiving socket, so this is the kernel floor of the forwarding path
 * (docs/benchmarks.md). Thread CPU time, median of the rounds:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(deps) \
 *     org.parley.media.udp.UdpSendCostMain [receivers 2000] [rounds 300]
 * </pre>
 */
final class UdpSendCostMain {

    private static final byte[] DATAGRAM = new byte[120];

    private UdpSendCostMain() {
    }

    public static void main(String[] args) throws IOException {
        int receivers = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        UdpStack linux = UdpStack.select(UdpStack.Choice.LINUX);
        UdpSocket[] sinks = new UdpSocket[receivers];
        for (int i = 0; i < receivers; i++) {
            sinks[i] = linux.open(UdpSocket.Options.nonBlocking(new InetSocketAddress(loopback, 0)));
        }
        ReceiveBatch drain = linux.newReceiveBatch(64, 2048);
        System.out.printf(Locale.ROOT, "receivers=%d rounds=%d datagram=%d bytes java=%s%n", receivers, rounds,
                DATAGRAM.length, System.getProperty("java.version"));
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up the JIT and the kernel's caches
            for (String mode : new String[] {"nio sendto", "linux sendto", "linux sendmmsg"}) {
                UdpStack stack = mode.startsWith("nio") ? UdpStack.nio() : linux;
                try (UdpSocket sender = stack.open(UdpSocket.Options.blocking(new InetSocketAddress(loopback, 0)))) {
                    double[] perDatagram = measure(sender, mode.endsWith("sendmmsg"), sinks, drain, rounds);
                    if (pass == 1) {
                        Arrays.sort(perDatagram);
                        System.out.printf(Locale.ROOT, "udp-send mode=\"%s\" cpu_us_per_datagram_median=%.3f min=%.3f%n",
                                mode, perDatagram[perDatagram.length / 2], perDatagram[0]);
                    }
                }
            }
        }
        for (UdpSocket s : sinks) {
            s.close();
        }
    }

    private static double[] measure(UdpSocket sender, boolean batched, UdpSocket[] sinks, ReceiveBatch drain,
                                    int rounds) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        UdpAddress[] to = new UdpAddress[sinks.length];
        for (int i = 0; i < sinks.length; i++) {
            to[i] = sender.address(sinks[i].localAddress());
        }
        SendBatch batch = sender.newSendBatch(64);
        double[] out = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            for (UdpAddress a : to) {
                if (batched) {
                    batch.add(DATAGRAM, 0, DATAGRAM.length, a);
                } else {
                    sender.send(DATAGRAM, 0, DATAGRAM.length, a);
                }
            }
            batch.flush();
            out[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / to.length;
            for (UdpSocket s : sinks) {
                while (s.receive(drain) == drain.capacity()) {
                    Thread.onSpinWait();
                }
            }
        }
        if (sender.sendErrors() > 0) {
            throw new IllegalStateException(sender.sendErrors() + " datagrams refused");
        }
        return out;
    }
}
