package org.parley.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/** The room messages of the WebSocket protocol (docs/protocol.md), serialised once per change. */
public final class RoomJson {

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

    /** {@code {"type":"snapshot","room":{…whole state…}}} */
    public static String snapshot(RoomSnapshot snapshot) {
        ObjectNode msg = JSON.createObjectNode().put("type", "snapshot");
        msg.set("room", JSON.valueToTree(snapshot));
        return write(msg);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Room messages are plain records and always serialise", e);
        }
    }
}
