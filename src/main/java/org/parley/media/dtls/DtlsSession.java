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
 * <p>Once the handshake is over the thread ends and every bctls object goes with it: DTLS-SRTP carries
 * nothing after the handshake, so the session keeps only what it still needs ({@link Established}, a few
 * hundred bytes): to answer a retransmission of the peer's final flight (if our Finished was lost,
 * RFC 6347 §4.2.4), to notice the peer's close_notify or fatal alert, and to say close_notify itself. The
 * session ends on {@link #close()}, or when the peer closes or fails it; {@link #closed()} completes then.
 * So the SFU must {@link #close()} every session it is done with (the peer left, ICE consent expired).
 *
 * <p>Threading: {@link #onDatagram} (socket loop), {@link #start()} and {@link #close()} may be called
 * from any thread, never block and never throw. The bctls objects belong to the session thread alone;
 * after the handshake, datagrams and the goodbye are handled on short-lived virtual threads (never the
 * socket loop, since they may send), one at a time per session ({@link Established}'s lock).
 */
public final class DtlsSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DtlsSession.class);

    private final DtlsServer server;
    private final DtlsConfig config;
    private final DtlsCounters counters;
    private final String logContext;
    private final Sender sender;
    /** The handshake's state; null once it is over ({@link #established} then) or the session ended. */
    private volatile QueueTransport transport;
    private volatile SrtpTlsServer tlsServer;
    /** Set when the handshake completed; all that is left of the session afterwards. */
    private volatile Established established;

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
        this.sender = sender;
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
            DtlsDropReason drop = deliver(buf, off, len);
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

    private DtlsDropReason deliver(byte[] buf, int off, int len) {
        Established est = established;
        if (est == null) {
            QueueTransport t = transport;
            DtlsDropReason drop = t == null ? DtlsDropReason.CLOSED : t.offer(buf, off, len);
            if (drop != DtlsDropReason.CLOSED || (est = established) == null) {
                return drop;
            }
            // The handshake ended while this datagram was on its way: it is the established session's.
        }
        if (closed.isDone()) {
            return DtlsDropReason.CLOSED;
        }
        DtlsDropReason bad = DtlsRecords.check(buf, off, len);
        if (bad != null) {
            return bad;
        }
        if (len > QueueTransport.RECEIVE_LIMIT) {
            return DtlsDropReason.OVERSIZE;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        Established session = est;
        return server.tryRunAfterHandshake("dtls-" + logContext, () -> handle(session, copy))
                ? null : DtlsDropReason.QUEUE_FULL;
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
            Thread t = Thread.ofVirtual().name("dtls-" + logContext).unstarted(() -> run(startNanos));
            thread = t; // before it runs, so that its last act, clearing the field, comes after
            t.start();
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
     * Completes when the session has ended: the handshake failed, we closed it (after our close_notify
     * went out), or the peer closed it with close_notify or a fatal alert. Nothing is sent afterwards.
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
            return;
        }
        Established est = established;
        if (est != null) {
            sayGoodbye(est);
            return;
        }
        QueueTransport t = transport;
        if (t != null) {
            t.requestClose(); // the handshake thread fails the handshake and ends, or hands over and says goodbye
        }
    }

    /** The session thread while it runs, for tests; null before {@link #start()} and after it ended. */
    Thread thread() {
        return thread;
    }

    private void run(long startNanos) {
        QueueTransport t = transport;
        SrtpTlsServer peer = tlsServer;
        DTLSTransport dtls = null;
        boolean handedOver = false;
        try {
            dtls = new DTLSServerProtocol().accept(peer, t);
            t.disarm();
            releaseSlot();
            Established est = new Established(peer.epochCipher(), t.lastFlight(), t.nextEpoch1Seq(), sender, counters,
                    logContext);
            finish(new HandshakeOutcome.Connected(peer.keys(), Duration.ofNanos(System.nanoTime() - startNanos)),
                    null);
            handOver(est, t);
            handedOver = true;
        } catch (QueueTransport.SessionClosedException e) {
            releaseSlot();
            finish(new HandshakeOutcome.Failed(DtlsFailure.CLOSED), null);
        } catch (Throwable e) {
            releaseSlot();
            if (!finish(new HandshakeOutcome.Failed(reasonFor(e)), e)) {
                log.debug("[{}] DTLS session ended: {}", logContext, e.toString());
            }
        } finally {
            if (!handedOver) {
                if (dtls != null) {
                    closeQuietly(dtls);
                }
                t.close();
                transport = null;
                tlsServer = null;
                closed.complete(null);
            }
            thread = null;
        }
    }

    /**
     * The handshake is over: from now on {@link Established} is the session, and bctls's objects (the
     * record layer, the handshake's retransmission state, the peer's certificate, the thread) are dropped
     * without a close, which would send close_notify. Datagrams the socket loop queued after the peer's
     * Finished are handled here; later ones go straight to {@link #handle}.
     */
    private void handOver(Established est, QueueTransport t) {
        established = est;
        transport = null;
        tlsServer = null;
        for (byte[] datagram : t.closeAndDrain()) {
            handle(est, datagram);
        }
        if (closeRequested) {
            sayGoodbye(est);
        }
    }

    /** Any thread but the socket loop: one datagram for the established session. */
    private void handle(Established est, byte[] datagram) {
        try {
            switch (est.receive(datagram)) {
                case PEER_CLOSED -> {
                    log.debug("[{}] DTLS peer sent close_notify", logContext);
                    end(est);
                }
                case PEER_FAILED -> end(est);
                case OPEN -> {
                }
            }
        } catch (RuntimeException e) {
            log.warn("[{}] unexpected error handling a DTLS datagram", logContext, e);
        }
    }

    /** Sends close_notify from a new virtual thread (the caller may be the socket loop) and ends. */
    private void sayGoodbye(Established est) {
        if (closed.isDone()) {
            return;
        }
        try {
            Thread.ofVirtual().name("dtls-close-" + logContext).start(() -> {
                try {
                    est.sayGoodbye();
                } catch (RuntimeException e) {
                    log.warn("[{}] unexpected error saying close_notify", logContext, e);
                } finally {
                    end(est);
                }
            });
        } catch (RuntimeException | Error e) {
            end(est); // no thread for a goodbye: the peer notices through ICE consent instead
        }
    }

    private void end(Established est) {
        est.wipe();
        closed.complete(null);
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
        SrtpTlsServer peer = tlsServer;
        if (peer != null && peer.failure() != null) {
            return peer.failure();
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
        QueueTransport t = transport;
        if (t != null) {
            t.close();
        }
        transport = null;
        tlsServer = null;
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
