package org.parley.media.ice;

import java.net.InetSocketAddress;

/**
 * Told about an agent's changes. Called outside the agent's lock, on the thread that fed the agent
 * (the transport's receive thread for nominations, its consent timer for expiry); must not block.
 */
public interface IceListener {

    /** A check with USE-CANDIDATE moved media to {@code current} ({@code previous} is null the first time). */
    default void selectedAddressChanged(InetSocketAddress previous, InetSocketAddress current) {
    }

    /** RFC 7675 §5.1: no valid check for the consent timeout; stop sending to this peer and drop it. */
    default void consentExpired() {
    }

    IceListener NONE = new IceListener() {
    };
}
