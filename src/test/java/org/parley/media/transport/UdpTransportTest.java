package org.parley.media.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.media.ice.BrowserChecks.BROWSER_PWD;
import static org.parley.media.ice.BrowserChecks.BROWSER_UFRAG;
import static org.parley.media.ice.BrowserChecks.check;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.ice.IceCandidate;
import org.parley.media.ice.IceListener;
import org.parley.media.stun.MessageIntegrity;
import org.parley.media.stun.StunMessage;
import org.parley.media.stun.StunMessageType;
import org.parley.media.stun.StunParseResult;
import org.parley.media.stun.StunParser;

/** The transport on a real UDP socket on 127.0.0.1, driven by real client sockets. */
@Timeout(10)
class UdpTransportTest {

    private static final long SECOND = 1_000_000_000L;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<DatagramSocket> clients = new ArrayList<>();
    private UdpTransport transport;
    private InetSocketAddress server;

    @BeforeEach
    void start() throws IOException {
        MediaConfig config = MediaConfig.defaults().withPort(0).withBindAddress(LOOPBACK);
        transport = UdpTransport.start(config, clock::get);
        server = new InetSocketAddress(LOOPBACK, transport.localAddress().getPort());
    }

    @AfterEach
    void stop() {
        clients.forEach(DatagramSocket::close);
        transport.close();
    }

    @Test
    void a_browser_check_gets_a_success_response_whose_integrity_verifies_with_the_peer_password() throws IOException {
        MediaPeer peer = connectedPeer();
        DatagramSocket browser = client();

        send(browser, check(peer.localCredentials(), false));
        StunMessage response = receiveStun(browser);

        assertThat(response.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThat(response.xorMappedAddress()).isEqualTo(browser.getLocalSocketAddress());
        assertThat(response.verifyIntegrity(MessageIntegrity.shortTermKey(peer.localCredentials().pwd()))).isTrue();
        assertThat(response.hasFingerprint()).isTrue();
        await(() -> transport.counters().get("sent") == 1L);
        assertThat(transport.counters()).containsEntry("received.stun", 1L);
    }

    @Test
    void a_check_with_a_wrong_password_gets_401_and_is_counted() throws IOException {
        MediaPeer peer = connectedPeer();
        DatagramSocket browser = client();

        send(browser, check(peer.localCredentials().ufrag() + ":" + BROWSER_UFRAG, "someOtherPasswordOf24chr", true));

        assertThat(receiveStun(browser).errorCode().code()).isEqualTo(401);
        assertThat(transport.counters()).containsEntry("dropped.ice.bad-integrity", 1L);
        assertThat(peer.selectedAddress()).isNull();
    }

    @Test
    void thousands_of_garbage_datagrams_from_many_sources_are_counted_and_a_valid_check_is_still_answered() throws IOException {
        MediaPeer peer = connectedPeer();
        List<DatagramSocket> attackers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            attackers.add(client());
        }
        Random random = new Random(7);
        int total = 4000;
        for (int sent = 0; sent < total; ) {
            // Paced in small bursts so the kernel's receive buffer never overflows and every datagram is counted.
            for (int burst = 0; burst < 40; burst++, sent++) {
                send(attackers.get(random.nextInt(attackers.size())), garbage(random));
            }
            long expected = sent;
            await(() -> droppedTotal() >= expected);
        }
        assertThat(droppedTotal()).isEqualTo(total);
        assertThat(transport.counters().get("dropped.unknown-protocol")).isPositive();
        assertThat(transport.counters().get("dropped.unknown-source")).isPositive();
        assertThat(transport.counters().get("dropped.stun.bad-magic-cookie")).isPositive();

        DatagramSocket browser = client();
        send(browser, check(peer.localCredentials(), true));

        assertThat(receiveStun(browser).type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
    }

    @Test
    void an_srtp_packet_from_an_unknown_source_is_dropped_and_counted() throws IOException {
        MediaPeer peer = connectedPeer();
        List<String> delivered = new CopyOnWriteArrayList<>();
        peer.setSrtpSink((buf, off, len) -> delivered.add("srtp"));
        DatagramSocket browser = client();
        send(browser, check(peer.localCredentials(), true));
        receiveStun(browser);

        send(client(), rtpLike());

        await(() -> transport.counters().get("dropped.unknown-source") == 1L);
        assertThat(delivered).isEmpty();
    }

    @Test
    void dtls_and_srtp_from_the_nominated_address_reach_the_peer_sinks_and_the_peer_can_answer() throws IOException {
        MediaPeer peer = connectedPeer();
        List<String> delivered = new CopyOnWriteArrayList<>();
        peer.setDtlsSink((buf, off, len) -> {
            delivered.add("dtls " + len);
            peer.send(new byte[] {22, 1, 2}, 0, 3);
        });
        peer.setSrtpSink((buf, off, len) -> delivered.add("srtp " + (buf[off] & 0xFF)));
        DatagramSocket browser = client();
        send(browser, check(peer.localCredentials(), true));
        receiveStun(browser);

        send(browser, new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0});
        byte[] reply = receive(browser);
        send(browser, rtpLike());

        assertThat(reply).containsExactly(22, 1, 2);
        await(() -> delivered.size() == 2);
        assertThat(delivered).containsExactly("dtls 5", "srtp 128");
        assertThat(peer.selectedAddress()).isEqualTo(browser.getLocalSocketAddress());
    }

    @Test
    void a_nomination_from_a_new_address_moves_media_there_and_the_old_address_is_no_longer_routed() throws IOException {
        MediaPeer peer = connectedPeer();
        AtomicInteger srtp = new AtomicInteger();
        peer.setSrtpSink((buf, off, len) -> srtp.incrementAndGet());
        DatagramSocket wifi = client();
        DatagramSocket lte = client();
        send(wifi, check(peer.localCredentials(), true));
        receiveStun(wifi);

        send(lte, check(peer.localCredentials(), true));
        receiveStun(lte);
        send(wifi, rtpLike());
        send(lte, rtpLike());

        await(() -> srtp.get() == 1 && transport.counters().get("dropped.unknown-source") == 1L);
        assertThat(peer.selectedAddress()).isEqualTo(lte.getLocalSocketAddress());
        assertThat(events).hasSize(2);
    }

    @Test
    void an_address_a_nat_hands_to_a_new_peer_routes_to_the_latest_nomination_and_back_when_that_peer_leaves()
            throws IOException {
        MediaPeer old = connectedPeer();
        MediaPeer fresh = connectedPeer();
        AtomicInteger toOld = new AtomicInteger();
        AtomicInteger toFresh = new AtomicInteger();
        old.setSrtpSink((buf, off, len) -> toOld.incrementAndGet());
        fresh.setSrtpSink((buf, off, len) -> toFresh.incrementAndGet());
        DatagramSocket mapping = client(); // one public address, used first by one browser, then by another

        send(mapping, check(old.localCredentials(), true));
        receiveStun(mapping);
        send(mapping, check(fresh.localCredentials(), true));
        receiveStun(mapping);
        send(mapping, rtpLike());
        await(() -> toFresh.get() == 1);

        fresh.close();
        send(mapping, rtpLike());
        await(() -> toOld.get() == 1);
        assertThat(toFresh.get()).isEqualTo(1);

        old.close();
        send(mapping, rtpLike());
        await(() -> transport.counters().get("dropped.unknown-source") == 1L);
    }

    @Test
    void a_check_for_a_ufrag_nobody_owns_is_dropped_silently_and_counted() throws IOException {
        DatagramSocket scanner = client();

        send(scanner, check("nobody:" + BROWSER_UFRAG, BROWSER_PWD, true));

        await(() -> transport.counters().get("dropped.unknown-ufrag") == 1L);
        assertThat(transport.counters()).containsEntry("sent", 0L);
    }

    @Test
    void a_sink_that_throws_is_counted_and_the_loop_keeps_answering() throws IOException {
        MediaPeer peer = connectedPeer();
        peer.setDtlsSink((buf, off, len) -> {
            throw new IllegalStateException("a bug in a layer above");
        });
        DatagramSocket browser = client();
        send(browser, check(peer.localCredentials(), true));
        receiveStun(browser);

        send(browser, new byte[] {22, 0, 0});
        await(() -> transport.counters().get("dropped.handler-error") == 1L);
        send(browser, check(peer.localCredentials(), false));

        assertThat(receiveStun(browser).type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
    }

    @Test
    void consent_expiry_fires_with_the_injected_clock_and_the_peer_stops_sending_and_answering() throws IOException {
        MediaPeer peer = connectedPeer();
        DatagramSocket browser = client();
        send(browser, check(peer.localCredentials(), true));
        receiveStun(browser);

        clock.addAndGet(9 * SECOND);
        transport.checkConsent();
        assertThat(events).doesNotContain("expired");
        assertThat(peer.send(new byte[] {(byte) 0x80}, 0, 1)).isTrue();

        clock.addAndGet(SECOND);
        transport.checkConsent();

        await(() -> events.contains("expired"));
        assertThat(events).containsOnlyOnce("expired");
        assertThat(peer.isClosed()).isTrue();
        assertThat(peer.send(new byte[] {(byte) 0x80}, 0, 1)).isFalse();
        assertThat(transport.counters()).containsEntry("dropped.no-selected-address", 1L);
        send(browser, check(peer.localCredentials(), false));
        await(() -> transport.counters().get("dropped.unknown-ufrag") == 1L);
    }

    @Test
    void the_consent_timer_notices_expiry_on_its_own() {
        connectedPeer();

        clock.addAndGet(11 * SECOND);

        await(() -> events.contains("expired"));
    }

    @Test
    void sending_before_any_nomination_is_refused_and_counted() {
        MediaPeer peer = connectedPeer();

        assertThat(peer.send(new byte[] {1}, 0, 1)).isFalse();
        assertThat(transport.counters()).containsEntry("dropped.no-selected-address", 1L);
    }

    @Test
    void host_candidates_advertise_the_configured_public_address_on_the_bound_port() throws IOException {
        MediaConfig config = MediaConfig.defaults().withPort(0).withBindAddress(LOOPBACK)
                .withAdvertisedAddresses(List.of(InetAddress.getByName("203.0.113.9")));
        try (UdpTransport natted = UdpTransport.start(config)) {
            List<IceCandidate> candidates = natted.localCandidates();

            assertThat(candidates).extracting(IceCandidate::toSdp)
                    .containsExactly("candidate:1 1 udp 2130706431 203.0.113.9 " + natted.localAddress().getPort() + " typ host");
        }
        assertThat(transport.localCandidates()).extracting(c -> c.address().getAddress()).containsExactly(LOOPBACK);
    }

    private MediaPeer connectedPeer() {
        MediaPeer peer = transport.addPeer(new IceListener() {
            @Override
            public void selectedAddressChanged(InetSocketAddress previous, InetSocketAddress current) {
                events.add("selected " + current);
            }

            @Override
            public void consentExpired() {
                events.add("expired");
            }
        });
        peer.setRemoteCredentials(BROWSER_UFRAG, BROWSER_PWD);
        return peer;
    }

    /** Random datagrams of every kind, none a parseable STUN message. */
    private static byte[] garbage(Random random) {
        byte[] datagram = new byte[random.nextInt(300)];
        random.nextBytes(datagram);
        if (datagram.length > 0) {
            int[] firstBytes = {0, 1, 3, 22, 128, 150, 200, 70};
            datagram[0] = (byte) firstBytes[random.nextInt(firstBytes.length)];
        }
        return datagram;
    }

    private static byte[] rtpLike() {
        byte[] packet = new byte[40];
        packet[0] = (byte) 0x80;
        packet[1] = 111; // Opus
        return packet;
    }

    private long droppedTotal() {
        return transport.counters().entrySet().stream()
                .filter(e -> e.getKey().startsWith("dropped."))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private DatagramSocket client() {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            socket.setSoTimeout(2000);
            clients.add(socket);
            return socket;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void send(DatagramSocket socket, byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer from the media port", e);
        }
        return Arrays.copyOf(buf, packet.getLength());
    }

    private static StunMessage receiveStun(DatagramSocket socket) throws IOException {
        byte[] datagram = receive(socket);
        StunParseResult result = StunParser.parse(datagram, 0, datagram.length);
        assertThat(result.dropReason()).isNull();
        return result.message();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
