package org.parley.media.dtls;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS server side of one peer. The transport layer feeds it the peer's DTLS datagrams
 * ({@link #onDatagram}); {@link #start()} runs the handshake on a virtual thread; {@link #handshake()}
 * completes once with the SRTP keys or the failure reason. Created by {@link DtlsServer#newSession}.
 *
 * <p>After the handshake the thread stays to answer retransmissions of the peer's last flight (if our
 * Finished was lost, RFC 6347 §4.2.4) and to notice close_notify, until {@link #close()} or the peer
 * closes; {@link #closed()} completes as the thread ends. So the SFU must {@link #close()} every session
 * it is done with (the peer left, ICE consent expired).
 *
 * <p>Threading: {@link #onDatagram} (socket loop), {@link #start()} and {@link #close()} may be called
 * from any thread, never block and never throw. The bctls objects belong to the session thread alone.
 */
public final class DtlsSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DtlsSession.class);

    /** How long the post-handshake read waits before looking at the closed flag again. */
    private static final int POST_HANDSHAKE_WAIT_MILLIS = 1000;

    private final DtlsServer server;
    private final DtlsConfig config;
    private final DtlsCounters counters;
    private final String logContext;
    private final QueueTransport transport;
    private final SrtpTlsServer tlsServer;

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean slotReleased = new AtomicBoolean();
    private final AtomicBoolean outcomeClaimed = new AtomicBoolean();
    private final CompletableFuture<HandshakeOutcome> handshake = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean closeRequested;
    private volatile Thread thread;

    DtlsSession(DtlsServer server, List<DtlsFingerprint> peerFingerprints, Sender sender, String logContext) {
        this.server = server;
        this.config = server.config();
        this.counters = server.counters();
        this.logContext = logContext;
        this.transport = new QueueTransport(config.queueCapacity(), config.mtu(), sender, counters);
        this.tlsServer = new SrtpTlsServer(server.certificate(), peerFingerprints,
                (int) config.handshakeTimeout().toMillis(), logContext);
    }

    /**
     * Hands over one datagram the transport layer classified as DTLS (RFC 7983 §7). Copies it, so the
     * caller may reuse {@code buf}. Before {@link #start()} datagrams are kept (the ClientHello may come
     * first). Never blocks, never throws; drops are counted by reason.
     */
    public void onDatagram(byte[] buf, int off, int len) {
        try {
            DtlsDropReason drop = transport.offer(buf, off, len);
            if (drop != null) {
                counters.countDrop(drop);
                log.trace("[{}] DTLS datagram dropped: {}", logContext, drop);
            }
        } catch (RuntimeException e) {
            // Not expected; the socket loop must survive whatever happens here.
            counters.countDrop(DtlsDropReason.BAD_BOUNDS);
            log.warn("[{}] unexpected error queueing a DTLS datagram", logContext, e);
        }
    }

    /**
     * Starts the handshake on a new virtual thread, unless the node already runs
     * {@link DtlsConfig#maxPendingHandshakes()} of them: then the session fails at once with
     * {@link DtlsFailure#TOO_MANY_HANDSHAKES}. Only the first call does anything.
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        if (closeRequested) {
            endWithoutThread(DtlsFailure.CLOSED, null);
            return;
        }
        if (!server.tryAcquireHandshake()) {
            endWithoutThread(DtlsFailure.TOO_MANY_HANDSHAKES, null);
            return;
        }
        counters.countStarted();
        long startNanos = System.nanoTime();
        transport.arm(startNanos + config.handshakeTimeout().toNanos());
        try {
            thread = Thread.ofVirtual().name("dtls-" + logContext).start(() -> run(startNanos));
        } catch (RuntimeException | Error e) {
            releaseSlot();
            endWithoutThread(DtlsFailure.INTERNAL_ERROR, e);
        }
    }

    /** Completes once: {@link HandshakeOutcome.Connected} with the keys, or {@link HandshakeOutcome.Failed}. */
    public CompletableFuture<HandshakeOutcome> handshake() {
        return handshake;
    }

    /**
     * Completes when the session has ended (failed, closed, or closed by the peer): its bctls objects are
     * released and its thread is returning.
     */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /**
     * Ends the session: a handshake in progress fails with {@link DtlsFailure#CLOSED}; an established
     * session sends close_notify. Returns at once; see {@link #closed()}. Idempotent.
     */
    @Override
    public void close() {
        closeRequested = true;
        if (started.compareAndSet(false, true)) {
            endWithoutThread(DtlsFailure.CLOSED, null);
        } else {
            transport.requestClose(); // the thread, if any, says goodbye and ends
        }
    }

    /** The session thread, for tests; null before {@link #start()}. */
    Thread thread() {
        return thread;
    }

    private void run(long startNanos) {
        DTLSTransport dtls = null;
        try {
            dtls = new DTLSServerProtocol().accept(tlsServer, transport);
            transport.disarm();
            releaseSlot();
            finish(new HandshakeOutcome.Connected(tlsServer.keys(), Duration.ofNanos(System.nanoTime() - startNanos)),
                    null);
            readUntilClosed(dtls);
        } catch (QueueTransport.SessionClosedException e) {
            releaseSlot();
            finish(new HandshakeOutcome.Failed(DtlsFailure.CLOSED), null); // no-op once connected
        } catch (Throwable e) {
            releaseSlot();
            if (!finish(new HandshakeOutcome.Failed(reasonFor(e)), e)) {
                log.debug("[{}] DTLS session ended: {}", logContext, e.toString());
            }
        } finally {
            if (dtls != null) {
                closeQuietly(dtls);
            }
            transport.close();
            closed.complete(null);
        }
    }

    /**
     * Keeps bctls reading after the handshake: it answers retransmitted final flights and notices alerts.
     * Application data is not expected (no data channels) and is dropped.
     */
    private void readUntilClosed(DTLSTransport dtls) throws IOException {
        byte[] buf = new byte[QueueTransport.RECEIVE_LIMIT];
        while (!closeRequested && !tlsServer.peerClosed()) {
            int n = dtls.receive(buf, 0, buf.length, POST_HANDSHAKE_WAIT_MILLIS);
            if (n > 0) {
                counters.countDrop(DtlsDropReason.APPLICATION_DATA);
            }
        }
        if (tlsServer.peerClosed()) {
            log.debug("[{}] DTLS peer sent close_notify", logContext);
        }
    }

    private void closeQuietly(DTLSTransport dtls) {
        try {
            // Sends close_notify (unless the transport is already closed) and closes the record layer.
            dtls.close();
        } catch (IOException | RuntimeException e) {
            log.debug("[{}] closing DTLS: {}", logContext, e.toString());
        }
    }

    private DtlsFailure reasonFor(Throwable e) {
        if (tlsServer.failure() != null) {
            return tlsServer.failure();
        }
        if (closeRequested) {
            return DtlsFailure.CLOSED;
        }
        if (e instanceof TlsTimeoutException) {
            return DtlsFailure.TIMEOUT;
        }
        if (e instanceof TlsFatalAlertReceived) {
            return DtlsFailure.PEER_ALERT;
        }
        if (e instanceof TlsFatalAlert alert) {
            return switch (alert.getAlertDescription()) {
                case AlertDescription.handshake_failure, AlertDescription.insufficient_security ->
                        DtlsFailure.HANDSHAKE_FAILURE;
                case AlertDescription.internal_error -> e.getCause() instanceof TlsTimeoutException
                        ? DtlsFailure.TIMEOUT : DtlsFailure.INTERNAL_ERROR;
                default -> DtlsFailure.PROTOCOL_ERROR;
            };
        }
        if (e instanceof IOException) {
            return DtlsFailure.PROTOCOL_ERROR;
        }
        return DtlsFailure.INTERNAL_ERROR;
    }

    /** For a session that never got (or never will get) a thread. */
    private void endWithoutThread(DtlsFailure reason, Throwable cause) {
        slotReleased.set(true);
        transport.close();
        finish(new HandshakeOutcome.Failed(reason), cause);
        closed.complete(null);
    }

    /**
     * Completes {@link #handshake()} once; the first outcome is counted and logged (before the future
     * completes, so whoever waits sees the counters already updated), later ones are ignored.
     */
    private boolean finish(HandshakeOutcome outcome, Throwable cause) {
        if (!outcomeClaimed.compareAndSet(false, true)) {
            return false;
        }
        switch (outcome) {
            case HandshakeOutcome.Connected connected -> {
                counters.countCompleted();
                log.info("[{}] DTLS handshake complete in {} ms: {}", logContext, connected.duration().toMillis(),
                        connected.keys().profile());
            }
            case HandshakeOutcome.Failed failed -> {
                counters.countFailure(failed.reason());
                if (failed.reason() == DtlsFailure.INTERNAL_ERROR) {
                    log.warn("[{}] DTLS handshake failed: {}", logContext, failed.reason().label(), cause);
                } else if (failed.reason() == DtlsFailure.CLOSED) {
                    // Our own decision (the peer left the room), not news.
                    log.debug("[{}] DTLS handshake failed: {}", logContext, failed.reason().label());
                } else {
                    log.info("[{}] DTLS handshake failed: {}", logContext, failed.reason().label());
                    if (cause != null) {
                        log.debug("[{}] DTLS failure detail: {}", logContext, cause.toString());
                    }
                }
            }
        }
        handshake.complete(outcome);
        return true;
    }

    private void releaseSlot() {
        if (slotReleased.compareAndSet(false, true)) {
            server.releaseHandshake();
        }
    }
}
