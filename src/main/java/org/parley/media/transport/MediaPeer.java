package org.parley.media.transport;

import java.net.InetSocketAddress;
import org.parley.media.ice.IceCredentials;
import org.parley.media.ice.IceLiteAgent;
import org.parley.media.udp.SendBatch;
import org.parley.media.udp.UdpAddress;
import org.parley.media.udp.UdpSocket;

/**
 * One browser's presence on the shared port: its ICE-lite agent, the sinks its DTLS and SRTP packets go
 * to, and the send path to its selected address. Created by {@link UdpTransport#addPeer}; thread-safe.
 */
public final class MediaPeer {

    private final IceLiteAgent agent;
    private final PeerTable table;
    private final UdpSocket socket;
    private final MediaCounters counters;
    /** {@link IceLiteAgent#selectedAddress()} encoded for the socket; replaced when the selection moves. */
    private volatile UdpAddress destination;

    private volatile PacketSink dtlsSink;
    private volatile PacketSink srtpSink;
    /** Set when the peer is closed or its consent expired: nothing is sent or routed any more. */
    private volatile boolean closed;
    /** Order of this peer's latest nomination among all peers; written on the receive thread. */
    private volatile long nominationSequence;

    MediaPeer(IceLiteAgent agent, PeerTable table, UdpSocket socket, MediaCounters counters) {
        this.agent = agent;
        this.table = table;
        this.socket = socket;
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
        table.refresh(this);
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
        UdpAddress to = destination();
        if (to == null) {
            counters.dropped(TransportDropReason.NO_SELECTED_ADDRESS);
            return false;
        }
        return socket.send(buf, off, len, to);
    }

    /**
     * As {@link #send}, but queued on the calling thread's {@code batch} (from {@link UdpTransport#newSendBatch()})
     * and copied there, to go out with the batch; false (and counted) only when there is no selected address.
     */
    public boolean queue(SendBatch batch, byte[] buf, int off, int len) {
        UdpAddress to = destination();
        if (to == null) {
            counters.dropped(TransportDropReason.NO_SELECTED_ADDRESS);
            return false;
        }
        batch.add(buf, off, len, to);
        return true;
    }

    /** The selected address in the socket's form, encoded again only when the selection changed. */
    private UdpAddress destination() {
        InetSocketAddress selected = closed ? null : agent.selectedAddress();
        if (selected == null) {
            return null;
        }
        UdpAddress d = destination;
        if (d == null || d.inet() != selected) {
            d = socket.address(selected);
            destination = d;
        }
        return d;
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
