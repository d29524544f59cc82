package org.parley.media.dtls;

import java.time.Duration;

/**
 * @param handshakeTimeout     how long a handshake may take, from {@link DtlsSession#start()} to keys,
 *                             before it fails with {@link DtlsFailure#TIMEOUT} and its thread ends
 * @param maxPendingHandshakes handshakes a node runs at once; more fail at once with
 *                             {@link DtlsFailure#TOO_MANY_HANDSHAKES}
 * @param mtu                  largest UDP payload we send; bctls fragments handshake messages to fit
 * @param queueCapacity        datagrams a session buffers between the socket loop and its thread
 */
public record DtlsConfig(Duration handshakeTimeout, int maxPendingHandshakes, int mtu, int queueCapacity) {

    /**
     * Browsers give up on DTLS after about 30 s of retransmissions, but a peer that has passed ICE and
     * not finished within 10 s (several full retransmission rounds, RFC 6347 §4.2.4.1) is not coming.
     */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** A handshake costs a virtual thread, a few ECDSA/ECDH operations and ~10 KB; 256 is a busy node's join burst. */
    public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 256;
    /** What libwebrtc assumes (1200 bytes of UDP payload) so that handshake flights survive tunnels and IPv6. */
    public static final int DEFAULT_MTU = 1200;
    /** A DTLS flight is at most a handful of datagrams; 64 absorbs retransmissions without unbounded memory. */
    public static final int DEFAULT_QUEUE_CAPACITY = 64;

    public DtlsConfig {
        if (handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero()
                || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshakeTimeout must be positive and under 24 days");
        }
        if (maxPendingHandshakes < 1) {
            throw new IllegalArgumentException("maxPendingHandshakes must be at least 1");
        }
        // 256 bytes is far below any real path; below it bctls cannot fit a certificate fragment plus headers.
        if (mtu < 256 || mtu > 65_507) {
            throw new IllegalArgumentException("mtu must be within 256..65507");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1");
        }
    }

    public static DtlsConfig defaults() {
        return new DtlsConfig(DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_MAX_PENDING_HANDSHAKES, DEFAULT_MTU,
                DEFAULT_QUEUE_CAPACITY);
    }

    public DtlsConfig withHandshakeTimeout(Duration timeout) {
        return new DtlsConfig(timeout, maxPendingHandshakes, mtu, queueCapacity);
    }

    public DtlsConfig withMaxPendingHandshakes(int max) {
        return new DtlsConfig(handshakeTimeout, max, mtu, queueCapacity);
    }
}
