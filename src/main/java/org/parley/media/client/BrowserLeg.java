package org.parley.media.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.parley.media.dtls.DtlsFingerprint;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpConfig;
import org.parley.media.srtp.SrtpProfile;
import org.parley.media.srtp.SrtpRole;
import org.parley.media.srtp.SrtpSession;
import org.parley.media.srtp.SrtpStatus;
import org.parley.media.stun.MessageIntegrity;
import org.parley.media.stun.StunMessage;
import org.parley.media.stun.StunMessageBuilder;
import org.parley.media.stun.StunMessageType;
import org.parley.media.stun.StunParseResult;
import org.parley.media.stun.StunParser;
import org.parley.media.udp.UdpAddress;
import org.parley.media.udp.UdpSocket;

/**
 * One browser's audio leg on the wire, for the clients that stand in for browsers (the load test's
 * speakers and listeners, the media tests and the forwarding benchmark): an ICE connectivity check with
 * USE-CANDIDATE as the controlling agent (RFC 8445 §7.2.2; Parley is ICE-lite, so only the browser
 * checks), the DTLS 1.2 client handshake on the same 5-tuple (RFC 5764 §4), SRTP keyed from the DTLS
 * exporter in the client role, and consent refreshes (RFC 7675 §5.1).
 *
 * <p>It does not read its socket: whoever does — one thread for thousands of non-blocking sockets in
 * the load test, a thread per leg in the tests — sorts what arrives with {@link DatagramKind}, hands
 * STUN and DTLS to {@link #onStun}/{@link #onDtls} while the leg connects, and unprotects SRTP with
 * {@link #srtp()} itself. So a leg costs no thread, and its hot paths ({@link #sendRtp}, the reader's
 * SRTP) allocate nothing. Once keyed it keeps only the socket, the SRTP contexts and the ICE credentials
 * its consent refreshes need.
 *
 * <p>Threading: {@link #setServer}, {@link #check}, {@link #handshake} (or {@link #connect}) on one setup
 * thread; {@link #onStun}/{@link #onDtls} on the reader's; {@link #sendRtp} on one sender thread;
 * {@link #send}, {@link #keepConsent} and {@link #close} on any. {@link #srtp} is published by its volatile
 * write at the end of the handshake.
 */
public final class BrowserLeg implements AutoCloseable {

    /**
     * How a connectivity check is retransmitted (RFC 8489 §6.2.1): {@code attempts} requests, the first
     * answer awaited {@code first}, each later wait doubled up to {@code longest}.
     */
    public record Retransmission(int attempts, Duration first, Duration longest) {

        /** From 250 ms, doubling to 2 s, 7 requests (~8 s in all): a loaded server answers late. */
        public static final Retransmission PATIENT = new Retransmission(7, Duration.ofMillis(250), Duration.ofSeconds(2));

        public Retransmission {
            if (attempts < 1 || first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
                throw new IllegalArgumentException("at least one attempt, and 0 < first <= longest");
            }
        }
    }

    /** RFC 8445 §5.1.2.1: a host candidate's priority, type preference 126, as browsers send it. */
    static final long PRIORITY = 1853824767L;

    private final UdpSocket socket;
    private final String ufrag;
    private final String pwd;
    private final long tieBreaker;
    private final DtlsFingerprint fingerprint;
    private DtlsClient dtlsClient; // setup thread only; dropped once the handshake is over
    /** The server's candidate in the socket's form; set (last) by {@link #setServer}. */
    private volatile UdpAddress server;
    private volatile byte[] serverKey;
    private volatile String username;
    /** Answers to checks; dropped with {@link #dtls} once the handshake is over. */
    private volatile LinkedBlockingQueue<byte[]> stunIn = new LinkedBlockingQueue<>();
    private volatile ClientTransport dtls = new ClientTransport(this::sendRetransmittable);
    /** Set while a check waits for its answer; consent answers are dropped otherwise. */
    private volatile boolean awaitingStun;
    private volatile SrtpSession srtp;

    /**
     * @param socket     this leg's own socket, which it closes; non-blocking or blocking, read by the caller
     * @param dtlsClient the client for this leg's one handshake
     * @param ufrag      this leg's ICE ufrag, as its offer says (RFC 8839 §5.4)
     * @param pwd        this leg's ICE password, as its offer says
     * @param tieBreaker ICE-CONTROLLING's tie-breaker (RFC 8445 §7.1.1)
     */
    public BrowserLeg(UdpSocket socket, DtlsClient dtlsClient, String ufrag, String pwd, long tieBreaker) {
        this.socket = socket;
        this.dtlsClient = dtlsClient;
        this.fingerprint = dtlsClient.fingerprint();
        this.ufrag = ufrag;
        this.pwd = pwd;
        this.tieBreaker = tieBreaker;
    }

    public UdpSocket socket() {
        return socket;
    }

    public String ufrag() {
        return ufrag;
    }

    public String pwd() {
        return pwd;
    }

    /** What this leg's offer carries in {@code a=fingerprint}. */
    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }

    /** The SRTP contexts in the client role once the handshake is over; null before (and after close). */
    public SrtpSession srtp() {
        return srtp;
    }

    /** {@link #setServer}, an authenticated answer to a check, the handshake. Throws with the failing step. */
    public void connect(InetSocketAddress server, String serverUfrag, String serverPwd, Retransmission checks)
            throws IOException, InterruptedException {
        setServer(server, serverUfrag, serverPwd);
        if (awaitAnswer(checks, true) == null) {
            throw new SocketTimeoutException("no answer to the ICE connectivity check");
        }
        handshake();
    }

    /** The answer's candidate and ICE credentials: where checks, records and media go, and what signs checks. */
    public void setServer(InetSocketAddress server, String serverUfrag, String serverPwd) throws IOException {
        socket.connect(server);
        serverKey = MessageIntegrity.shortTermKey(serverPwd);
        username = serverUfrag + ":" + ufrag; // RFC 8445 §7.2.2: "their ufrag:our ufrag"
        this.server = socket.address(server); // last: keepConsent reads it first
    }

    /**
     * One connectivity check, retransmitted per {@code checks}: the first answer carrying its transaction ID,
     * whether or not its MESSAGE-INTEGRITY holds ({@link #verifies}) — for tests that look at the answer.
     */
    public StunMessage check(Retransmission checks) throws IOException, InterruptedException {
        StunMessage answer = awaitAnswer(checks, false);
        if (answer == null) {
            throw new SocketTimeoutException("no answer to the ICE connectivity check");
        }
        return answer;
    }

    /** RFC 8489 §9.1.3: whether the server signed {@code answer} with its password. */
    public boolean verifies(StunMessage answer) {
        return answer.verifyIntegrity(serverKey);
    }

    /**
     * Sends checks until one is answered, as {@code checks} says; null if none was. With {@code authentic}
     * an answer whose integrity fails is ignored, as if never received (RFC 8489 §9.1.4).
     */
    private StunMessage awaitAnswer(Retransmission checks, boolean authentic) throws InterruptedException {
        LinkedBlockingQueue<byte[]> answers = stunIn;
        if (answers == null) {
            throw new IllegalStateException("a leg checks before its handshake, not after");
        }
        awaitingStun = true;
        try {
            long wait = checks.first().toNanos();
            for (int attempt = 0; attempt < checks.attempts(); attempt++, wait = Math.min(2 * wait, checks.longest().toNanos())) {
                byte[] transactionId = StunMessageBuilder.newTransactionId();
                send(bindingRequest(transactionId)); // refused: the next attempt tries again
                long deadline = System.nanoTime() + wait;
                for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                    byte[] datagram = answers.poll(left, TimeUnit.NANOSECONDS);
                    if (datagram == null) {
                        break;
                    }
                    StunParseResult parsed = StunParser.parse(datagram, 0, datagram.length);
                    if (parsed.isOk() && Arrays.equals(parsed.message().transactionId(), transactionId)
                            && (!authentic || verifies(parsed.message()))) {
                        return parsed.message();
                    }
                }
            }
            return null;
        } finally {
            awaitingStun = false;
        }
    }

    /** The DTLS client handshake over this leg's 5-tuple, then SRTP keyed in the client role (RFC 5764 §4.2). */
    public void handshake() throws IOException {
        try {
            new DTLSClientProtocol().connect(dtlsClient, dtls);
            SrtpProfile profile = SrtpProfile.fromId(dtlsClient.selectedProfile());
            srtp = SrtpSession.fromKeyingMaterial(profile, dtlsClient.keyingMaterial(), SrtpRole.CLIENT,
                    SrtpConfig.DEFAULTS);
        } finally {
            // bctls's connection is not kept: DTLS-SRTP carries no data, and a leg says no close_notify.
            dtls = null;
            dtlsClient = null;
            stunIn = null;
        }
    }

    /** RFC 7675 §5.1: a consent refresh is a signed Binding request; its answer is not awaited. */
    public void keepConsent() {
        if (server != null) {
            send(bindingRequest(StunMessageBuilder.newTransactionId())); // refused: the next refresh tries again
        }
    }

    /** Reader thread: a STUN datagram arrived; kept (copied) only while a check awaits its answer. */
    public void onStun(byte[] array, int length) {
        var queue = stunIn;
        if (awaitingStun && queue != null) {
            queue.add(Arrays.copyOf(array, length));
        }
    }

    /** Reader thread: a DTLS record arrived; kept (copied) during the handshake, ignored afterwards. */
    public void onDtls(byte[] array, int length) {
        var transport = dtls;
        if (transport != null) {
            transport.offer(Arrays.copyOf(array, length));
        }
    }

    /**
     * Protects {@code plain} (an RTP packet of {@code length} bytes) into {@code out} and sends it, without
     * allocating. False if not keyed yet, if SRTP refused it or the socket did. Sender thread only.
     */
    public boolean sendRtp(byte[] plain, int length, SrtpBuffer out) {
        SrtpSession session = srtp;
        if (session == null) {
            return false;
        }
        System.arraycopy(plain, 0, out.array(), 0, length);
        out.set(0, length);
        if (session.protectRtp(out) != SrtpStatus.OK) {
            return false;
        }
        return send(out.array(), 0, out.length());
    }

    /** Sends any datagram to the server; false before {@link #setServer}, or if the socket refused it. */
    public boolean send(byte[] buf, int off, int len) {
        UdpAddress to = server;
        return to != null && socket.send(buf, off, len, to);
    }

    private boolean send(byte[] datagram) {
        return send(datagram, 0, datagram.length);
    }

    /** bctls's sends: a refused one is a lost one, and DTLS retransmits lost flights (RFC 6347 §4.2.4). */
    private void sendRetransmittable(byte[] buf, int off, int len) {
        send(buf, off, len);
    }

    private byte[] bindingRequest(byte[] transactionId) {
        // RFC 8445 §7.2.2 and §7.1.1: USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE (aggressive
        // nomination, as browsers do with an ICE-lite peer), then MESSAGE-INTEGRITY with the server's
        // password and FINGERPRINT (RFC 8489 §14.5, §14.7).
        return StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, transactionId)
                .username(username)
                .priority(PRIORITY)
                .iceControlling(tieBreaker)
                .useCandidate()
                .messageIntegrity(serverKey)
                .fingerprint()
                .build();
    }

    /** Closes the socket and the SRTP contexts; only once no thread reads or sends on this leg any more. */
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
