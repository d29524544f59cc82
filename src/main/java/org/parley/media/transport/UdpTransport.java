package org.parley.media.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
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
import org.parley.media.udp.ReceiveBatch;
import org.parley.media.udp.SendBatch;
import org.parley.media.udp.UdpAddress;
import org.parley.media.udp.UdpSocket;
import org.parley.media.udp.UdpStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFU's single UDP socket, shared by every peer (ICE-lite with one host candidate per address), on
 * the {@link UdpStack} the config chooses (the native {@code sendmmsg} one where it loads).
 *
 * <p>Threading:
 * <ul>
 *   <li>one receive thread ({@code parley-media-udp}) owns the receive batch and runs the
 *       {@link Demultiplexer}, which answers STUN; sinks are called on it and may change the datagram's
 *       bytes in place (SRTP decrypts there);</li>
 *   <li>one reply thread ({@code parley-media-reply}) sends those STUN answers, so the receive thread
 *       never waits on a send (on the nio stack, for the channel's write lock);</li>
 *   <li>one timer thread ({@code parley-media-consent}) checks consent every {@link #CONSENT_CHECK_INTERVAL}
 *       and closes expired peers after their listener heard of it;</li>
 *   <li>{@link MediaPeer#send} may be called from any thread (DTLS threads, the RTCP timer), and each
 *       forwarding sender thread queues into its own {@link #newSendBatch()}: the native socket sends
 *       from all of them at once, the nio one serialises them on its write lock;</li>
 *   <li>{@link #addPeer} and peer changes come from signalling threads and only swap routing snapshots.</li>
 * </ul>
 * Nothing a datagram contains can stop the receive loop: parsers return reasons, sink exceptions are
 * counted, socket errors are counted; only {@link #close()} ends it.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);

    /** Largest UDP payload, so no datagram is ever truncated. */
    static final int RECEIVE_BUFFER_SIZE = 65_536;
    /** Datagrams one receive call reads at most (the native stack; nio reads one). */
    static final int RECEIVE_BATCH = 16;
    /**
     * Datagrams a sender thread hands the kernel in one {@code sendmmsg}: past a few dozen the system call's
     * fixed cost is amortised, and a batch must stay small next to a fan-out of hundreds.
     */
    public static final int SEND_BATCH = 64;
    /** How often consent is checked; expiry is noticed at most this late. */
    static final Duration CONSENT_CHECK_INTERVAL = Duration.ofMillis(500);

    private final MediaConfig config;
    private final UdpSocket socket;
    private final String stackName;
    private volatile boolean open = true;
    private final LongSupplier nanoClock;
    private final SecureRandom random = new SecureRandom();
    private final MediaCounters counters = new MediaCounters();
    private final PeerTable table = new PeerTable();
    private final Demultiplexer demultiplexer;
    private final Thread receiver;
    /**
     * STUN answers the receive thread made, sent by {@link #replier}: on the nio stack the channel holds
     * its write lock across each {@code sendto} and the forwarding sender threads take it back to back for
     * a whole fan-out, so a receive thread that sent its own answers would wait there (11-20 ms in a
     * 1,000-listener profile) instead of reading the next packet; on the native stack a send takes no lock
     * but still costs the receive thread a few microseconds of kernel time per answer.
     */
    private final ArrayBlockingQueue<Reply> replies = new ArrayBlockingQueue<>(REPLY_QUEUE);
    private final Thread replier;
    private final ScheduledExecutorService consentTimer;
    private volatile boolean loggedHandlerError;

    private UdpTransport(MediaConfig config, UdpSocket socket, String stackName, LongSupplier nanoClock) {
        this.config = config;
        this.socket = socket;
        this.stackName = stackName;
        this.nanoClock = nanoClock;
        this.counters.socket(socket);
        this.demultiplexer = new Demultiplexer(table, this::reply, counters, nanoClock);
        this.receiver = Thread.ofPlatform().name("parley-media-udp").daemon().unstarted(this::receiveLoop);
        this.replier = Thread.ofPlatform().name("parley-media-reply").daemon().unstarted(this::replyLoop);
        this.consentTimer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("parley-media-consent").daemon().unstarted(r));
    }

    /** Requested kernel buffer per direction for the one media socket. */
    static final int SOCKET_BUFFER_BYTES = 8 * 1024 * 1024;

    /** Binds the port and starts the receive thread and consent timer. */
    public static UdpTransport start(MediaConfig config) throws IOException {
        return start(config, System::nanoTime);
    }

    /** As {@link #start(MediaConfig)}, with a monotonic nanosecond clock for consent (tests move it by hand). */
    public static UdpTransport start(MediaConfig config, LongSupplier nanoClock) throws IOException {
        UdpStack stack = UdpStack.select(config.socket());
        // One socket carries every peer: a burst (many speakers, a GC pause) must queue in the kernel
        // rather than overflow and take connectivity checks with it, expiring healthy peers' consent.
        // The kernel caps the buffers at net.core.rmem_max / wmem_max.
        UdpSocket socket = stack.open(UdpSocket.Options.blocking(new InetSocketAddress(config.bindAddress(), config.port()))
                .withBuffers(SOCKET_BUFFER_BYTES, SOCKET_BUFFER_BYTES));
        UdpTransport transport = new UdpTransport(config, socket, stack.name(), nanoClock);
        transport.receiver.start();
        transport.replier.start();
        long interval = CONSENT_CHECK_INTERVAL.toMillis();
        transport.consentTimer.scheduleWithFixedDelay(transport::checkConsent, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Media transport listening on UDP port {} ({} UDP stack)", transport.localAddress().getPort(), stack.name());
        return transport;
    }

    /** {@code linux} (batched system calls) or {@code nio}: see {@link UdpStack}. */
    public String socketStack() {
        return stackName;
    }

    /**
     * A batch for one forwarding sender thread: {@link MediaPeer#queue} adds to it, the thread flushes it
     * whenever it has nothing more to send at once.
     */
    public SendBatch newSendBatch() {
        return socket.newSendBatch(SEND_BATCH);
    }

    /** The bound address; its port is the one to advertise. */
    public InetSocketAddress localAddress() {
        return socket.localAddress();
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
        MediaPeer peer = new MediaPeer(agent, table, socket, counters);
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
        while (open) {
            Reply r;
            try {
                r = replies.take();
            } catch (InterruptedException e) {
                break; // close()
            }
            socket.send(r.buf(), r.off(), r.len(), socket.address(r.to()));
        }
    }

    private void receiveLoop() {
        ReceiveBatch batch = socket.newReceiveBatch(RECEIVE_BATCH, RECEIVE_BUFFER_SIZE);
        while (open) {
            int n;
            try {
                n = socket.receive(batch);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException | RuntimeException e) {
                counters.dropped(TransportDropReason.RECEIVE_ERROR);
                continue;
            }
            for (int i = 0; i < n; i++) {
                handle(batch.data(i), batch.length(i), batch.source(i));
            }
        }
    }

    private void handle(byte[] array, int length, InetSocketAddress source) {
        try {
            demultiplexer.handle(array, 0, length, source);
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
        open = false;
        socket.close();
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
