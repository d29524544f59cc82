package org.parley.media.ice;

import java.net.InetSocketAddress;

/**
 * What the agent made of a STUN datagram.
 *
 * @param response         bytes to send back to {@code source}, or null for a silent drop
 * @param source           where the datagram came from, and where {@code response} goes
 * @param dropReason       null when the check was valid; otherwise why it was refused (an error
 *                         response may still be set)
 * @param selectionChanged the check nominated an address other than the previously selected one
 */
public record CheckOutcome(byte[] response, InetSocketAddress source, IceDropReason dropReason, boolean selectionChanged) {

    static CheckOutcome valid(byte[] response, InetSocketAddress source, boolean selectionChanged) {
        return new CheckOutcome(response, source, null, selectionChanged);
    }

    static CheckOutcome refused(IceDropReason reason, byte[] errorResponse, InetSocketAddress source) {
        return new CheckOutcome(errorResponse, source, reason, false);
    }

    public boolean isValid() {
        return dropReason == null;
    }
}
