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
import java.util.concurrent.ArrayBlockingQueue;
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
 *       {@link Demultiplexer}, which answers STUN; sinks are called on it;</li>
 *   <li>one reply thread ({@code parley-media-reply}) sends those STUN answers, so the receive thread
 *       never waits for the socket's write lock;</li>
 *   <li>one timer thread ({@code parley-media-consent}) checks consent every {@link #CONSENT_CHECK_INTERVAL}
 *       and closes expired peers after their listener heard of it;</li>
 *   <li>{@link MediaPeer#send} may be called from any thread (the receive thread for STUN, the
 *       forwarding sender threads for RTP, DTLS threads): {@link DatagramChannel} serialises concurrent
 *       writers itself, holding its write lock across each {@code sendto};</li>
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
    /**
     * STUN answers the receive thread made, sent by {@link #replier}: the channel holds its write lock
     * across each {@code sendto}, and the forwarding sender threads take it back to back for a whole
     * fan-out, so a receive thread that sent its own answers would wait there (11-20 ms in a 1,000-listener
     * profile) instead of reading the next packet.
     */
    private final ArrayBlockingQueue<Reply> replies = new ArrayBlockingQueue<>(REPLY_QUEUE);
    private final Thread replier;
    private final ScheduledExecutorService consentTimer;
    private volatile boolean loggedHandlerError;

    private UdpTransport(MediaConfig config, DatagramChannel channel, LongSupplier nanoClock) {
        this.config = config;
        this.channel = channel;
        this.nanoClock = nanoClock;
        this.demultiplexer = new Demultiplexer(table, this::reply, counters, nanoClock);
        this.receiver = Thread.ofPlatform().name("parley-media-udp").daemon().unstarted(this::receiveLoop);
        this.replier = Thread.ofPlatform().name("parley-media-reply").daemon().unstarted(this::replyLoop);
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
        transport.replier.start();
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

    /** Datagrams up to this size go through {@link #SEND_BUFFER}: every RTP/RTCP/STUN packet we send. */
    static final int SEND_BUFFER_SIZE = 2048;
    /**
     * Each platform thread's direct send buffer: the JDK copies a heap buffer into a temporary direct one
     * before {@code sendto} anyway, so copying here costs nothing extra and saves wrapping a new
     * {@link ByteBuffer} for every packet. Virtual threads (DTLS flights, rare) wrap instead, so short-lived
     * threads do not each leave a direct buffer behind.
     */
    private static final ThreadLocal<ByteBuffer> SEND_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(SEND_BUFFER_SIZE));

    private boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
        try {
            ByteBuffer out;
            if (len <= SEND_BUFFER_SIZE && !Thread.currentThread().isVirtual()) {
                out = SEND_BUFFER.get();
                out.clear();
                out.put(buf, off, len).flip();
            } else {
                out = ByteBuffer.wrap(buf, off, len);
            }
            channel.send(out, to);
            counters.sent();
            return true;
        } catch (IOException | RuntimeException e) {
            counters.dropped(TransportDropReason.SEND_ERROR);
            return false;
        }
    }

    /** A datagram for {@link #replier}; its array is the answer's own (the demultiplexer builds a new one). */
    private record Reply(byte[] buf, int off, int len, InetSocketAddress to) {}

    /** STUN answers waiting for the reply thread; beyond this they are dropped as send errors. */
    static final int REPLY_QUEUE = 4096;

    /** Receive thread: queues a STUN answer for the reply thread instead of waiting for the socket. */
    private boolean reply(byte[] buf, int off, int len, InetSocketAddress to) {
        if (!replies.offer(new Reply(buf, off, len, to))) {
            counters.dropped(TransportDropReason.SEND_ERROR);
            return false;
        }
        return true;
    }

    private void replyLoop() {
        while (channel.isOpen()) {
            Reply r;
            try {
                r = replies.take();
            } catch (InterruptedException e) {
                break; // close()
            }
            send(r.buf(), r.off(), r.len(), r.to());
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
        replier.interrupt();
        try {
            receiver.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
