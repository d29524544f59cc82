package org.parley.signalling;

import io.javalin.websocket.WsContext;
import org.parley.accounts.Member;
import org.parley.rooms.Room;
import org.parley.rooms.RoomSubscriber;

/**
 * One client WebSocket. It is in at most one room at a time. Sends are asynchronous (Jetty queues
 * frames), so a room's executor never waits on a slow client.
 *
 * <p>Threading: the room is set by the connection's message handler (one message at a time per
 * connection in Jetty) and cleared by whoever notices the member is out first — the handler, the
 * close handler or a room's executor — through {@link #leaveRoom}, which lets exactly one of them win.
 */
final class Connection implements RoomSubscriber {

    final WsContext ws;
    final Member member;
    final CommandBudget budget;
    private final java.util.concurrent.atomic.AtomicReference<Room> room = new java.util.concurrent.atomic.AtomicReference<>();
    volatile boolean hallwaySubscribed;

    Connection(WsContext ws, Member member, CommandBudget budget) {
        this.ws = ws;
        this.member = member;
        this.budget = budget;
    }

    Room room() {
        return room.get();
    }

    void enterRoom(Room r) {
        room.set(r);
    }

    /** Clears the room if it is still {@code expected}; true for the one caller that did. */
    boolean leaveRoom(Room expected) {
        return expected != null && room.compareAndSet(expected, null);
    }

    @Override
    public long memberId() {
        return member.id();
    }

    @Override
    public void send(String json) {
        try {
            ws.send(json);
        } catch (RuntimeException e) {
            // The socket closed under us; the close handler cleans up.
        }
    }
}
