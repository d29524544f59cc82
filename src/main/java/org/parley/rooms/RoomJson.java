package org.parley.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/** The room messages of the WebSocket protocol (docs/protocol.md), serialised once per change. */
final class RoomJson {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private RoomJson() {}

    /**
     * {@code {"type":"delta","room":…,"from":…,"version":…,"events":[{"type":"participantJoined",…},…]}}:
     * the events of versions {@code from}..{@code version}, in order.
     */
    static String delta(String roomId, long from, long version, List<RoomEvent> events) {
        ObjectNode msg = JSON.createObjectNode().put("type", "delta").put("room", roomId).put("from", from)
                .put("version", version);
        ArrayNode list = msg.putArray("events");
        for (RoomEvent e : events) {
            list.add(event(e));
        }
        return write(msg);
    }

    static ObjectNode event(RoomEvent e) {
        ObjectNode node = JSON.createObjectNode().put("type", typeName(e));
        node.setAll((ObjectNode) JSON.valueToTree(e));
        return node;
    }

    static String typeName(RoomEvent e) {
        String simple = e.getClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /**
     * The {@code room} of a snapshot: what clients hold ({@link RoomView}) at the state's version.
     * Serialised once per batch and shared by every joiner in it ({@link #snapshot}).
     */
    static String view(RoomState s, RoomView.Members members) {
        ObjectNode room = JSON.createObjectNode().put("id", s.id).put("title", s.title).put("description", s.description)
                .put("language", s.language).put("type", s.type.name())
                .putPOJO("interpretation", s.interpretation)
                .put("creatorId", s.creatorId);
        room.set("createdAt", JSON.valueToTree(s.createdAt));
        room.put("handRaisingEnabled", s.handRaisingEnabled).put("ended", s.ended).put("version", s.version)
                .put("listenerCount", members.listenerCount());
        room.set("participants", JSON.valueToTree(RoomView.participants(s, members)));
        room.set("allowed", JSON.valueToTree(s.type == RoomType.closed ? List.copyOf(s.allowed) : List.of()));
        if (s.club != null) {
            room.putPOJO("club", Hallway.Club.of(s.club)); // the club it was started in: name and link
        }
        return write(room);
    }

    /** {@code {"type":"snapshot","you":Participant,"room":…}}: the joiner's own entry travels apart from the shared view. */
    static String snapshot(String viewJson, Participant you) {
        return "{\"type\":\"snapshot\",\"you\":" + write(you) + ",\"room\":" + viewJson + "}";
    }

    /** {@code {"type":"left","room":…,"reason":…}}: this connection's member is no longer in the room. */
    static String left(String roomId, String reason) {
        return write(JSON.createObjectNode().put("type", "left").put("room", roomId).put("reason", reason));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Room messages are plain records and always serialise", e);
        }
    }
}
