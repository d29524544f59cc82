package org.parley.media.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.parley.media.udp.UdpStack;

/**
 * Settings of the media transport.
 *
 * @param port                UDP port for all peers' media ({@value #DEFAULT_PORT}; 0 picks a free one, for tests)
 * @param bindAddress         local address to bind (default: the wildcard address, every interface)
 * @param advertisedAddresses addresses put in SDP host candidates instead of the local ones, for a
 *                            server behind 1:1 NAT (e.g. a cloud VM's public IP); empty: the local ones
 * @param consentTimeout      RFC 7675 consent lifetime: a peer with no valid check for this long is
 *                            expired and dropped (default 10 s; the RFC's 30 s keeps dead listeners
 *                            counted in a room for too long)
 * @param socket              which UDP stack the port uses (default {@link UdpStack.Choice#AUTO}: the
 *                            native {@code sendmmsg} one on Linux with Java 22+, else java.nio; see
 *                            {@link org.parley.media.udp})
 */
public record MediaConfig(int port, InetAddress bindAddress, List<InetAddress> advertisedAddresses, Duration consentTimeout,
                          UdpStack.Choice socket) {

    public static final int DEFAULT_PORT = 10000;
    public static final InetAddress DEFAULT_BIND_ADDRESS = new InetSocketAddress(0).getAddress();
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(10);

    public MediaConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (bindAddress == null) {
            throw new IllegalArgumentException("bindAddress is required (use DEFAULT_BIND_ADDRESS for all interfaces)");
        }
        advertisedAddresses = List.copyOf(advertisedAddresses);
        if (consentTimeout == null || consentTimeout.isNegative() || consentTimeout.isZero()) {
            throw new IllegalArgumentException("consentTimeout must be positive");
        }
        if (socket == null) {
            throw new IllegalArgumentException("socket is required (UdpStack.Choice.AUTO by default)");
        }
    }

    /** With the default UDP stack choice. */
    public MediaConfig(int port, InetAddress bindAddress, List<InetAddress> advertisedAddresses, Duration consentTimeout) {
        this(port, bindAddress, advertisedAddresses, consentTimeout, UdpStack.Choice.AUTO);
    }

    public static MediaConfig defaults() {
        return new MediaConfig(DEFAULT_PORT, DEFAULT_BIND_ADDRESS, List.of(), DEFAULT_CONSENT_TIMEOUT);
    }

    public MediaConfig withPort(int port) {
        return new MediaConfig(port, bindAddress, advertisedAddresses, consentTimeout, socket);
    }

    public MediaConfig withBindAddress(InetAddress bindAddress) {
        return new MediaConfig(port, bindAddress, advertisedAddresses, consentTimeout, socket);
    }

    public MediaConfig withAdvertisedAddresses(List<InetAddress> advertisedAddresses) {
        return new MediaConfig(port, bindAddress, advertisedAddresses, consentTimeout, socket);
    }

    public MediaConfig withConsentTimeout(Duration consentTimeout) {
        return new MediaConfig(port, bindAddress, advertisedAddresses, consentTimeout, socket);
    }

    public MediaConfig withSocket(UdpStack.Choice socket) {
        return new MediaConfig(port, bindAddress, advertisedAddresses, consentTimeout, socket);
    }
}
