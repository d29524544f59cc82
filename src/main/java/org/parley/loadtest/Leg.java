package org.parley.loadtest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpConfig;
import org.parley.media.srtp.SrtpProfile;
import org.parley.media.srtp.SrtpRole;
import org.parley.media.srtp.SrtpSession;
import org.parley.media.srtp.SrtpStatus;
import org.parley.media.stun.MessageIntegrity;
import org.parley.media.stun.StunMessageBuilder;
import org.parley.media.stun.StunMessageType;
import org.parley.media.stun.StunParseResult;
import org.parley.media.stun.StunParser;
import org.parley.media.udp.UdpAddress;
import org.parley.media.udp.UdpSocket;
import org.parley.media.udp.UdpStack;

/**
 * One audio leg, the wire protocol of a browser: an ICE connectivity check with USE-CANDIDATE as the
 * controlling agent (RFC 8445 §7.2.2; Parley is ICE-lite), the DTLS 1.2 client handshake on the same
 * 5-tuple (RFC 5764 §4), then SRTP keyed from the DTLS exporter in the client role, and consent
 * refreshes (RFC 7675). One non-blocking {@link UdpSocket} per leg, connected to the server and stamping
 * arrivals with the kernel's time where the stack can, read by a shared {@link Receiver} thread: no thread
 * and no libwebrtc per listener.
 *
 * <p>Threading: {@link #connect} runs on one setup thread; the receiver thread feeds the STUN and DTLS
 * queues during setup and afterwards alone writes the receive statistics below; the sender thread alone
 * protects (speakers). {@link #srtp} is published by its volatile write at the end of {@link #connect}.
 */
final class Leg implements AutoCloseable {

    /** RFC 8489 §6.2.1: retransmit an unanswered check, doubling from this. */
    static final int CHECK_RTO_MILLIS = 250;
    static final int CHECK_ATTEMPTS = 7;
    static final int MTU = 1200;
    /**
     * Kernel receive buffer asked for per leg (capped at net.core.rmem_max): the reader sweeps every 50 ms,
     * and on a busy machine it may not run for a second or more; the datagrams must wait for it in the
     * socket rather than be dropped there and counted as the server's loss. 1 MiB holds ~10 s of three
     * speakers.
     */
    static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    final int index;
    final boolean listener;
    final UdpSocket socket;
    /** The server's candidate in the socket's form; set by {@link #connect}. */
    private volatile UdpAddress server;
    final String ufrag;
    final String pwd;
    private DtlsClient dtlsClient; // setup thread only; dropped once SRTP is keyed
    private volatile LinkedBlockingQueue<byte[]> stunIn = new LinkedBlockingQueue<>();
    private volatile LinkedBlockingQueue<byte[]> dtlsIn = new LinkedBlockingQueue<>();
    private volatile byte[] serverKey;
    private volatile String username;
    volatile SrtpSession srtp;
    /** Set while the connectivity check waits for its answer; consent answers are dropped otherwise. */
    volatile boolean awaitingStun;

    // Receive statistics: written by the receiver thread only, read after it stopped (or racily for progress).
    /** When this listener's join started (the WebSocket join was sent); set before the leg is registered. */
    volatile long joinStartNanos;
    /** Arrival of the first audio packet that decrypted; 0 before. */
    volatile long firstAudioNanos;
    volatile long windowPackets;
    long packets;
    long authFailures;
    long receiveErrors;
    /** The receiver found the socket closed (the leg failed, or the run ended): it stops reading it early. */
    boolean readerSawClose;
    /** RFC 3550 §6.4.1 interarrival jitter per receive slot (by SSRC), in RTP timestamp units (Q4). */
    final int[] slotSsrc = new int[Sdp.SLOTS];
    final long[] lastTransit = new long[Sdp.SLOTS];
    final long[] jitterQ4 = new long[Sdp.SLOTS];
    final boolean[] slotSeen = new boolean[Sdp.SLOTS];

    Leg(int index, boolean listener, DtlsClient.Identity identity, String ufrag, String pwd, InetAddress local,
        UdpStack stack) throws IOException {
        this.index = index;
        this.listener = listener;
        this.ufrag = ufrag;
        this.pwd = pwd;
        this.dtlsClient = new DtlsClient(identity);
        this.socket = stack.open(UdpSocket.Options.nonBlocking(new InetSocketAddress(local, 0)).withKernelTimestamps(true)
                .withBuffers(RECEIVE_BUFFER_BYTES, 0));
    }

    /** ICE check, DTLS handshake, SRTP keys. Throws with the reason when a step fails. */
    void connect(InetSocketAddress server, String serverUfrag, String serverPwd) throws IOException, InterruptedException {
        socket.connect(server);
        this.server = socket.address(server);
        serverKey = MessageIntegrity.shortTermKey(serverPwd);
        username = serverUfrag + ":" + ufrag; // RFC 8445 §7.2.2: "their ufrag:our ufrag"
        awaitingStun = true;
        boolean answered = false;
        long rto = CHECK_RTO_MILLIS;
        for (int attempt = 0; attempt < CHECK_ATTEMPTS && !answered; attempt++, rto *= 2) {
            byte[] transactionId = StunMessageBuilder.newTransactionId();
            send(bindingRequest(transactionId));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(rto, 2000));
            while (!answered && System.nanoTime() < deadline) {
                byte[] datagram = stunIn.poll(20, TimeUnit.MILLISECONDS);
                if (datagram != null) {
                    StunParseResult parsed = StunParser.parse(datagram, 0, datagram.length);
                    answered = parsed.isOk() && Arrays.equals(parsed.message().transactionId(), transactionId)
                            && parsed.message().verifyIntegrity(serverKey);
                }
            }
        }
        awaitingStun = false;
        stunIn = null;
        if (!answered) {
            throw new SocketTimeoutException("no answer to the ICE connectivity check");
        }
        new DTLSClientProtocol().connect(dtlsClient, dtlsEnd());
        SrtpProfile profile = SrtpProfile.fromId(dtlsClient.selectedProfile());
        byte[] material = dtlsClient.keyingMaterial();
        dtlsIn = null;
        dtlsClient = null;
        srtp = SrtpSession.fromKeyingMaterial(profile, material, SrtpRole.CLIENT, SrtpConfig.DEFAULTS);
    }

    /** RFC 7675 §5.1: a consent refresh is a signed Binding request; its answer is not awaited. */
    void keepConsent() {
        if (username != null) {
            send(bindingRequest(StunMessageBuilder.newTransactionId())); // refused: the next refresh tries again
        }
    }

    /** Protects {@code plain} (RTP) into {@code out} and sends it. Sender thread only. */
    boolean sendRtp(byte[] plain, int length, SrtpBuffer out) {
        SrtpSession session = srtp;
        if (session == null) {
            return false;
        }
        System.arraycopy(plain, 0, out.array(), 0, length);
        out.set(0, length);
        if (session.protectRtp(out) != SrtpStatus.OK) {
            return false;
        }
        return socket.send(out.array(), 0, out.length(), server);
    }

    /** Receiver thread: a STUN datagram arrived. */
    void onStun(byte[] datagram) {
        var queue = stunIn;
        if (awaitingStun && queue != null) {
            queue.add(datagram);
        }
    }

    /** Receiver thread: a DTLS record arrived (ignored once SRTP is keyed). */
    void onDtls(byte[] datagram) {
        var queue = dtlsIn;
        if (queue != null) {
            queue.add(datagram);
        }
    }

    /** False if the socket refused it (closed, or its buffer is full); STUN and DTLS retransmit. */
    private boolean send(byte[] datagram) {
        UdpAddress to = server;
        return to != null && socket.send(datagram, 0, datagram.length, to);
    }

    private byte[] bindingRequest(byte[] transactionId) {
        // RFC 8445 §7.2.2 and §7.1.1: USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE (aggressive
        // nomination, as browsers do with an ICE-lite peer), MESSAGE-INTEGRITY, FINGERPRINT.
        return StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, transactionId)
                .username(username)
                .priority(1853824767L)
                .iceControlling(0x1234_5678_9abc_def0L ^ index)
                .useCandidate()
                .messageIntegrity(serverKey)
                .fingerprint()
                .build();
    }

    /** bctls's view of the channel: the DTLS records the receiver sorted out; sends go straight out. */
    private DatagramTransport dtlsEnd() {
        return new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return 1500;
            }

            @Override
            public int getSendLimit() {
                return MTU;
            }

            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                try {
                    var queue = dtlsIn;
                    byte[] datagram = queue == null ? null : queue.poll(waitMillis, TimeUnit.MILLISECONDS);
                    if (datagram == null) {
                        throw new SocketTimeoutException();
                    }
                    int n = Math.min(len, datagram.length);
                    System.arraycopy(datagram, 0, buf, off, n);
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }

            @Override
            public void send(byte[] buf, int off, int len) {
                UdpAddress to = server;
                if (to != null) {
                    socket.send(buf, off, len, to); // a lost flight is retransmitted (RFC 6347 §4.2.4)
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** Closes the socket and the SRTP contexts; only after the receiver and sender threads stopped. */
    @Override
    public void close() {
        socket.close();
        SrtpSession session = srtp;
        if (session != null) {
            srtp = null;
            session.close();
        }
    }
}
