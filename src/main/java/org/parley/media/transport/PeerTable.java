package org.parley.media.transport;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a datagram belongs to: peers by local ufrag (for STUN) and by nominated address (for DTLS and
 * SRTP). The receive thread looks them up in concurrent maps without locks; changes (a peer added,
 * removed, restarted or nominating a new address) update only that peer's entries, under this object's
 * lock, so a join costs the same in a room of 10 as of 10,000 (rebuilding the whole table per change made
 * joins quadratic, and stalled the receive thread for a rebuild on every nomination).
 */
final class PeerTable {

    /** The ufrags and address a peer is reachable by in the maps now. */
    private record Routes(List<String> ufrags, InetSocketAddress address) {
    }

    private static final Routes NONE = new Routes(List.of(), null);

    /** Guarded by this; insertion order, for {@link #all()}. */
    private final Map<MediaPeer, Routes> peers = new LinkedHashMap<>();
    private final Map<String, MediaPeer> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, MediaPeer> byAddress = new ConcurrentHashMap<>();

    MediaPeer byUfrag(String localUfrag) {
        return byUfrag.get(localUfrag);
    }

    MediaPeer byAddress(InetSocketAddress address) {
        return byAddress.get(address);
    }

    synchronized void add(MediaPeer peer) {
        if (peers.putIfAbsent(peer, NONE) == null) {
            update(peer);
        }
    }

    synchronized void remove(MediaPeer peer) {
        Routes routes = peers.remove(peer);
        if (routes == null) {
            return;
        }
        routes.ufrags().forEach(u -> byUfrag.remove(u, peer));
        if (routes.address() != null && byAddress.remove(routes.address(), peer)) {
            reclaim(routes.address());
        }
    }

    /** Call after {@code peer}'s ufrags or selected address changed. */
    synchronized void refresh(MediaPeer peer) {
        if (peers.containsKey(peer)) {
            update(peer);
        }
    }

    synchronized List<MediaPeer> all() {
        return List.copyOf(peers.keySet());
    }

    private void update(MediaPeer peer) {
        Routes old = peers.get(peer);
        List<String> ufrags = List.copyOf(peer.agent().acceptedLocalUfrags());
        InetSocketAddress address = peer.agent().selectedAddress();
        for (String u : old.ufrags()) {
            if (!ufrags.contains(u)) {
                byUfrag.remove(u, peer);
            }
        }
        ufrags.forEach(u -> byUfrag.put(u, peer));
        peers.put(peer, new Routes(ufrags, address)); // before reclaiming, so the peer no longer claims the old one
        if (old.address() != null && !old.address().equals(address) && byAddress.remove(old.address(), peer)) {
            reclaim(old.address());
        }
        if (address != null) {
            byAddress.merge(address, peer, PeerTable::later);
        }
    }

    /**
     * Two peers can claim one address when a NAT reuses a departed peer's mapping; the later nomination is
     * the live one. When the holder of an address goes, the latest other claimant (if any) gets it back.
     */
    private void reclaim(InetSocketAddress address) {
        peers.forEach((peer, routes) -> {
            if (address.equals(routes.address())) {
                byAddress.merge(address, peer, PeerTable::later);
            }
        });
    }

    private static MediaPeer later(MediaPeer a, MediaPeer b) {
        return a.nominationSequence() >= b.nominationSequence() ? a : b;
    }
}
