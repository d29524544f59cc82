package org.parley.rooms;

/**
 * A client connection that receives a room's events (implemented by the signalling layer). {@link #send}
 * must not block for long: it is called on the room's executor, in version order.
 */
public interface RoomSubscriber {
    long memberId();

    void send(String json);
}
