package org.parley.media.udp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * {@code sockaddr_in} and {@code sockaddr_in6} to and from Java addresses.
 *
 * <pre>
 * sockaddr_in (16)   | family (host order, 2) | port (network, 2) | IPv4 address (4) | zero (8) |
 * sockaddr_in6 (28)  | family (2) | port (2) | flow info (4) | IPv6 address (16) | scope id (4) |
 * </pre>
 * An IPv6 socket (dual-stack) reaches IPv4 peers at their v4-mapped address {@code ::ffff:a.b.c.d}, and
 * reports them so; they are turned back into {@link Inet4Address}es, as {@code DatagramChannel} does, so
 * a peer has one address whichever stack received it.
 */
final class Sockaddr {

    private static final ValueLayout.OfShort FAMILY = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt SCOPE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    /** Constants, so each access compiles to a load: a layout made per call costs a var-handle lookup each time. */
    private static final ValueLayout.OfInt NETWORK_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final byte[] V4_MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private Sockaddr() {
    }

    /** {@code address} for a socket of {@code family}; null if that socket cannot reach it (IPv6 from IPv4). */
    static byte[] encode(InetSocketAddress address, int family) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return null; // unresolved
        }
        byte[] raw = ip.getAddress();
        MemorySegment out;
        if (family == Libc.AF_INET) {
            if (raw.length != 4) {
                return null;
            }
            out = MemorySegment.ofArray(new byte[16]);
            MemorySegment.copy(raw, 0, out, ValueLayout.JAVA_BYTE, 4, 4);
        } else {
            out = MemorySegment.ofArray(new byte[Libc.SOCKADDR_MAX]);
            if (raw.length == 4) {
                MemorySegment.copy(V4_MAPPED, 0, out, ValueLayout.JAVA_BYTE, 8, V4_MAPPED.length);
                MemorySegment.copy(raw, 0, out, ValueLayout.JAVA_BYTE, 20, 4);
            } else {
                MemorySegment.copy(raw, 0, out, ValueLayout.JAVA_BYTE, 8, 16);
                if (ip instanceof Inet6Address v6) {
                    out.set(SCOPE, 24, v6.getScopeId());
                }
            }
        }
        out.set(FAMILY, 0, (short) family);
        out.set(PORT, 2, (short) address.getPort());
        return (byte[]) out.heapBase().orElseThrow();
    }

    /** The address at {@code at} ({@code length} bytes as the kernel reported), or null if it is neither family. */
    static InetSocketAddress decode(MemorySegment at, int length) {
        if (length < 16) {
            return null;
        }
        int family = at.get(FAMILY, 0);
        int port = at.get(PORT, 2) & 0xffff;
        try {
            if (family == Libc.AF_INET) {
                byte[] ip = new byte[4];
                MemorySegment.copy(at, ValueLayout.JAVA_BYTE, 4, ip, 0, 4);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            }
            if (family == Libc.AF_INET6 && length >= Libc.SOCKADDR_MAX) {
                byte[] ip = new byte[16];
                MemorySegment.copy(at, ValueLayout.JAVA_BYTE, 8, ip, 0, 16);
                if (isV4Mapped(ip)) {
                    return new InetSocketAddress(InetAddress.getByAddress(java.util.Arrays.copyOfRange(ip, 12, 16)), port);
                }
                int scope = at.get(SCOPE, 24);
                return new InetSocketAddress(Inet6Address.getByAddress(null, ip, scope), port);
            }
        } catch (UnknownHostException e) {
            return null; // only for a wrong length, which cannot happen here
        }
        return null;
    }

    /** An IPv4 source (or v4-mapped) as one number, {@code ip << 16 | port}, for a cache; -1 otherwise. */
    static long ipv4Key(MemorySegment at, int length) {
        if (length < 16) {
            return -1;
        }
        int family = at.get(FAMILY, 0);
        int port = at.get(PORT, 2) & 0xffff;
        if (family == Libc.AF_INET) {
            return (at.get(NETWORK_INT, 4) & 0xffff_ffffL) << 16 | port;
        }
        if (family == Libc.AF_INET6 && length >= Libc.SOCKADDR_MAX
                && at.get(ValueLayout.JAVA_LONG_UNALIGNED, 8) == 0
                && at.get(NETWORK_INT, 16) == 0xffff) {
            return (at.get(NETWORK_INT, 20) & 0xffff_ffffL) << 16 | port;
        }
        return -1;
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < V4_MAPPED.length; i++) {
            if (ip[i] != V4_MAPPED[i]) {
                return false;
            }
        }
        return true;
    }
}
