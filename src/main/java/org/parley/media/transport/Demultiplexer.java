package org.parley.media.transport;

import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import org.parley.media.ice.CheckOutcome;
import org.parley.media.ice.IceUsername;
import org.parley.media.stun.StunMessage;
import org.parley.media.stun.StunParseResult;
import org.parley.media.stun.StunParser;

/**
 * Routes one received datagram: RFC 7983 §7 by first byte, then to a peer — STUN by the local ufrag in
 * USERNAME (so a known peer's new address is learnt from its checks), DTLS and SRTP by the nominated
 * address. Runs only on the receive thread; takes no locks except the agent's for STUN.
 */
final class Demultiplexer {

    private final PeerTable table;
    private final DatagramSender sender;
    private final MediaCounters counters;
    private final LongSupplier nanoClock;
    /** Confined to the receive thread. */
    private long nominations;

    Demultiplexer(PeerTable table, DatagramSender sender, MediaCounters counters, LongSupplier nanoClock) {
        this.table = table;
        this.sender = sender;
        this.counters = counters;
        this.nanoClock = nanoClock;
    }

    void handle(byte[] buf, int off, int len, InetSocketAddress source) {
        PacketKind kind = len == 0 ? PacketKind.UNKNOWN : PacketKind.of(buf[off]);
        switch (kind) {
            case STUN -> handleStun(buf, off, len, source);
            case DTLS -> deliver(kind, buf, off, len, source);
            case RTP -> deliver(kind, buf, off, len, source);
            case UNKNOWN -> counters.dropped(TransportDropReason.UNKNOWN_PROTOCOL);
        }
    }

    private void handleStun(byte[] buf, int off, int len, InetSocketAddress source) {
        StunParseResult parsed = StunParser.parse(buf, off, len);
        if (!parsed.isOk()) {
            counters.dropped(parsed.dropReason());
            return;
        }
        counters.received(PacketKind.STUN);
        StunMessage message = parsed.message();
        String ufrag = IceUsername.localUfragOf(message.username());
        MediaPeer peer;
        if (ufrag != null) {
            peer = table.byUfrag(ufrag);
            if (peer == null) {
                // A deliberate departure from RFC 8489 §9.1.3 (which would answer 401): no session owns this
                // ufrag, so the check is not for us, and the public port need not answer scanners.
                counters.dropped(TransportDropReason.UNKNOWN_UFRAG);
                return;
            }
        } else {
            // No USERNAME: only a known peer's address gets an answer (the agent's 400).
            peer = table.byAddress(source);
            if (peer == null) {
                counters.dropped(TransportDropReason.UNKNOWN_SOURCE);
                return;
            }
        }
        CheckOutcome outcome = peer.agent().receive(message, source, nanoClock.getAsLong());
        if (!outcome.isValid()) {
            counters.dropped(outcome.dropReason());
        }
        if (outcome.selectionChanged()) {
            peer.nominated(++nominations);
            table.refresh(peer);
        }
        if (outcome.response() != null) {
            sender.send(outcome.response(), 0, outcome.response().length, source);
        }
    }

    private void deliver(PacketKind kind, byte[] buf, int off, int len, InetSocketAddress source) {
        MediaPeer peer = table.byAddress(source);
        if (peer == null) {
            counters.dropped(TransportDropReason.UNKNOWN_SOURCE);
            return;
        }
        PacketSink sink = kind == PacketKind.DTLS ? peer.dtlsSink() : peer.srtpSink();
        if (sink == null) {
            counters.dropped(TransportDropReason.NO_HANDLER);
            return;
        }
        counters.received(kind);
        sink.receive(buf, off, len);
    }
}
