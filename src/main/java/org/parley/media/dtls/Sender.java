package org.parley.media.dtls;

import java.io.IOException;

/** The way back to one peer, given by the transport layer: sends one UDP datagram from the node's port. */
@FunctionalInterface
public interface Sender {

    /**
     * Called on the session's thread, never the socket loop's. Must not block for long and must copy
     * {@code buf} if it keeps it. A failure is counted and otherwise ignored: DTLS retransmits.
     */
    void send(byte[] buf, int off, int len) throws IOException;
}
