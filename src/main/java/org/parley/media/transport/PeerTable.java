package org.parley.media.transport;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a datagram belongs to: peers by local ufrag (for STUN) and by nominated address (for DTLS and
 * SRTP). The receive thread reads an immutable snapshot through one volatile field, without locks;
 * changes (a peer added, removed, restarted or nominating a new address — all rare) rebuild the
 * snapshot under this object's lock.
 */
final class PeerTable {

    private record Routes(Map<String, MediaPeer> byUfrag, Map<InetSocketAddress, MediaPeer> byAddress) {
    }

    /** Guarded by this. */
    private final Set<MediaPeer> peers = new LinkedHashSet<>();
    private volatile Routes routes = new Routes(Map.of(), Map.of());

    MediaPeer byUfrag(String localUfrag) {
        return routes.byUfrag().get(localUfrag);
    }

    MediaPeer byAddress(InetSocketAddress address) {
        return routes.byAddress().get(address);
    }

    synchronized void add(MediaPeer peer) {
        peers.add(peer);
        rebuild();
    }

    synchronized void remove(MediaPeer peer) {
        if (peers.remove(peer)) {
            rebuild();
        }
    }

    /** Call after a peer's ufrags or selected address changed. */
    synchronized void refresh() {
        rebuild();
    }

    synchronized List<MediaPeer> all() {
        return List.copyOf(peers);
    }

    private void rebuild() {
        Map<String, MediaPeer> byUfrag = new HashMap<>();
        Map<InetSocketAddress, MediaPeer> byAddress = new HashMap<>();
        for (MediaPeer peer : peers) {
            for (String ufrag : peer.agent().acceptedLocalUfrags()) {
                byUfrag.put(ufrag, peer);
            }
            InetSocketAddress selected = peer.agent().selectedAddress();
            if (selected != null) {
                // Two peers can claim one address when a NAT reuses a departed peer's mapping; the
                // later nomination is the live one.
                byAddress.merge(selected, peer, (a, b) -> a.nominationSequence() >= b.nominationSequence() ? a : b);
            }
        }
        routes = new Routes(Map.copyOf(byUfrag), Map.copyOf(byAddress));
    }
}
