package org.parley.signalling;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.media.MediaServer;
import org.parley.rooms.Command;
import org.parley.rooms.Room;
import org.parley.rooms.RoomError;
import org.parley.rooms.Rooms;

/**
 * The room commands of the WebSocket (docs/protocol.md) — registered as the handler of {@code join}
 * and of every room command — and a connection's moves between rooms: entering one, leaving it, and
 * what a closed connection or a departure the room announces leaves behind. A refused move changes nothing — a join elsewhere leaves the current
 * room only once the new room has accepted the member, and a refused leave keeps the connection in
 * its room — so a listener with a raised hand who tries a closed room keeps their place, and the
 * only moderator who does so does not end their room for everyone.
 *
 * <p>Threading: {@link #join} and {@link #command} run on the connection's message handler (one
 * message at a time); {@link #closed} on its close handler; {@link #participantLeft} on the room's
 * executor (a bus listener: it only clears fields and queues). Who clears a connection's room first is
 * settled by {@link Connection#leaveRoom}.
 */
final class RoomMoves {

    private final Rooms rooms;
    private final MediaServer media;
    private final Push push;
    private final SessionHttp sessions;

    RoomMoves(Rooms rooms, MediaServer media, Push push, SessionHttp sessions) {
        this.rooms = rooms;
        this.media = media;
        this.push = push;
        this.sessions = sessions;
    }

    /** Enters a room, or resumes in it ({@code since}); returns the join's one answer. */
    String join(Connection conn, ClientMessage.Join join) {
        Room room = rooms.get(join.room()).orElse(null);
        if (room == null || room.ended()) {
            return Replies.error(join.id(), "room_not_found", "This room has ended or does not exist");
        }
        Member m = conn.member;
        var result = await(room.submit(m.id(), new Command.Join(m.id(), m.username(), m.displayName(), m.avatarUrl(),
                m.verified(), conn.operator == null ? null : conn.operator.ref()), conn, join.since()));
        if (conn.operator != null && join.since() == null) {
            // Entering a room as an organization is in its audit trail (a resume after a reconnect is not news).
            sessions.record(m, conn.operator, "WS join " + room.id(), result instanceof Room.Result.Done ? 200 : 403);
        }
        if (!(result instanceof Room.Result.Done done)) {
            return Replies.of(join.id(), result);
        }
        Room previous = conn.room();
        if (previous != null && previous != room) {
            moveOut(conn, previous);
        }
        if (conn.room() != room) {
            conn.enterRoom(room);
            rooms.attached(room, conn.member.id());
        }
        return Replies.ack(join.id(), done.version());
    }

    /** A command for the connection's room; returns its one answer. */
    String command(Connection conn, ClientMessage.RoomCommand rc) {
        Room room = conn.room();
        if (room == null) {
            return Replies.error(rc.id(), "not_in_room", "Join a room first");
        }
        var result = await(room.submit(conn.member.id(), rc.command(), conn));
        if (rc.command() instanceof Command.Leave && result instanceof Room.Result.Done) {
            // Only an accepted leave: one the room could not record leaves the member in the room,
            // and this connection with them (else nobody would ever time them out).
            media.closeLeg(conn);
            room.unsubscribe(conn);
            if (conn.leaveRoom(room)) {
                rooms.detached(room, conn.member.id(), true);
            }
        }
        return Replies.of(rc.id(), result);
    }

    /** The connection closed: its member is away from its room, unless another connection of theirs is there. */
    void closed(Connection conn) {
        media.closeLeg(conn);
        Room room = conn.room();
        if (room != null) {
            room.unsubscribe(conn);
            if (conn.leaveRoom(room)) {
                rooms.detached(room, conn.member.id(), false);
            }
        }
    }

    /**
     * The member is out of the room (removed, timed out, left from another tab): their connections
     * there stop counting as present, so a later close does not mark them away again.
     */
    void participantLeft(String roomId, long memberId) {
        for (Connection conn : push.connectionsOf(memberId)) {
            Room room = conn.room();
            if (room != null && room.id().equals(roomId) && conn.leaveRoom(room)) {
                rooms.detached(room, memberId, true);
            }
        }
    }

    /** Leaves {@code previous} quietly, for a room that has accepted the member. */
    private void moveOut(Connection conn, Room previous) {
        // Queued before the leave, so the connection, already in its new room, mostly gets no delta
        // of the old one (a client ignores deltas of a room it is not in anyway).
        previous.unsubscribe(conn);
        var result = await(previous.submit(conn.member.id(), new Command.Leave(true), conn));
        media.closeLeg(conn);
        if (conn.leaveRoom(previous)) {
            // A leave the old room could not record leaves the member there: away, then timed out.
            boolean gone = !(result instanceof Room.Result.Refused refused && refused.error().code().equals("unavailable"));
            rooms.detached(previous, conn.member.id(), gone);
        }
    }

    private static Room.Result await(CompletableFuture<Room.Result> future) {
        try {
            return future.get(SignallingSocket.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Room.Result.Refused(new RoomError("unavailable", "Interrupted"));
        } catch (Exception e) {
            return new Room.Result.Refused(new RoomError("unavailable", "The room did not answer; try again"));
        }
    }
}
