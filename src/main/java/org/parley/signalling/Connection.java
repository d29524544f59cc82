package org.parley.signalling;

import java.nio.channels.WritePendingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.parley.accounts.Member;
import org.parley.rooms.Room;
import org.parley.rooms.RoomSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client WebSocket. It is in at most one room at a time. Sends are asynchronous (Jetty queues
 * frames), so a room's executor never waits on a slow client.
 *
 * <p>Threading: the room is set by the connection's message handler (one message at a time per
 * connection in Jetty) and cleared by whoever notices the member is out first — the handler, the
 * close handler or a room's executor — through {@link #leaveRoom}, which lets exactly one of them win.
 */
final class Connection implements RoomSubscriber {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** RFC 6455 §7.4.1: 1008, policy violation — here, a reply could not be queued for a client that stopped reading. */
    static final String UNREAD_CLOSE_REASON = "too many unread messages";

    private final Session session;
    final Member member;
    /** The delegate operating {@link #member}, an organization, as the session did at the upgrade; null: a person. */
    final Member operator;
    final FloodGuard guard;
    /** The public id of the session the connection was upgraded with (null in tests that build one by hand). */
    final String sessionId;
    private final AtomicReference<Room> room = new AtomicReference<>();
    volatile boolean hallwaySubscribed;
    /**
     * What this connection's member chose to hear in a room besides the floor ({@code listenIn}), kept
     * for the connection's next audio leg there; null: the floor only.
     */
    volatile Listening listening;

    /** @param language the interpretation language chosen in room {@code roomId} */
    record Listening(String roomId, String language) {}

    Connection(Session session, Member member, FloodGuard guard) {
        this(session, member, null, guard);
    }

    Connection(Session session, Member member, Member operator, FloodGuard guard) {
        this(session, member, operator, guard, null);
    }

    Connection(Session session, Member member, Member operator, FloodGuard guard, String sessionId) {
        this.session = session;
        this.member = member;
        this.operator = operator;
        this.guard = guard;
        this.sessionId = sessionId;
    }

    Room room() {
        return room.get();
    }

    /** The interpretation language chosen in {@code roomId}, or null for the floor. */
    String listeningIn(String roomId) {
        Listening l = listening;
        return l != null && l.roomId().equals(roomId) ? l.language() : null;
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

    /**
     * Room state and notices: a client too slow to read them loses some (Jetty refuses frames past
     * {@link SignallingSocket#MAX_QUEUED_FRAMES}) and resynchronises when it sees the version gap.
     */
    @Override
    public void send(String json) {
        try {
            session.sendText(json, Callback.NOOP);
        } catch (RuntimeException e) {
            // The socket closed under us; the close handler cleans up.
        }
    }

    /**
     * The one answer to a command. Unlike state it is never dropped in silence: when Jetty cannot
     * queue it (the client left {@link SignallingSocket#MAX_QUEUED_FRAMES} frames unread, and Jetty
     * fails the send with {@link WritePendingException}) the connection is closed instead, which
     * the protocol documents.
     */
    void reply(String json) {
        try {
            session.sendText(json, Callback.from(() -> { }, failure -> {
                if (failure instanceof WritePendingException) {
                    close(FloodGuard.CLOSE_CODE, UNREAD_CLOSE_REASON);
                }
            }));
        } catch (RuntimeException e) {
            // The socket closed under us; the close handler cleans up.
        }
    }

    /**
     * Whether the {@link FloodGuard} lets a frame through. If not, the frame is answered here
     * ({@code rate_limited}), or the connection is closed for flooding (1008) and the frame, like
     * the ones still on their way, gets no answer.
     */
    boolean admit(String id) {
        switch (guard.check()) {
            case ACCEPT -> {
                return true;
            }
            case REFUSE -> reply(Replies.error(id, "rate_limited", "Too many commands; slow down"));
            case CLOSE -> {
                log.info("Closing the connection of member {}: it kept sending while rate-limited", member.id());
                close(FloodGuard.CLOSE_CODE, FloodGuard.CLOSE_REASON);
            }
            case CLOSED -> { }
        }
        return false;
    }

    /** Closes the socket with {@code code}; completes once the close frame is out (or could not be sent). */
    CompletableFuture<Void> close(int code, String reason) {
        var sent = new CompletableFuture<Void>();
        try {
            session.close(code, reason, Callback.from(() -> sent.complete(null), failure -> sent.complete(null)));
        } catch (RuntimeException e) {
            sent.complete(null);
        }
        return sent;
    }
}
