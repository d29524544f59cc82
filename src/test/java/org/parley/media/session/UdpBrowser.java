package org.parley.media.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.media.client.BrowserLeg;
import org.parley.media.client.DatagramKind;
import org.parley.media.client.DtlsClient;
import org.parley.media.ice.IceCredentials;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpProfile;
import org.parley.media.srtp.SrtpStatus;
import org.parley.media.stun.StunMessage;
import org.parley.media.udp.ReceiveBatch;
import org.parley.media.udp.UdpSocket;
import org.parley.media.udp.UdpStack;

/**
 * A browser stand-in for the tests: a {@link BrowserLeg} on its own blocking loopback socket, with a
 * reader thread that hands STUN and DTLS to the leg and queues what the server sends (RFC 7983 §7,
 * RFC 5761 §4: SRTP apart from SRTCP), a consent timer, and protect/unprotect helpers that return copies.
 */
final class UdpBrowser implements AutoCloseable {

    static final String UFRAG = "brWz";
    static final String PWD = "browserPasswordOf24chars";
    /** One check, its answer awaited 2 s: a server on loopback answers at once or not at all. */
    static final BrowserLeg.Retransmission ONE_CHECK =
            new BrowserLeg.Retransmission(1, Duration.ofSeconds(2), Duration.ofSeconds(2));

    private final BrowserLeg leg;
    private final LinkedBlockingQueue<byte[]> srtpIn = new LinkedBlockingQueue<>();
    /** The server's own RTCP reports, apart from the media. */
    private final LinkedBlockingQueue<byte[]> srtcpIn = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final ScheduledExecutorService consentKeeper = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("browser-consent").daemon().unstarted(r));

    UdpBrowser(InetSocketAddress server, IceCredentials serverIce, DtlsClient dtlsClient) throws IOException {
        UdpSocket socket = UdpStack.nio().open(UdpSocket.Options.blocking(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        this.leg = new BrowserLeg(socket, dtlsClient, UFRAG, PWD, 0x1234_5678_9abc_def0L);
        leg.setServer(server, serverIce.ufrag(), serverIce.pwd());
        this.reader = Thread.ofPlatform().name("browser-reader").daemon().start(this::readLoop);
    }

    /**
     * A browser's DTLS client: DTLS 1.2, ECDHE-ECDSA, extended master secret, Chrome's SRTP profiles, a
     * P-256 certificate of its own, and a 5 s handshake bound for the tests.
     */
    static DtlsClient newDtlsClient() {
        return new DtlsClient(DtlsClient.newCertificate(), 5_000);
    }

    /** A Binding request with USE-CANDIDATE, signed with the server's password; returns the answer. */
    StunMessage check() throws IOException, InterruptedException {
        return leg.check(ONE_CHECK);
    }

    boolean verifies(StunMessage answer) {
        return leg.verifies(answer);
    }

    /** RFC 7675: the browser keeps consent alive with a check every {@code period}. */
    void keepConsent(Duration period) {
        consentKeeper.scheduleAtFixedRate(leg::keepConsent, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The DTLS client handshake over this socket; then SRTP keyed in the client role. */
    void handshake() throws IOException {
        leg.handshake();
    }

    SrtpProfile profile() {
        return leg.srtp().profile();
    }

    /** Protects a plain RTP packet and returns the SRTP datagram, without sending it. */
    byte[] protectRtp(byte[] plain) {
        return protect(plain, false);
    }

    byte[] protectRtcp(byte[] plain) {
        return protect(plain, true);
    }

    private byte[] protect(byte[] plain, boolean rtcp) {
        SrtpBuffer buffer = new SrtpBuffer(Arrays.copyOf(plain, plain.length + 64), 0, plain.length);
        SrtpStatus status = rtcp ? leg.srtp().protectRtcp(buffer) : leg.srtp().protectRtp(buffer);
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
        SrtpStatus status = rtcp ? leg.srtp().unprotectRtcp(buffer) : leg.srtp().unprotectRtp(buffer);
        if (status != SrtpStatus.OK) {
            throw new IllegalStateException("unprotect failed: " + status);
        }
        return Arrays.copyOf(buffer.array(), buffer.length());
    }

    void sendRaw(byte[] datagram) throws IOException {
        if (!leg.send(datagram, 0, datagram.length)) {
            throw new IOException("the socket refused a datagram");
        }
    }

    private void readLoop() {
        ReceiveBatch batch = leg.socket().newReceiveBatch(8, 2048);
        while (true) {
            int n;
            try {
                n = leg.socket().receive(batch);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue; // e.g. an ICMP error from an earlier send; the socket still works
            }
            for (int i = 0; i < n; i++) {
                byte[] data = batch.data(i);
                int length = batch.length(i);
                switch (DatagramKind.of(data, length)) {
                    case STUN -> leg.onStun(data, length);
                    case DTLS -> leg.onDtls(data, length);
                    case RTP -> srtpIn.add(Arrays.copyOf(data, length));
                    case RTCP -> srtcpIn.add(Arrays.copyOf(data, length));
                    case OTHER -> { }
                }
            }
        }
    }

    /** Vanishes without a word: no close_notify, no more checks, the socket closed. */
    @Override
    public void close() {
        consentKeeper.shutdownNow();
        leg.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
