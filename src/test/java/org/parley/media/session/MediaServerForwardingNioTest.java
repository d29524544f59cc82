package org.parley.media.session;

import org.parley.media.udp.UdpStack;

/** Every forwarding test again on the java.nio UDP stack, the fallback for Java 21 and other systems. */
class MediaServerForwardingNioTest extends MediaServerForwardingTest {

    @Override
    UdpStack.Choice stack() {
        return UdpStack.Choice.NIO;
    }
}
