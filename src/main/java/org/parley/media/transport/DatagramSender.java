package org.parley.media.transport;

import java.net.InetSocketAddress;

/** Sends one datagram from the shared port; false when it could not (counted by the implementation). */
@FunctionalInterface
interface DatagramSender {

    boolean send(byte[] buf, int off, int len, InetSocketAddress to);
}
