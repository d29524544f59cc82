package org.parley.media.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both UDP stacks on real loopback sockets: what the transport and the load test rely on. */
@Timeout(20)
class UdpSocketTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> open = new ArrayList<>();

    static Stream<UdpStack> stacks() {
        return Stream.of(UdpStack.nio(), UdpStack.select(UdpStack.Choice.LINUX));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private UdpSocket blocking(UdpStack stack) throws IOException {
        UdpSocket s = stack.open(UdpSocket.Options.blocking(new InetSocketAddress(LOOPBACK, 0))
                .withReceiveTimeout(Duration.ofMillis(100)));
        open.add(s);
        return s;
    }

    private UdpSocket nonBlocking(UdpStack stack) throws IOException {
        UdpSocket s = stack.open(UdpSocket.Options.nonBlocking(new InetSocketAddress(LOOPBACK, 0)));
        open.add(s);
        return s;
    }

    /** Receives until {@code want} datagrams arrived or 5 s passed; returns their first bytes as text. */
    private static List<String> receive(UdpSocket socket, ReceiveBatch batch, int want) throws IOException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (got.size() < want && System.nanoTime() < deadline) {
            int n = socket.receive(batch);
            for (int i = 0; i < n; i++) {
                got.add(new String(batch.data(i), 0, batch.length(i), java.nio.charset.StandardCharsets.US_ASCII));
            }
            if (n == 0) {
                Thread.onSpinWait();
            }
        }
        return got;
    }

    @Test
    void the_linux_stack_loads_on_this_machine() {
        // CI and the development machines are Linux with Java 22+: the fast path must not silently fall back.
        assertThat(UdpStack.select(UdpStack.Choice.AUTO).name()).isEqualTo("linux");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void a_datagram_arrives_with_its_bytes_and_source(UdpStack stack) throws IOException {
        UdpSocket a = blocking(stack);
        UdpSocket b = blocking(stack);
        assertThat(a.send("hello".getBytes(), 0, 5, a.address(b.localAddress()))).isTrue();

        ReceiveBatch batch = b.newReceiveBatch(8, 2048);
        assertThat(receive(b, batch, 1)).containsExactly("hello");
        assertThat(batch.source(0)).isEqualTo(a.localAddress());
        assertThat(batch.source(0).getAddress()).isInstanceOf(Inet4Address.class);
        assertThat(a.sent()).isEqualTo(1);
        assertThat(a.sendErrors()).isZero();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void a_batch_reaches_many_sockets_complete_and_in_order(UdpStack stack) throws IOException {
        UdpSocket sender = blocking(stack);
        List<UdpSocket> receivers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            receivers.add(nonBlocking(stack));
        }
        SendBatch batch = sender.newSendBatch(16); // smaller than one round: it must flush by itself
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < receivers.size(); i++) {
                byte[] text = ("r" + round + "-" + i).getBytes();
                batch.add(text, 0, text.length, sender.address(receivers.get(i).localAddress()));
            }
        }
        assertThat(batch.flush()).isZero();
        assertThat(batch.queued()).isZero();
        assertThat(sender.sent()).isEqualTo(150);
        for (int i = 0; i < receivers.size(); i++) {
            UdpSocket r = receivers.get(i);
            assertThat(receive(r, r.newReceiveBatch(4, 2048), 3)).containsExactly("r0-" + i, "r1-" + i, "r2-" + i);
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void a_batch_copies_what_it_queues_so_the_caller_may_reuse_its_buffer(UdpStack stack) throws IOException {
        UdpSocket sender = blocking(stack);
        UdpSocket receiver = nonBlocking(stack);
        SendBatch batch = sender.newSendBatch(8);
        byte[] buffer = new byte[4];
        for (int i = 0; i < 4; i++) {
            buffer[0] = (byte) ('a' + i);
            batch.add(buffer, 0, 1, sender.address(receiver.localAddress()));
        }
        batch.flush();
        assertThat(receive(receiver, receiver.newReceiveBatch(8, 64), 4)).containsExactly("a", "b", "c", "d");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void a_datagram_too_long_for_a_batch_is_refused_and_counted(UdpStack stack) throws IOException {
        UdpSocket sender = blocking(stack);
        UdpSocket receiver = nonBlocking(stack);
        SendBatch batch = sender.newSendBatch(4);
        batch.add(new byte[SendBatch.MAX_DATAGRAM + 1], 0, SendBatch.MAX_DATAGRAM + 1, sender.address(receiver.localAddress()));
        batch.add(new byte[10], 0, 10, sender.address(receiver.localAddress()));
        assertThat(batch.flush()).isEqualTo(1);
        assertThat(sender.sendErrors()).isEqualTo(1);
        assertThat(sender.sent()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void a_datagram_longer_than_the_receive_slot_is_counted_and_never_passed_on(UdpStack stack) throws IOException {
        UdpSocket sender = blocking(stack);
        UdpSocket receiver = blocking(stack);
        UdpAddress to = sender.address(receiver.localAddress());
        sender.send(new byte[300], 0, 300, to);
        sender.send("ok".getBytes(), 0, 2, to);
        ReceiveBatch batch = receiver.newReceiveBatch(4, 100);
        assertThat(receive(receiver, batch, 1)).containsExactly("ok");
        assertThat(batch.truncated()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void an_ipv6_destination_from_an_ipv4_socket_is_refused_and_counted_not_thrown(UdpStack stack) throws IOException {
        UdpSocket sender = blocking(stack);
        UdpAddress v6 = sender.address(new InetSocketAddress("::1", 9));
        assertThat(sender.send(new byte[4], 0, 4, v6)).isFalse();
        SendBatch batch = sender.newSendBatch(2);
        batch.add(new byte[4], 0, 4, v6);
        assertThat(batch.flush()).isEqualTo(1);
        assertThat(sender.sendErrors()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void a_dual_stack_socket_reports_ipv4_peers_as_ipv4_addresses(UdpStack stack) throws IOException {
        UdpSocket server = stack.open(UdpSocket.Options.blocking(new InetSocketAddress("::", 0)));
        open.add(server);
        UdpSocket client = blocking(stack);
        client.send("v4".getBytes(), 0, 2, client.address(new InetSocketAddress(LOOPBACK, server.localAddress().getPort())));
        ReceiveBatch batch = server.newReceiveBatch(2, 64);
        assertThat(receive(server, batch, 1)).containsExactly("v4");
        assertThat(batch.source(0)).isEqualTo(client.localAddress());
        // ...and answers them at the same address.
        assertThat(server.send("back".getBytes(), 0, 4, server.address(batch.source(0)))).isTrue();
        assertThat(receive(client, client.newReceiveBatch(2, 64), 1)).containsExactly("back");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void closing_a_socket_wakes_a_blocked_receive_and_refuses_further_sends(UdpStack stack) throws Exception {
        UdpSocket socket = stack.open(UdpSocket.Options.blocking(new InetSocketAddress(LOOPBACK, 0))
                .withReceiveTimeout(Duration.ofSeconds(30)));
        ReceiveBatch batch = socket.newReceiveBatch(2, 64);
        CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
            try {
                while (true) {
                    socket.receive(batch);
                }
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(200);
        long closing = System.nanoTime();
        socket.close();
        assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
        assertThat(System.nanoTime() - closing).isLessThan(TimeUnit.SECONDS.toNanos(3));
        assertThat(socket.send(new byte[1], 0, 1, socket.address(socket.localAddress()))).isFalse();
        assertThat(socket.sendErrors()).isEqualTo(1);
        assertThatThrownBy(() -> socket.receive(batch)).isInstanceOf(ClosedChannelException.class);
        socket.close(); // idempotent
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void a_poller_reports_exactly_the_sockets_that_have_datagrams(UdpStack stack) throws Exception {
        UdpSocket sender = blocking(stack);
        List<UdpSocket> sockets = new ArrayList<>();
        try (UdpPoller poller = stack.newPoller()) {
            for (int i = 0; i < 20; i++) {
                UdpSocket s = nonBlocking(stack);
                sockets.add(s);
                poller.register(s, i);
            }
            for (int i : new int[] {3, 7, 19}) {
                sender.send(new byte[] {(byte) i}, 0, 1, sender.address(sockets.get(i).localAddress()));
            }
            Set<Object> ready = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ready.size() < 3 && System.nanoTime() < deadline) {
                poller.poll(100, ready::add);
            }
            assertThat(ready).containsExactlyInAnyOrder(3, 7, 19);
            for (Object i : ready) {
                UdpSocket s = sockets.get((Integer) i);
                ReceiveBatch batch = s.newReceiveBatch(4, 64);
                assertThat(s.receive(batch)).isEqualTo(1);
                assertThat(batch.data(0)[0]).isEqualTo(((Integer) i).byteValue());
                assertThat(s.receive(batch)).isZero(); // non-blocking: nothing more, no wait
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void wakeup_ends_a_waiting_poll_early(UdpStack stack) throws Exception {
        try (UdpPoller poller = stack.newPoller()) {
            CompletableFuture<Long> took = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                try {
                    poller.poll(10_000, x -> { });
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return System.nanoTime() - start;
            });
            Thread.sleep(100);
            poller.wakeup();
            assertThat(took.get(5, TimeUnit.SECONDS)).isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void kernel_timestamps_fall_between_the_send_and_the_read_on_the_nano_time_clock() throws Exception {
        UdpStack stack = UdpStack.select(UdpStack.Choice.LINUX);
        UdpSocket sender = blocking(stack);
        UdpSocket receiver = stack.open(UdpSocket.Options.blocking(new InetSocketAddress(LOOPBACK, 0))
                .withKernelTimestamps(true));
        open.add(receiver);
        assertThat(receiver.kernelTimestamps()).isTrue();
        // Linux turns arrival stamping on for the whole system when the first socket asks, from a work queue:
        // a datagram arriving before that is stamped when it is read. Give it that moment.
        Thread.sleep(100);
        long before = System.nanoTime();
        sender.send(new byte[8], 0, 8, sender.address(receiver.localAddress()));
        long sent = System.nanoTime();
        Thread.sleep(50); // the datagram waits in the socket: the stamp must say when it arrived, not when it was read
        ReceiveBatch batch = receiver.newReceiveBatch(2, 64);
        assertThat(receiver.receive(batch)).isEqualTo(1);
        long arrival = batch.arrivalNanos(0);
        assertThat(arrival).isBetween(before - 1_000_000, sent + 1_000_000);
    }
}
