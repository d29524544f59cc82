package org.parley.media.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.parley.loadtest.DtlsClient;
import org.parley.media.ice.IceCredentials;
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

/**
 * One browser leg for {@link ForwardingBenchmark}: the same ICE check, DTLS client handshake and SRTP
 * keying as {@link UdpBrowser}, but over a non-blocking {@link DatagramChannel} that a shared
 * {@link BenchReceiver} reads, so a thousand legs cost one reader thread instead of two thousand
 * threads competing with the server for the machine's two cores.
 *
 * <p>Threading: the handshake runs on one setup thread; afterwards the receiver thread alone
 * unprotects (listeners) and the sender thread alone protects (speakers); {@link #srtp} is published
 * through the volatile write at the end of {@link #connect}.
 */
final class BenchLeg implements AutoCloseable {

    final int index;
    final boolean listener;
    final DatagramChannel channel;
    final DtlsClient dtlsClient = UdpBrowser.newDtlsClient();
    final LinkedBlockingQueue<byte[]> stunIn = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<byte[]> dtlsIn = new LinkedBlockingQueue<>();
    private volatile InetSocketAddress server;
    private volatile IceCredentials serverIce;
    volatile SrtpSession srtp;
    /** Set while the ICE check waits for its answer; the receiver drops STUN otherwise (consent answers). */
    volatile boolean awaitingStun;

    BenchLeg(int index, boolean listener) throws IOException {
        this.index = index;
        this.listener = listener;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
    }

    /** ICE check with USE-CANDIDATE (RFC 8445 §7.2.2), then the DTLS handshake, then SRTP keys (RFC 5764 §4.2). */
    void connect(InetSocketAddress server, IceCredentials serverIce) throws IOException, InterruptedException {
        this.serverIce = serverIce;
        channel.connect(server);
        this.server = server; // last: the consent thread reads it first
        awaitingStun = true;
        boolean answered = false;
        for (int attempt = 0; attempt < 10 && !answered; attempt++) {
            byte[] transactionId = StunMessageBuilder.newTransactionId();
            send(bindingRequest(transactionId));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (!answered && System.nanoTime() < deadline) {
                byte[] datagram = stunIn.poll(50, TimeUnit.MILLISECONDS);
                if (datagram != null) {
                    StunParseResult parsed = StunParser.parse(datagram, 0, datagram.length);
                    answered = parsed.isOk() && Arrays.equals(parsed.message().transactionId(), transactionId)
                            && parsed.message().verifyIntegrity(MessageIntegrity.shortTermKey(serverIce.pwd()));
                }
            }
        }
        awaitingStun = false;
        if (!answered) {
            throw new SocketTimeoutException("no answer to the connectivity check of leg " + index);
        }
        new DTLSClientProtocol().connect(dtlsClient, dtlsEnd());
        SrtpProfile profile = SrtpProfile.fromId(dtlsClient.selectedProfile());
        srtp = SrtpSession.fromKeyingMaterial(profile, dtlsClient.keyingMaterial(), SrtpRole.CLIENT, SrtpConfig.DEFAULTS);
    }

    /** RFC 7675 consent refresh: a signed Binding request; its answer is ignored. */
    void keepConsent() {
        if (server != null) {
            try {
                send(bindingRequest(StunMessageBuilder.newTransactionId()));
            } catch (IOException | RuntimeException e) {
                // closed at the end of the run; a consent thread must not die of one leg
            }
        }
    }

    /** Protects {@code plain} (RTP) into {@code out} and sends it. Sender thread only. */
    void sendRtp(byte[] plain, int length, SrtpBuffer out) throws IOException {
        System.arraycopy(plain, 0, out.array(), 0, length);
        out.set(0, length);
        SrtpStatus status = srtp.protectRtp(out);
        if (status != SrtpStatus.OK) {
            throw new IllegalStateException("protect failed: " + status);
        }
        channel.write(ByteBuffer.wrap(out.array(), 0, out.length()));
    }

    private void send(byte[] datagram) throws IOException {
        channel.write(ByteBuffer.wrap(datagram));
    }

    private byte[] bindingRequest(byte[] transactionId) {
        return StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, transactionId)
                .username(serverIce.ufrag() + ":" + UdpBrowser.UFRAG)
                .priority(1853824767L)
                .iceControlling(0x1234_5678_9abc_def0L)
                .useCandidate()
                .messageIntegrity(MessageIntegrity.shortTermKey(serverIce.pwd()))
                .fingerprint()
                .build();
    }

    /** bctls's view of the channel: the DTLS datagrams the receiver sorted out, sends straight out. */
    private DatagramTransport dtlsEnd() {
        return new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return 1500;
            }

            @Override
            public int getSendLimit() {
                return UdpBrowser.MTU;
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
                channel.write(ByteBuffer.wrap(buf, off, len));
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do at the end of a run
        }
    }
}
