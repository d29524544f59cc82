package org.parley.loadtest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.parley.media.client.BrowserLeg;
import org.parley.media.client.DtlsClient;
import org.parley.media.dtls.DtlsCertificate;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.udp.UdpSocket;
import org.parley.media.udp.UdpStack;

/**
 * One listener's or speaker's audio leg: a {@link BrowserLeg} (ICE, DTLS, SRTP, consent — the browser's
 * wire protocol) on one non-blocking {@link UdpSocket} per leg, connected to the server and stamping
 * arrivals with the kernel's time where the stack can, read by a shared {@link Receiver} thread: no
 * thread and no libwebrtc per listener. What this class adds is what the load test measures per leg.
 *
 * <p>Threading: {@link #connect} runs on one setup thread; the receiver thread feeds the leg's setup and
 * afterwards alone writes the receive statistics below; the sender thread alone protects (speakers).
 */
final class Leg implements AutoCloseable {

    /**
     * Kernel receive buffer asked for per leg (capped at net.core.rmem_max): the reader sweeps every 50 ms,
     * and on a busy machine it may not run for a second or more; the datagrams must wait for it in the
     * socket rather than be dropped there and counted as the server's loss. 1 MiB holds ~10 s of three
     * speakers.
     */
    static final int RECEIVE_BUFFER_BYTES = 1 << 20;
    /** Generous: under load the server answers late, and bctls retransmits from 1 s (RFC 6347 §4.2.4.1). */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 20_000;
    /** ICE-CONTROLLING's tie-breaker (RFC 8445 §7.1.1), made distinct per leg with its index. */
    static final long TIE_BREAKER = 0x1234_5678_9abc_def0L;

    final int index;
    final boolean listener;
    final BrowserLeg wire;
    /** {@link #wire}'s socket, for the receiver. */
    final UdpSocket socket;

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
    final int[] slotSsrc = new int[Sdp.OFFERED_SLOTS];
    final long[] lastTransit = new long[Sdp.OFFERED_SLOTS];
    final long[] jitterQ4 = new long[Sdp.OFFERED_SLOTS];
    final boolean[] slotSeen = new boolean[Sdp.OFFERED_SLOTS];

    Leg(int index, boolean listener, DtlsCertificate identity, String ufrag, String pwd, InetAddress local,
        UdpStack stack) throws IOException {
        this.index = index;
        this.listener = listener;
        this.socket = stack.open(UdpSocket.Options.nonBlocking(new InetSocketAddress(local, 0)).withKernelTimestamps(true)
                .withBuffers(RECEIVE_BUFFER_BYTES, 0));
        this.wire = new BrowserLeg(socket, new DtlsClient(identity, HANDSHAKE_TIMEOUT_MILLIS), ufrag, pwd,
                TIE_BREAKER ^ index);
    }

    /** ICE check, DTLS handshake, SRTP keys. Throws with the reason when a step fails. */
    void connect(InetSocketAddress server, String serverUfrag, String serverPwd) throws IOException, InterruptedException {
        wire.connect(server, serverUfrag, serverPwd, BrowserLeg.Retransmission.PATIENT);
    }

    /** RFC 7675 §5.1: a signed Binding request, its answer not awaited. */
    void keepConsent() {
        wire.keepConsent();
    }

    /** Protects {@code plain} (RTP) into {@code out} and sends it. Sender thread only. */
    boolean sendRtp(byte[] plain, int length, SrtpBuffer out) {
        return wire.sendRtp(plain, length, out);
    }

    /** Closes the socket and the SRTP contexts; only after the receiver and sender threads stopped. */
    @Override
    public void close() {
        wire.close();
    }
}
