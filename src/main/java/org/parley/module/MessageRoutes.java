package org.parley.module;

/** Where a module registers the WebSocket messages it answers (see {@link Module#messages}). */
public interface MessageRoutes {

    /**
     * Answers client messages whose {@code type} is {@code type}. A type has one handler: claiming one
     * that another feature (or the socket itself) answers stops the node from starting.
     */
    void on(String type, MessageHandler handler);

    /** Server-initiated messages to members' open connections, for the handlers to use. */
    Push push();
}
