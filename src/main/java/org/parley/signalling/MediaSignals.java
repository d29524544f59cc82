package org.parley.signalling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.parley.media.MediaServer;
import org.parley.rooms.Participant;
import org.parley.rooms.Room;
import org.parley.rooms.Rooms;

/**
 * The media server's side of the WebSocket (docs/protocol.md, "Audio"): a member's SDP offer in,
 * answered with an audio leg in their room; a listener's choice of interpretation ({@code listenIn});
 * who is speaking out, as each room's {@code speaking} notice.
 */
final class MediaSignals implements Handler<ClientMessage.MediaOffer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Rooms rooms;
    private final MediaServer media;

    MediaSignals(Rooms rooms, MediaServer media) {
        this.rooms = rooms;
        this.media = media;
    }

    @Override
    public String answer(Connection conn, ClientMessage.MediaOffer offer) {
        Room room = conn.room();
        if (room == null || room.snapshot().participants().stream().noneMatch(p -> p.memberId() == conn.member.id())) {
            return Replies.error(offer.id(), "not_in_room", "Join a room first");
        }
        return switch (media.answer(room.id(), conn.member.id(), conn, offer.sdp(), conn.listeningIn(room.id()))) {
            case MediaServer.AnswerResult.Answer answer -> Replies.ackNode(offer.id()).put("sdp", answer.sdp()).toString();
            case MediaServer.AnswerResult.Refused refused -> Replies.error(offer.id(), "media_refused", refused.reason());
        };
    }

    /**
     * {@code listenIn}: hear the floor and one of the room's interpretation languages, or the floor only.
     * Interpreters hear the floor only. Effective on the next packet; without a leg yet, on the next offer.
     */
    String listenIn(Connection conn, ClientMessage.ListenIn msg) {
        Room room = conn.room();
        Participant me = room == null ? null : room.snapshot().participant(conn.member.id()).orElse(null);
        if (me == null) {
            return Replies.error(msg.id(), "not_in_room", "Join a room first");
        }
        if (msg.language() != null && !room.snapshot().interpretation().contains(msg.language())) {
            return Replies.error(msg.id(), "invalid_language", "This room is not interpreted into that language");
        }
        if (msg.language() != null && me.interpreting() != null) {
            return Replies.error(msg.id(), "forbidden", "Interpreters hear the floor");
        }
        conn.listening = new Connection.Listening(room.id(), msg.language());
        if (media.listenIn(conn, msg.language()) == MediaServer.ListenIn.NO_SLOT && msg.language() != null) {
            return Replies.error(msg.id(), "no_interpretation_slot",
                    "This client's audio has no interpretation slot: reload the page");
        }
        return Replies.ack(msg.id(), null);
    }

    /**
     * Who is speaking in a room changed: tell the connections in it. A bus listener on the media
     * server's packet thread, so the fan-out (one frame per connection in the room) is the room's to
     * do; the room also keeps the latest for joiners.
     */
    void speaking(String roomId, Set<Long> members) {
        rooms.get(roomId).ifPresent(room -> {
            ObjectNode msg = JSON.createObjectNode().put("type", "speaking").put("room", roomId);
            var list = msg.putArray("members");
            members.forEach(list::add);
            room.notice(msg.toString());
        });
    }
}
