package org.parley.signalling;

/**
 * Answers one kind of client message ({@link ClientMessage} record type), registered with the
 * {@link SignallingSocket} by that type. The socket has already authenticated, parsed and
 * rate-limited the message; the handler returns its one answer ({@code ack} or {@code error}).
 *
 * <p>Threading: called on the connection's message handler, one message at a time per connection
 * (Jetty), so a handler may wait for a room's answer; an exception it throws is answered with
 * {@code unavailable} by the socket.
 */
@FunctionalInterface
interface Handler<M extends ClientMessage> {

    String answer(Connection conn, M message);
}
