package org.parley.media.udp;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Waits on many non-blocking sockets at once (epoll on the native stack, a {@link java.nio.channels.Selector}
 * on nio), for a client that holds one socket per leg. Made by {@link UdpStack#newPoller}, for sockets of
 * the same stack.
 *
 * <p>Threading: {@link #poll} on one thread; {@link #register} and {@link #wakeup} from any thread (a
 * registration made while {@code poll} waits takes effect at its next call at the latest).
 */
public interface UdpPoller extends AutoCloseable {

    /** Ready sockets one {@link #poll} reports at most on the native stack (epoll's event array). */
    int MAX_READY = 256;

    /** Watches {@code socket} (non-blocking, of this stack) for datagrams; {@code attachment} is what {@link #poll} reports. */
    void register(UdpSocket socket, Object attachment) throws IOException;

    /**
     * Waits up to {@code timeoutMillis} until a watched socket has datagrams, then calls {@code ready} with
     * the attachment of each such socket (which should then {@link UdpSocket#receive} them).
     *
     * @return how many sockets were ready
     */
    int poll(int timeoutMillis, Consumer<Object> ready) throws IOException;

    /** Makes a waiting (or the next) {@link #poll} return at once. */
    void wakeup();

    @Override
    void close();
}
