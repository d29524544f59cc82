package org.parley.media.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.media.dtls.DtlsFailure;
import org.parley.media.dtls.DtlsServer;
import org.parley.media.dtls.DtlsSession;
import org.parley.media.dtls.DtlsSrtpKeys;
import org.parley.media.dtls.HandshakeOutcome;
import org.parley.media.ice.IceCredentials;
import org.parley.media.sdp.SdpAnswer;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpConfig;
import org.parley.media.srtp.SrtpKeys;
import org.parley.media.srtp.SrtpProfile;
import org.parley.media.srtp.SrtpSession;
import org.parley.media.transport.MediaPeer;
import org.parley.media.transport.UdpTransport;
import org.parley.media.udp.SendBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's leg of the SFU: its {@link MediaPeer} on the shared UDP port, its DTLS-SRTP handshake (we
 * are the DTLS server, RFC 5763 §5, {@code a=setup:passive}) and its SRTP contexts.
 *
 * <pre>
 *  NEW ──open()──► CONNECTING ──USE-CANDIDATE check──► DTLS ──Connected(keys)──► CONNECTED
 *   └───────────────┴───── handshake failed / consent expired / close_notify / close() ─────┴──► CLOSED
 * </pre>
 *
 * <p>Threading:
 * <ul>
 *   <li>the transport's receive thread delivers incoming SRTP/SRTCP ({@link PeerHandler#onRtp},
 *       {@link PeerHandler#onBye}) and nominations; the receive buffer and parser views are confined to it;</li>
 *   <li>{@link #queueRtp} runs on the sender thread that owns this leg, in that thread's buffer and batch;
 *       {@link #sendRtp} and {@link #sendRtcp} may be called from any thread; the send-side SRTP contexts
 *       are guarded by one lock ({@link SendPath});</li>
 *   <li>before decrypting, the receive thread asks {@link PeerHandler#admitEncrypted} about the clear
 *       header, so packets the pipeline would drop anyway are not decrypted ({@link ReceivePath});</li>
 *   <li>the DTLS session's virtual thread completes the handshake and keys the session;</li>
 *   <li>the transport's consent timer reports expiry; {@link #close()} may come from any thread.</li>
 * </ul>
 * The state is an atomic reference; the move to CLOSED happens once, and only that thread closes the
 * layers and calls {@link PeerHandler#onClosed}, outside any lock.
 */
public final class PeerSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerSession.class);

    /**
     * Largest packet a leg sends or accepts, SRTP overhead included: a browser keeps RTP under its 1200-byte
     * MTU, so 1500 leaves room for the overhead; anything bigger is dropped as too large.
     */
    public static final int MAX_PACKET = 1500;

    private final MediaPeer peer;
    private final DtlsSession dtls;
    private final PeerHandler handler;
    private final String logContext;
    private final SrtpConfig srtpConfig;
    private final PeerCounters counters = new PeerCounters();
    private final ReceivePath receive;
    private final SendPath send;
    private final RtcpReporter reports;
    private final AtomicReference<PeerState> state = new AtomicReference<>(PeerState.NEW);
    private volatile DtlsFailure dtlsFailure;
    private volatile Duration handshakeDuration;
    private volatile CloseReason closeReason;

    private PeerSession(MediaPeer peer, DtlsServer dtlsServer, RemotePeer remote, String logContext,
                        PeerHandler handler, SrtpConfig srtpConfig) {
        this.peer = peer;
        this.handler = handler;
        this.logContext = logContext;
        this.srtpConfig = srtpConfig;
        this.reports = new RtcpReporter(ThreadLocalRandom.current().nextInt(), SdpAnswer.STREAM_ID,
                RtcpReporter.NanoClock.SYSTEM);
        this.receive = new ReceivePath(logContext, counters, handler, reports);
        this.send = new SendPath(peer, counters);
        // DTLS flights go out from the shared port to the nominated address; a refused send is lost, and
        // DTLS retransmits (RFC 6347 §4.2.4).
        this.dtls = dtlsServer.newSession(logContext, remote.fingerprints(), peer::send);
    }

    /**
     * Adds a peer to {@code transport} and starts waiting for the browser's checks. The DTLS handshake
     * starts when a check nominates an address.
     *
     * @param logContext who the peer is in log lines (room and participant ids; no addresses)
     * @throws IllegalArgumentException if the remote ICE credentials are not valid ice-chars
     */
    public static PeerSession open(UdpTransport transport, DtlsServer dtlsServer, RemotePeer remote,
                                   String logContext, PeerHandler handler) {
        return open(transport, dtlsServer, remote, logContext, handler, SrtpConfig.DEFAULTS);
    }

    /** As {@link #open(UdpTransport, DtlsServer, RemotePeer, String, PeerHandler)}, with SRTP settings. */
    public static PeerSession open(UdpTransport transport, DtlsServer dtlsServer, RemotePeer remote,
                                   String logContext, PeerHandler handler, SrtpConfig srtpConfig) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(dtlsServer, "dtlsServer");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(logContext, "logContext");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(srtpConfig, "srtpConfig");
        IceRelay relay = new IceRelay();
        MediaPeer peer = transport.addPeer(relay);
        try {
            PeerSession session = new PeerSession(peer, dtlsServer, remote, logContext, handler, srtpConfig);
            relay.bind(session);
            session.begin(remote);
            return session;
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    private void begin(RemotePeer remote) {
        peer.setDtlsSink(dtls::onDatagram);
        // Set now rather than once keyed, so early SRTP is counted here as before-keys.
        peer.setSrtpSink(receive);
        peer.setRemoteCredentials(remote.iceUfrag(), remote.icePwd());
        dtls.handshake().whenComplete((outcome, error) -> handshakeDone(outcome));
        // Completes when the DTLS thread ends: after close_notify from the browser, or our own close.
        dtls.closed().whenComplete((nothing, error) -> closeWith(CloseReason.DTLS_CLOSED));
        state.compareAndSet(PeerState.NEW, PeerState.CONNECTING);
        if (peer.isClosed()) {
            closeWith(CloseReason.CONSENT_EXPIRED); // expired before the relay was bound
        } else if (peer.selectedAddress() != null) {
            nominated(null, peer.selectedAddress()); // nominated before the relay was bound
        }
    }

    /** Receive thread: RFC 8445 §7.3.1.5, a check with USE-CANDIDATE chose where media goes. */
    void nominated(InetSocketAddress previous, InetSocketAddress current) {
        if (state.compareAndSet(PeerState.CONNECTING, PeerState.DTLS)) {
            log.debug("[{}] ICE nominated; DTLS handshake starts", logContext);
            dtls.start(); // never blocks: the handshake runs on its own virtual thread
        } else {
            log.debug("[{}] ICE moved media to a new address", logContext);
        }
    }

    /** Consent timer: RFC 7675 §5.1, the browser stopped answering. */
    void consentExpired() {
        closeWith(CloseReason.CONSENT_EXPIRED);
    }

    /** DTLS thread (or the caller's, if the session never started). */
    private void handshakeDone(HandshakeOutcome outcome) {
        switch (outcome) {
            case HandshakeOutcome.Failed failed -> {
                dtlsFailure = failed.reason();
                closeWith(CloseReason.HANDSHAKE_FAILED);
            }
            case HandshakeOutcome.Connected connected -> keyed(connected);
            case null -> closeWith(CloseReason.HANDSHAKE_FAILED);
        }
    }

    private void keyed(HandshakeOutcome.Connected connected) {
        DtlsSrtpKeys keys = connected.keys();
        SrtpSession srtp;
        try {
            SrtpProfile profile = SrtpProfile.fromId(keys.profile().id());
            // RFC 5764 §4.2: we are the DTLS server, so we protect with the server write key and the
            // browser protects with the client write key.
            srtp = SrtpSession.create(profile, new SrtpKeys(keys.serverWriteKey(), keys.serverWriteSalt(),
                    keys.clientWriteKey(), keys.clientWriteSalt()), srtpConfig);
        } catch (RuntimeException e) {
            log.warn("[{}] cannot set up SRTP for {}", logContext, keys.profile(), e);
            closeWith(CloseReason.SRTP_SETUP_FAILED);
            return;
        } finally {
            // The SRTP session keeps its own copy; the handshake future keeps its outcome for the leg's life.
            keys.destroy();
        }
        handshakeDuration = connected.duration();
        send.keyed(srtp);
        receive.keyed(srtp);
        if (!state.compareAndSet(PeerState.DTLS, PeerState.CONNECTED)) {
            // Closed while the handshake finished: undo, so the keys do not outlive the session.
            receive.unkeyed();
            send.close();
            return;
        }
        log.info("[{}] media connected ({}, handshake {} ms)", logContext, srtp.profile(),
                connected.duration().toMillis());
        try {
            handler.onConnected();
        } catch (RuntimeException e) {
            log.warn("[{}] the connected handler threw", logContext, e);
        }
    }

    /**
     * Protects and sends one plain RTP packet; the caller keeps {@code buf}. Any thread. False (and
     * counted) before keys, after close, if the packet cannot be protected or the transport refuses it.
     *
     * @throws IllegalArgumentException if the region is not inside {@code buf} (a caller bug)
     */
    public boolean sendRtp(byte[] buf, int off, int len) {
        if (!send.send(buf, off, len, false)) {
            return false;
        }
        reports.sent(buf, off, len);
        return true;
    }

    /**
     * The forwarding path: protects the plain RTP packet in {@code packet} in place (it needs the SRTP
     * overhead as room after it, {@link #MAX_PACKET} in all) and queues it on {@code batch}, the calling
     * sender thread's; the thread flushes the batch. False (and counted) as for {@link #sendRtp}.
     */
    public boolean queueRtp(SrtpBuffer packet, SendBatch batch) {
        int plainLength = packet.length();
        if (!send.queueRtp(packet, batch)) {
            return false;
        }
        // SRTP leaves the header in the clear (RFC 3711 §3.1): the report reads it from the protected bytes.
        reports.sent(packet.array(), packet.offset(), plainLength);
        return true;
    }

    /**
     * Sends this leg's own RTCP report (RFC 3550 §6.4: SRs for the slots it receives, report blocks for
     * what the browser sends, SDES CNAME), if there is anything to report. Called by a timer at the
     * RTCP interval; any thread. False if nothing was sent.
     */
    public boolean sendReports() {
        if (state.get() != PeerState.CONNECTED) {
            return false;
        }
        return writeAndSendReports();
    }

    /**
     * Sends the report when this leg's next RTCP interval has passed: the first within one interval of
     * the first call, then every 0.5–1.5 intervals (RFC 3550 §6.3.1's randomisation, which also spreads
     * thousands of legs' reports over the interval). One timer thread calls this for every leg.
     */
    public boolean sendReportsIfDue(long nowNanos, Duration interval) {
        if (state.get() != PeerState.CONNECTED || !reports.due(nowNanos, interval.toNanos())) {
            return false;
        }
        return writeAndSendReports();
    }

    private boolean writeAndSendReports() {
        byte[] compound = new byte[RtcpReporter.MAX_COMPOUND];
        int n = reports.write(compound);
        return n > 0 && send.send(compound, 0, n, true);
    }

    /** As {@link #sendRtp}, for one plain RTCP compound packet (SRTCP, RFC 3711 §3.4). */
    public boolean sendRtcp(byte[] buf, int off, int len) {
        return send.send(buf, off, len, true);
    }

    /** Ends the session: DTLS close_notify, the peer leaves the transport. Idempotent; any thread. */
    @Override
    public void close() {
        closeWith(CloseReason.LOCAL);
    }

    private void closeWith(CloseReason reason) {
        PeerState previous = state.getAndSet(PeerState.CLOSED);
        if (previous == PeerState.CLOSED) {
            return;
        }
        closeReason = reason;
        receive.unkeyed();
        send.close();
        dtls.close();
        peer.close();
        if (reason == CloseReason.LOCAL) {
            log.debug("[{}] session closed in state {}", logContext, previous);
        } else {
            log.info("[{}] session closed in state {}: {}{}", logContext, previous, reason.label(),
                    dtlsFailure == null ? "" : " (" + dtlsFailure.label() + ")");
        }
        try {
            handler.onClosed(reason);
        } catch (RuntimeException e) {
            log.warn("[{}] the close handler threw", logContext, e);
        }
    }

    public PeerState state() {
        return state.get();
    }

    /** The SSRC of the server's receiver reports on this leg (RFC 3550 §6.4.2), for the SDP answer's upstream. */
    public int reportSsrc() {
        return reports.reporterSsrc();
    }

    /** Our ice-ufrag and ice-pwd, for the SDP answer. */
    public IceCredentials localCredentials() {
        return peer.localCredentials();
    }

    /** Where media goes; null before nomination and after close. */
    public InetSocketAddress selectedAddress() {
        return peer.selectedAddress();
    }

    public PeerCounters counters() {
        return counters;
    }

    /** How the handshake failed, or null if it did not (yet). */
    public DtlsFailure dtlsFailure() {
        return dtlsFailure;
    }

    /** From the start of the DTLS handshake to keys, or null before. */
    public Duration handshakeDuration() {
        return handshakeDuration;
    }

    /** Why the session closed, or null while it is open. */
    public CloseReason closeReason() {
        return closeReason;
    }

    /** The browser's RTCP CNAME (RFC 3550 §6.5.1) from its latest SDES, or null. */
    public String remoteCname() {
        return receive.remoteCname();
    }
}
