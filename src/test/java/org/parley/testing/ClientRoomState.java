package org.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * An independent reducer of the live protocol, written from docs/protocol.md (not from the server's
 * code): tests feed it what one client received and compare the result with the server's state.
 */
public final class ClientRoomState {

    private static final ObjectMapper JSON = new ObjectMapper();
    public long version;
    public String title;
    public String description;
    /** The languages the floor is interpreted into, in order. */
    public java.util.List<String> interpretation = new java.util.ArrayList<>();
    public boolean handRaisingEnabled;
    public boolean ended;
    /** Every listener in the room; {@link #participants} holds only the stage, hands, invitations and a page of the audience. */
    public long listenerCount;
    public final Map<Long, ObjectNode> participants = new TreeMap<>();

    public static ClientRoomState fromSnapshot(JsonNode snapshotMessage) {
        var s = new ClientRoomState();
        JsonNode room = snapshotMessage.get("room");
        s.version = room.get("version").asLong();
        s.title = room.get("title").asText();
        s.description = room.path("description").asText("");
        room.path("interpretation").forEach(l -> s.interpretation.add(l.asText()));
        s.handRaisingEnabled = room.get("handRaisingEnabled").asBoolean();
        s.ended = room.get("ended").asBoolean();
        s.listenerCount = room.get("listenerCount").asLong();
        for (JsonNode p : room.get("participants")) {
            s.participants.put(p.get("memberId").asLong(), (ObjectNode) p.deepCopy());
        }
        return s;
    }

    /** Applies a delta; fails on a version gap, which the protocol says a client must never skip over. */
    public void apply(JsonNode delta) {
        long v = delta.get("version").asLong();
        long from = delta.get("from").asLong();
        if (v <= version) {
            return; // already applied (a resume may repeat what we had)
        }
        if (from != version + 1) {
            throw new AssertionError("version gap: at " + version + ", got " + from + ".." + v);
        }
        for (JsonNode e : delta.get("events")) {
            long id = e.path("memberId").asLong();
            ObjectNode p = participants.get(id);
            String type = e.get("type").asText();
            if (p == null && java.util.Set.of("roleChanged", "muteChanged", "handChanged", "speakInvitation", "presenceChanged",
                    "interpreterChanged").contains(type)) {
                throw new AssertionError("an event about a member this client does not hold: " + e);
            }
            switch (type) {
                case "participantJoined" -> participants.put(e.get("participant").get("memberId").asLong(),
                        (ObjectNode) e.get("participant").deepCopy());
                case "participantLeft" -> participants.remove(id);
                case "roleChanged" -> p.put("role", e.get("role").asText()).put("muted", e.get("muted").asBoolean())
                        .put("handOrder", 0).put("invitedToSpeak", false).remove("interpreting");
                case "interpreterChanged" -> {
                    p.put("muted", e.get("muted").asBoolean());
                    if (e.get("language").isNull()) {
                        p.remove("interpreting");
                    } else {
                        p.put("interpreting", e.get("language").asText());
                    }
                }
                case "interpretationChanged" -> {
                    interpretation.clear();
                    e.get("languages").forEach(l -> interpretation.add(l.asText()));
                }
                case "muteChanged" -> p.put("muted", e.get("muted").asBoolean());
                case "handChanged" -> p.put("handOrder", e.get("order").asLong());
                case "speakInvitation" -> p.put("invitedToSpeak", e.get("pending").asBoolean());
                case "presenceChanged" -> p.put("away", e.get("away").asBoolean());
                case "settingsChanged" -> {
                    title = e.get("title").asText();
                    handRaisingEnabled = e.get("handRaisingEnabled").asBoolean();
                    if (!handRaisingEnabled) {
                        participants.values().forEach(x -> x.put("handOrder", 0));
                    }
                }
                case "descriptionChanged" -> description = e.get("description").asText();
                case "allowedChanged" -> { }
                case "roomEnded" -> {
                    ended = true;
                    participants.clear();
                    listenerCount = 0;
                }
                case "audienceChanged" -> {
                    listenerCount = e.get("listenerCount").asLong();
                    for (JsonNode shown : e.get("shown")) {
                        participants.put(shown.get("memberId").asLong(), (ObjectNode) shown.deepCopy());
                    }
                    for (JsonNode hidden : e.get("hidden")) {
                        participants.remove(hidden.asLong());
                    }
                }
                default -> throw new AssertionError("unknown event " + e);
            }
        }
        version = v;
    }

    /** A canonical text of the state, for comparing two clients or a client with a snapshot. */
    public String canonical() {
        var node = JSON.createObjectNode().put("version", version).put("title", title)
                .put("description", description).put("interpretation", String.join(",", interpretation))
                .put("handRaisingEnabled", handRaisingEnabled).put("ended", ended).put("listenerCount", listenerCount);
        var list = node.putArray("participants");
        participants.values().forEach(list::add);
        return node.toString();
    }
}
