package org.parley.media.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.parley.loadtest.DtlsClient;
import org.parley.media.ice.IceCredentials;
import org.parley.media.rtcp.RtcpPacketType;
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

/**
 * A browser stand-in on a real UDP socket: ICE connectivity checks as the controlling agent (RFC 8445
 * §7.2.2), then a DTLS client handshake over the same socket, then SRTP with the exported keys in the
 * client role. A reader thread demultiplexes what arrives by first byte (RFC 7983 §7) into queues.
 */
final class UdpBrowser implements AutoCloseable {

    static final String UFRAG = "brWz";
    static final String PWD = "browserPasswordOf24chars";
    static final int MTU = 1200;

    private final DtlsClient dtlsClient;
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final IceCredentials serverIce;
    private final LinkedBlockingQueue<byte[]> stunIn = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> dtlsIn = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> srtpIn = new LinkedBlockingQueue<>();
    /** The server's own RTCP reports (RFC 5761 §4: second byte 192..223), apart from the media. */
    private final LinkedBlockingQueue<byte[]> srtcpIn = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final ScheduledExecutorService consentKeeper = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("browser-consent").daemon().unstarted(r));
    private volatile boolean closed;
    private SrtpSession srtp;

    UdpBrowser(InetSocketAddress server, IceCredentials serverIce, DtlsClient dtlsClient)
            throws SocketException {
        this.dtlsClient = dtlsClient;
        this.server = server;
        this.serverIce = serverIce;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.socket.setSoTimeout(100);
        this.reader = Thread.ofPlatform().name("browser-reader").daemon().start(this::readLoop);
    }

    /** A Binding request with USE-CANDIDATE, signed with the server's password; returns the answer. */
    StunMessage check() throws IOException, InterruptedException {
        byte[] transactionId = StunMessageBuilder.newTransactionId();
        sendRaw(bindingRequest(transactionId));
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            byte[] datagram = stunIn.poll(100, TimeUnit.MILLISECONDS);
            if (datagram == null) {
                continue;
            }
            StunParseResult parsed = StunParser.parse(datagram, 0, datagram.length);
            if (parsed.isOk() && Arrays.equals(parsed.message().transactionId(), transactionId)) {
                return parsed.message();
            }
        }
        throw new SocketTimeoutException("no answer to the connectivity check");
    }

    /** RFC 7675: the browser keeps consent alive with a check every {@code period}. */
    void keepConsent(Duration period) {
        consentKeeper.scheduleAtFixedRate(() -> {
            try {
                sendRaw(bindingRequest(StunMessageBuilder.newTransactionId()));
            } catch (IOException e) {
                // closed: the next run will not come
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private byte[] bindingRequest(byte[] transactionId) {
        // RFC 8445 §7.2.2: USERNAME "serverUfrag:browserUfrag", PRIORITY, ICE-CONTROLLING, USE-CANDIDATE,
        // then MESSAGE-INTEGRITY with the server's password and FINGERPRINT (RFC 8489 §14.5, §14.7).
        return StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, transactionId)
                .username(serverIce.ufrag() + ":" + UFRAG)
                .priority(1853824767L)
                .iceControlling(0x1234_5678_9abc_def0L)
                .useCandidate()
                .messageIntegrity(MessageIntegrity.shortTermKey(serverIce.pwd()))
                .fingerprint()
                .build();
    }

    boolean verifies(StunMessage answer) {
        return answer.verifyIntegrity(MessageIntegrity.shortTermKey(serverIce.pwd()));
    }

    /** The DTLS client handshake over this socket; then SRTP keyed in the client role. */
    void handshake() throws IOException {
        new DTLSClientProtocol().connect(dtlsClient, dtlsEnd());
        SrtpProfile profile = SrtpProfile.fromId(dtlsClient.selectedProfile());
        srtp = SrtpSession.fromKeyingMaterial(profile, dtlsClient.keyingMaterial(), SrtpRole.CLIENT, SrtpConfig.DEFAULTS);
    }

    SrtpProfile profile() {
        return srtp.profile();
    }

    /** Protects a plain RTP packet and returns the SRTP datagram, without sending it. */
    byte[] protectRtp(byte[] plain) {
        SrtpBuffer buffer = new SrtpBuffer(Arrays.copyOf(plain, plain.length + 64), 0, plain.length);
        SrtpStatus status = srtp.protectRtp(buffer);
        if (status != SrtpStatus.OK) {
            throw new IllegalStateException("protect failed: " + status);
        }
        return Arrays.copyOf(buffer.array(), buffer.length());
    }

    byte[] protectRtcp(byte[] plain) {
        SrtpBuffer buffer = new SrtpBuffer(Arrays.copyOf(plain, plain.length + 64), 0, plain.length);
        SrtpStatus status = srtp.protectRtcp(buffer);
        if (status != SrtpStatus.OK) {
            throw new IllegalStateException("protect failed: " + status);
        }
        return Arrays.copyOf(buffer.array(), buffer.length());
    }

    /** The next SRTP datagram from the server, decrypted; null if none came in time. */
    byte[] receiveRtp(Duration timeout) throws InterruptedException {
        return receive(srtpIn, timeout, false);
    }

    /** The next SRTCP datagram from the server, decrypted; null if none came in time. */
    byte[] receiveRtcp(Duration timeout) throws InterruptedException {
        return receive(srtcpIn, timeout, true);
    }

    private byte[] receive(LinkedBlockingQueue<byte[]> queue, Duration timeout, boolean rtcp) throws InterruptedException {
        byte[] datagram = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (datagram == null) {
            return null;
        }
        SrtpBuffer buffer = new SrtpBuffer(datagram, 0, datagram.length);
        SrtpStatus status = rtcp ? srtp.unprotectRtcp(buffer) : srtp.unprotectRtp(buffer);
        if (status != SrtpStatus.OK) {
            throw new IllegalStateException("unprotect failed: " + status);
        }
        return Arrays.copyOf(buffer.array(), buffer.length());
    }

    /**
     * A browser's DTLS client, the load test's: DTLS 1.2, ECDHE-ECDSA, extended master secret, both SRTP
     * profiles offered, a P-256 certificate of its own, and a 5 s handshake bound for the tests.
     */
    static DtlsClient newDtlsClient() {
        return new DtlsClient(DtlsClient.Identity.generate(), 5_000);
    }

    void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    private void readLoop() {
        byte[] buf = new byte[2048];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            byte[] datagram = Arrays.copyOf(buf, packet.getLength());
            int first = datagram.length == 0 ? -1 : datagram[0] & 0xff;
            // RFC 7983 §7: 0..3 STUN, 20..63 DTLS, 128..191 RTP/RTCP.
            if (first >= 0 && first <= 3) {
                stunIn.add(datagram);
            } else if (first >= 20 && first <= 63) {
                dtlsIn.add(datagram);
            } else if (first >= 128 && first <= 191) {
                (RtcpPacketType.isRtcp(datagram, 0, datagram.length) ? srtcpIn : srtpIn).add(datagram);
            }
        }
    }

    /** bctls's view of the socket: only the DTLS datagrams the reader sorted out. */
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
                    byte[] datagram = dtlsIn.poll(waitMillis, TimeUnit.MILLISECONDS);
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
            public void send(byte[] buf, int off, int len) throws IOException {
                socket.send(new DatagramPacket(buf, off, len, server));
            }

            @Override
            public void close() {
            }
        };
    }

    /** Vanishes without a word: no close_notify, no more checks, the socket closed. */
    @Override
    public void close() {
        closed = true;
        consentKeeper.shutdownNow();
        socket.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (srtp != null) {
            srtp.close();
        }
    }
}
