package org.parley.module;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers one type of client message on the WebSocket ({@code /ws}, docs/protocol.md) for the feature
 * that registered it ({@link Module#messages}). The socket has already authenticated the connection,
 * parsed the JSON object and counted the message against the connection's budget; it sends the one
 * answer this returns, with the message's {@code id}.
 *
 * <p>Threading: called on the connection's message thread, one message at a time per connection, so
 * a handler may read the database or wait for a room. An exception it throws is answered with
 * {@code unavailable}.
 */
@FunctionalInterface
public interface MessageHandler {

    Reply answer(Caller caller, ObjectNode message);

    /**
     * Who sent the message: the signed-in member, and the room their connection has joined (null when
     * none).
     */
    record Caller(long memberId, String username, String displayName, String roomId) {}

    /** The one answer to a message: {@code ack} with extra fields, or {@code error}. */
    sealed interface Reply {

        /** {@code ack}; {@code fields} (may be null) are added to it. */
        record Ack(ObjectNode fields) implements Reply {}

        /** {@code error} with a stable {@code code} and a message for people and logs. */
        record Refused(String code, String message) implements Reply {}
    }
}
