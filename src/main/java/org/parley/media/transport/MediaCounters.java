package org.parley.media.transport;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.parley.media.ice.IceDropReason;
import org.parley.media.stun.StunDropReason;
import org.parley.media.udp.UdpSocket;

/**
 * The transport's counters: datagrams received per protocol, sent, and dropped per reason of each layer.
 * Incremented from the receive thread and from senders without locks or allocation (the maps are built
 * once and only read afterwards); {@link #snapshot()} is for a metrics endpoint.
 */
final class MediaCounters {

    private final Map<PacketKind, LongAdder> received = adders(PacketKind.class);
    private final Map<TransportDropReason, LongAdder> transportDrops = adders(TransportDropReason.class);
    private final Map<StunDropReason, LongAdder> stunDrops = adders(StunDropReason.class);
    private final Map<IceDropReason, LongAdder> iceDrops = adders(IceDropReason.class);
    /** Counts the datagrams sent and refused; set once, before any peer exists. */
    private volatile UdpSocket socket;

    void received(PacketKind kind) {
        received.get(kind).increment();
    }

    void dropped(TransportDropReason reason) {
        transportDrops.get(reason).increment();
    }

    void dropped(StunDropReason reason) {
        stunDrops.get(reason).increment();
    }

    void dropped(IceDropReason reason) {
        iceDrops.get(reason).increment();
    }

    void socket(UdpSocket socket) {
        this.socket = socket;
    }

    /**
     * Every counter by name, zeros included: {@code received.stun}, {@code sent},
     * {@code dropped.unknown-source}, {@code dropped.stun.bad-fingerprint}, {@code dropped.ice.bad-integrity}, ...
     */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        received.forEach((k, v) -> out.put("received." + k.name().toLowerCase(Locale.ROOT), v.sum()));
        transportDrops.forEach((k, v) -> out.put("dropped." + k.label(), v.sum()));
        stunDrops.forEach((k, v) -> out.put("dropped.stun." + k.label(), v.sum()));
        iceDrops.forEach((k, v) -> out.put("dropped.ice." + k.label(), v.sum()));
        UdpSocket s = socket;
        out.put("sent", s == null ? 0 : s.sent());
        // Refused by the socket (kernel errors, a full send buffer, sent after close) plus the transport's own.
        out.merge("dropped." + TransportDropReason.SEND_ERROR.label(), s == null ? 0 : s.sendErrors(), Long::sum);
        return out;
    }

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> map = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            map.put(e, new LongAdder());
        }
        return map;
    }
}
