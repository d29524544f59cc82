package org.parley.media.session;

import java.net.InetSocketAddress;
import org.parley.media.ice.IceListener;

/**
 * The {@link IceListener} given to {@link org.parley.media.transport.UdpTransport#addPeer}, which needs a
 * listener before the session exists. Events before {@link #bind} are dropped; {@link PeerSession#open}
 * looks at the peer once bound, so none is lost. Called on the receive thread and the consent timer.
 */
final class IceRelay implements IceListener {

    private volatile PeerSession session;

    void bind(PeerSession session) {
        this.session = session;
    }

    @Override
    public void selectedAddressChanged(InetSocketAddress previous, InetSocketAddress current) {
        PeerSession s = session;
        if (s != null) {
            s.nominated(previous, current);
        }
    }

    @Override
    public void consentExpired() {
        PeerSession s = session;
        if (s != null) {
            s.consentExpired();
        }
    }
}
