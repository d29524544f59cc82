package org.parley.media.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.parley.media.ice.IceCandidate;
import org.parley.media.ice.IceLiteAgent;
import org.parley.media.ice.IceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFU's single UDP socket, shared by every peer (ICE-lite with one host candidate per address).
 *
 * <p>Threading:
 * <ul>
 *   <li>one receive thread ({@code parley-media-udp}) owns the receive buffer and runs the
 *       {@link Demultiplexer}, STUN answers included; sinks are called on it;</li>
 *   <li>one timer thread ({@code parley-media-consent}) checks consent every {@link #CONSENT_CHECK_INTERVAL}
 *       and closes expired peers after their listener heard of it;</li>
 *   <li>{@link MediaPeer#send} may be called from any thread: {@link DatagramChannel} serialises
 *       concurrent writers itself;</li>
 *   <li>{@link #addPeer} and peer changes come from signalling threads and only swap routing snapshots.</li>
 * </ul>
 * Nothing a datagram contains can stop the receive loop: parsers return reasons, sink exceptions are
 * counted, socket errors are counted; only {@link #close()} ends it.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);

    /** Largest UDP payload, so no datagram is ever truncated. */
    static final int RECEIVE_BUFFER_SIZE = 65_536;
    /** How often consent is checked; expiry is noticed at most this late. */
    static final Duration CONSENT_CHECK_INTERVAL = Duration.ofMillis(500);

    private final MediaConfig config;
    private final DatagramChannel channel;
    private final LongSupplier nanoClock;
    private final SecureRandom random = new SecureRandom();
    private final MediaCounters counters = new MediaCounters();
    private final PeerTable table = new PeerTable();
    private final Demultiplexer demultiplexer;
    private final Thread receiver;
    private final ScheduledExecutorService consentTimer;
    private volatile boolean loggedHandlerError;

    private UdpTransport(MediaConfig config, DatagramChannel channel, LongSupplier nanoClock) {
        this.config = config;
        this.channel = channel;
        this.nanoClock = nanoClock;
        this.demultiplexer = new Demultiplexer(table, this::send, counters, nanoClock);
        this.receiver = Thread.ofPlatform().name("parley-media-udp").daemon().unstarted(this::receiveLoop);
        this.consentTimer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("parley-media-consent").daemon().unstarted(r));
    }

    /** Binds the port and starts the receive thread and consent timer. */
    /** Requested kernel buffer per direction for the one media socket. */
    static final int SOCKET_BUFFER_BYTES = 8 * 1024 * 1024;

    public static UdpTransport start(MediaConfig config) throws IOException {
        return start(config, System::nanoTime);
    }

    /** As {@link #start(MediaConfig)}, with a monotonic nanosecond clock for consent (tests move it by hand). */
    public static UdpTransport start(MediaConfig config, LongSupplier nanoClock) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            // One socket carries every peer: a burst (many speakers, a GC pause) must queue in the
            // kernel rather than overflow and take connectivity checks with it, expiring healthy
            // peers' consent. The kernel caps this at net.core.rmem_max / wmem_max.
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(config.bindAddress(), config.port()));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        UdpTransport transport = new UdpTransport(config, channel, nanoClock);
        transport.receiver.start();
        long interval = CONSENT_CHECK_INTERVAL.toMillis();
        transport.consentTimer.scheduleWithFixedDelay(transport::checkConsent, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Media transport listening on UDP port {}", transport.localAddress().getPort());
        return transport;
    }

    /** The bound address; its port is the one to advertise. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the media socket is closed", e);
        }
    }

    /**
     * Host candidates for SDP (RFC 8445 §2.5: a lite agent has only host candidates): the advertised
     * addresses when configured, else the bound address, else every up, non-loopback interface address.
     */
    public List<IceCandidate> localCandidates() {
        int port = localAddress().getPort();
        List<InetAddress> addresses = new ArrayList<>(config.advertisedAddresses());
        if (addresses.isEmpty() && !config.bindAddress().isAnyLocalAddress()) {
            addresses.add(config.bindAddress());
        }
        if (addresses.isEmpty()) {
            addresses.addAll(interfaceAddresses());
        }
        List<IceCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            candidates.add(IceCandidate.host(new InetSocketAddress(addresses.get(i), port), i));
        }
        return candidates;
    }

    /**
     * A new peer with fresh local ICE credentials; its STUN checks are routed to it from now on.
     * {@code listener} hears of nominations and of consent expiry (after which the peer is closed).
     */
    public MediaPeer addPeer(IceListener listener) {
        IceLiteAgent agent = new IceLiteAgent(random, config.consentTimeout(), nanoClock.getAsLong(), listener);
        MediaPeer peer = new MediaPeer(agent, table, this::send, counters);
        table.add(peer);
        return peer;
    }

    /** Counters by name for metrics: received per protocol, sent, dropped per reason (see {@link MediaCounters}). */
    public Map<String, Long> counters() {
        return Collections.unmodifiableMap(counters.snapshot());
    }

    /** RFC 7675: expires and closes every peer whose consent lapsed. Runs on the consent timer. */
    void checkConsent() {
        long now = nanoClock.getAsLong();
        for (MediaPeer peer : table.all()) {
            try {
                if (peer.agent().checkConsent(now)) {
                    peer.close();
                }
            } catch (RuntimeException e) {
                // A listener's bug must not stop consent checks for everyone else.
                log.warn("Consent listener failed", e);
                peer.close();
            }
        }
    }

    private boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
        try {
            channel.send(ByteBuffer.wrap(buf, off, len), to);
            counters.sent();
            return true;
        } catch (IOException | RuntimeException e) {
            counters.dropped(TransportDropReason.SEND_ERROR);
            return false;
        }
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER_SIZE);
        byte[] array = buffer.array();
        while (channel.isOpen()) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException | RuntimeException e) {
                counters.dropped(TransportDropReason.RECEIVE_ERROR);
                continue;
            }
            if (!(from instanceof InetSocketAddress source)) {
                continue;
            }
            try {
                demultiplexer.handle(array, 0, buffer.position(), source);
            } catch (RuntimeException e) {
                counters.dropped(TransportDropReason.HANDLER_ERROR);
                if (!loggedHandlerError) {
                    loggedHandlerError = true;
                    log.warn("A media packet handler threw; further failures are only counted (dropped.handler-error)", e);
                } else {
                    log.debug("A media packet handler threw", e);
                }
            }
        }
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        out.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            log.warn("Cannot list network interfaces; set advertised media addresses", e);
        }
        return out;
    }

    /** Stops the threads and closes the socket. Idempotent. */
    @Override
    public void close() {
        consentTimer.shutdownNow();
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing the media socket failed", e);
        }
        for (MediaPeer peer : table.all()) {
            peer.close();
        }
        try {
            receiver.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
