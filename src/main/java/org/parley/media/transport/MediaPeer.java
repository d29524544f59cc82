package org.parley.media.transport;

import java.net.InetSocketAddress;
import org.parley.media.ice.IceCredentials;
import org.parley.media.ice.IceLiteAgent;

/**
 * One browser's presence on the shared port: its ICE-lite agent, the sinks its DTLS and SRTP packets go
 * to, and the send path to its selected address. Created by {@link UdpTransport#addPeer}; thread-safe.
 */
public final class MediaPeer {

    private final IceLiteAgent agent;
    private final PeerTable table;
    private final DatagramSender sender;
    private final MediaCounters counters;

    private volatile PacketSink dtlsSink;
    private volatile PacketSink srtpSink;
    /** Set when the peer is closed or its consent expired: nothing is sent or routed any more. */
    private volatile boolean closed;
    /** Order of this peer's latest nomination among all peers; written on the receive thread. */
    private volatile long nominationSequence;

    MediaPeer(IceLiteAgent agent, PeerTable table, DatagramSender sender, MediaCounters counters) {
        this.agent = agent;
        this.table = table;
        this.sender = sender;
        this.counters = counters;
    }

    /** Our ice-ufrag and ice-pwd for the SDP answer. */
    public IceCredentials localCredentials() {
        return agent.localCredentials();
    }

    /** The browser's ice-ufrag and ice-pwd from its SDP (RFC 8839 §5.4). */
    public void setRemoteCredentials(String ufrag, String pwd) {
        agent.setRemoteCredentials(ufrag, pwd);
    }

    /** ICE restart (RFC 8445 §9): new local credentials; then set the browser's new ones. */
    public IceCredentials restartIce() {
        IceCredentials fresh = agent.restart();
        table.refresh();
        return fresh;
    }

    /** Where DTLS records (first byte 20–63) from this peer's selected address go. */
    public void setDtlsSink(PacketSink sink) {
        this.dtlsSink = sink;
    }

    /** Where SRTP and SRTCP packets (first byte 128–191) from this peer's selected address go. */
    public void setSrtpSink(PacketSink sink) {
        this.srtpSink = sink;
    }

    /** Where media goes; null until the browser nominates an address. */
    public InetSocketAddress selectedAddress() {
        return closed ? null : agent.selectedAddress();
    }

    /**
     * Sends one datagram to the selected address. Thread-safe; false (and counted) when there is none
     * yet, the peer is closed or its consent expired (RFC 7675 §5.1: stop sending), or the socket refused.
     */
    public boolean send(byte[] buf, int off, int len) {
        InetSocketAddress to = closed ? null : agent.selectedAddress();
        if (to == null) {
            counters.dropped(TransportDropReason.NO_SELECTED_ADDRESS);
            return false;
        }
        return sender.send(buf, off, len, to);
    }

    /** Stops routing to and sending for this peer. Idempotent. */
    public void close() {
        closed = true;
        table.remove(this);
    }

    public boolean isClosed() {
        return closed;
    }

    IceLiteAgent agent() {
        return agent;
    }

    PacketSink dtlsSink() {
        return dtlsSink;
    }

    PacketSink srtpSink() {
        return srtpSink;
    }

    long nominationSequence() {
        return nominationSequence;
    }

    void nominated(long sequence) {
        this.nominationSequence = sequence;
    }
}
