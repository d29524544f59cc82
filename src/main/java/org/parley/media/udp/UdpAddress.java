package org.parley.media.udp;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A destination in the form one {@link UdpSocket} sends to, encoded once ({@link UdpSocket#address}) and
 * reused for every datagram to that peer: the native socket keeps the {@code sockaddr} bytes here, so a
 * send copies 16 or 28 bytes instead of converting an {@link InetSocketAddress}. Immutable.
 */
public final class UdpAddress {

    private final InetSocketAddress inet;
    /** {@code sockaddr_in}/{@code sockaddr_in6} for the socket's family; null for the nio socket. */
    final byte[] sockaddr;

    UdpAddress(InetSocketAddress inet, byte[] sockaddr) {
        this.inet = Objects.requireNonNull(inet);
        this.sockaddr = sockaddr;
    }

    public InetSocketAddress inet() {
        return inet;
    }

    @Override
    public String toString() {
        return inet.toString();
    }
}
