package org.parley.media.ice;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * A local host candidate for the SDP answer (RFC 8839 §5.1). An ICE-lite server offers only host
 * candidates (RFC 8445 §2.5): the one UDP port on each address browsers can reach it at.
 *
 * <pre>
 * candidate:&lt;foundation&gt; &lt;component&gt; udp &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ host
 * </pre>
 */
public record IceCandidate(String foundation, int component, long priority, InetSocketAddress address) {

    /** RFC 8445 §5.1.2.2: the recommended type preference of host candidates. */
    static final int HOST_TYPE_PREFERENCE = 126;
    /** RTP and RTCP share one component (RFC 5761 multiplexing, which WebRTC requires). */
    static final int RTP_COMPONENT = 1;

    /** The {@code index}-th host candidate (0 is preferred); its local preference falls with the index. */
    public static IceCandidate host(InetSocketAddress address, int index) {
        int localPreference = Math.max(0, 65535 - index);
        return new IceCandidate(String.valueOf(index + 1), RTP_COMPONENT, priority(HOST_TYPE_PREFERENCE, localPreference, RTP_COMPONENT), address);
    }

    /** RFC 8445 §5.1.2.1: priority = 2^24 * type preference + 2^8 * local preference + (256 - component). */
    static long priority(int typePreference, int localPreference, int component) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - component);
    }

    /** The SDP attribute value, without the {@code a=} prefix. */
    public String toSdp() {
        String host = address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = scope < 0 ? host : host.substring(0, scope);
        }
        return "candidate:" + foundation + " " + component + " udp " + priority + " " + host + " " + address.getPort() + " typ host";
    }
}
