package org.parley.media.dtls;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's DTLS side: its certificate and {@code a=fingerprint}, the handshake limits and the counters.
 * One per node, made at start-up; makes a {@link DtlsSession} per peer. Thread-safe.
 */
public final class DtlsServer {

    private static final Logger log = LoggerFactory.getLogger(DtlsServer.class);

    private final DtlsConfig config;
    private final DtlsCertificate certificate;
    private final DtlsCounters counters = new DtlsCounters();
    /** Permits for handshakes in progress; a session takes one in start() and gives it back when keyed or failed. */
    private final Semaphore handshakes;
    /**
     * Permits for established sessions' datagrams being handled at once. A peer sends a handful in a
     * session's life; more than this at once across the node is a flood, and the excess is dropped.
     */
    private final Semaphore afterHandshake = new Semaphore(MAX_DATAGRAMS_AFTER_HANDSHAKE);

    static final int MAX_DATAGRAMS_AFTER_HANDSHAKE = 64;

    private DtlsServer(DtlsConfig config, DtlsCertificate certificate) {
        this.config = config;
        this.certificate = certificate;
        this.handshakes = new Semaphore(config.maxPendingHandshakes());
    }

    /** Generates the node's key pair and certificate (a few milliseconds). */
    public static DtlsServer create(DtlsConfig config) {
        return create(config, Clock.systemUTC());
    }

    static DtlsServer create(DtlsConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        DtlsCertificate certificate = DtlsCertificate.generate(new DtlsCrypto(new SecureRandom()), clock);
        log.info("DTLS certificate ready, fingerprint {}", certificate.fingerprint().toSdp());
        return new DtlsServer(config, certificate);
    }

    /** Our certificate's fingerprint; {@code fingerprint().toSdp()} is the value of {@code a=fingerprint}. */
    public DtlsFingerprint fingerprint() {
        return certificate.fingerprint();
    }

    /**
     * A session for one peer, not yet started.
     *
     * @param logContext       who the peer is in log lines (e.g. room and participant ids; no IP addresses)
     * @param peerFingerprints the {@code a=fingerprint} values of the peer's offer; its certificate must
     *                         match one (RFC 8122 §5)
     * @param sender           sends datagrams to this peer from the node's UDP port
     */
    public DtlsSession newSession(String logContext, List<DtlsFingerprint> peerFingerprints, Sender sender) {
        Objects.requireNonNull(logContext, "logContext");
        Objects.requireNonNull(sender, "sender");
        if (peerFingerprints == null || peerFingerprints.isEmpty()) {
            throw new IllegalArgumentException("a WebRTC offer carries at least one fingerprint");
        }
        return new DtlsSession(this, peerFingerprints, sender, logContext);
    }

    public DtlsCounters counters() {
        return counters;
    }

    public DtlsConfig config() {
        return config;
    }

    /** Handshakes running now. */
    public int pendingHandshakes() {
        return config.maxPendingHandshakes() - handshakes.availablePermits();
    }

    DtlsCertificate certificate() {
        return certificate;
    }

    boolean tryAcquireHandshake() {
        return handshakes.tryAcquire();
    }

    void releaseHandshake() {
        handshakes.release();
    }

    /**
     * Runs {@code task} (an established session handling one datagram) on a new virtual thread, unless
     * {@link #MAX_DATAGRAMS_AFTER_HANDSHAKE} are running; false if it did not run. Never throws.
     */
    boolean tryRunAfterHandshake(String name, Runnable task) {
        if (!afterHandshake.tryAcquire()) {
            return false;
        }
        try {
            Thread.ofVirtual().name(name).start(() -> {
                try {
                    task.run();
                } finally {
                    afterHandshake.release();
                }
            });
            return true;
        } catch (RuntimeException | Error e) {
            afterHandshake.release();
            log.warn("cannot start a thread for a DTLS datagram", e);
            return false;
        }
    }
}
