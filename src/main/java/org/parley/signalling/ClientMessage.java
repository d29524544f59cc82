package org.parley.signalling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.parley.rooms.Command;

/**
 * A message from a client (docs/protocol.md), parsed strictly: unknown types, missing or mistyped
 * fields become a {@link Bad} with a reason, never an exception.
 */
sealed interface ClientMessage {

    /** The client's correlation id, echoed in {@code ack} and {@code error}; may be null. */
    String id();

    record Join(String id, String room, Long since) implements ClientMessage {}

    record RoomCommand(String id, Command command) implements ClientMessage {}

    /** A type another feature answers ({@code module.Module#messages}), handed to it as it came. */
    record Contributed(String id, String type, ObjectNode message) implements ClientMessage {}

    record MediaOffer(String id, String sdp) implements ClientMessage {}

    /** @param language the interpretation to hear besides the floor (ISO 639-1), null for the floor only */
    record ListenIn(String id, String language) implements ClientMessage {}

    record SubscribeHallway(String id, boolean on) implements ClientMessage {}

    record Bad(String id, String reason) implements ClientMessage {}

    ObjectMapper JSON = new ObjectMapper();

    /** Parses a message of the socket's own types or, for a type in {@code contributed}, hands it on. */
    static ClientMessage parse(String text, long actor, Set<String> contributed) {
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (Exception e) {
            return new Bad(null, "not JSON");
        }
        if (msg == null || !msg.isObject()) {
            return new Bad(null, "a message is a JSON object");
        }
        JsonNode idNode = msg.get("id");
        String id = idNode != null && (idNode.isTextual() || idNode.isNumber()) && idNode.asText().length() <= 64
                ? idNode.asText() : null;
        JsonNode type = msg.get("type");
        if (type == null || !type.isTextual()) {
            return new Bad(id, "type is required");
        }
        try {
            return switch (type.textValue()) {
                case "join" -> new Join(id, roomId(msg), optionalLong(msg, "since"));
                case "leave" -> cmd(id, new Command.Leave(optionalBool(msg, "quietly", false)));
                case "raiseHand" -> cmd(id, new Command.RaiseHand());
                case "lowerHand" -> cmd(id, new Command.LowerHand());
                case "setHandRaising" -> cmd(id, new Command.SetHandRaising(bool(msg, "enabled")));
                case "inviteToSpeak" -> cmd(id, new Command.InviteToSpeak(member(msg)));
                case "answerInvitation" -> cmd(id, new Command.AnswerInvitation(bool(msg, "accept")));
                case "moveToAudience" -> cmd(id, new Command.MoveToAudience(member(msg)));
                case "makeModerator" -> cmd(id, new Command.MakeModerator(member(msg)));
                case "setMuted" -> cmd(id, new Command.SetMuted(msg.has("member") ? member(msg) : actor, bool(msg, "muted")));
                case "remove" -> cmd(id, new Command.Remove(member(msg)));
                case "endRoom" -> cmd(id, new Command.EndRoom());
                case "editTitle" -> cmd(id, new Command.EditTitle(string(msg, "title", 1000)));
                case "editDescription" -> cmd(id, new Command.EditDescription(string(msg, "description", 2000)));
                case "setAllowed" -> cmd(id, new Command.SetAllowed(members(msg)));
                case "setInterpretation" -> cmd(id, new Command.SetInterpretation(languages(msg)));
                case "nameInterpreter" -> cmd(id, new Command.NameInterpreter(member(msg), optionalLanguage(msg)));
                case "listenIn" -> new ListenIn(id, optionalLanguage(msg));
                case "mediaOffer" -> new MediaOffer(id, string(msg, "sdp", 64 * 1024));
                case "subscribeHallway" -> new SubscribeHallway(id, optionalBool(msg, "on", true));
                default -> contributed.contains(type.textValue()) ? new Contributed(id, type.textValue(), (ObjectNode) msg)
                        : new Bad(id, "unknown type '" + abbreviate(type.textValue()) + "'");
            };
        } catch (IllegalArgumentException e) {
            return new Bad(id, e.getMessage());
        }
    }

    private static ClientMessage cmd(String id, Command command) {
        return new RoomCommand(id, command);
    }

    private static String roomId(JsonNode msg) {
        String room = string(msg, "room", 32);
        if (!room.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("room is not a room id");
        }
        return room;
    }

    private static long member(JsonNode msg) {
        JsonNode n = msg.get("member");
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("member must be a member id");
        }
        return n.longValue();
    }

    private static List<Long> members(JsonNode msg) {
        JsonNode n = msg.get("members");
        if (n == null || !n.isArray() || n.size() > 10_000) {
            throw new IllegalArgumentException("members must be a list of member ids");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                throw new IllegalArgumentException("members must be a list of member ids");
            }
            ids.add(item.longValue());
        }
        return ids;
    }

    private static List<String> languages(JsonNode msg) {
        JsonNode n = msg.get("languages");
        if (n == null || !n.isArray() || n.size() > 16) {
            throw new IllegalArgumentException("languages must be a list of language codes");
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual() || item.textValue().length() > 8) {
                throw new IllegalArgumentException("languages must be a list of language codes");
            }
            codes.add(item.textValue());
        }
        return codes;
    }

    /** {@code language}: a short string, or null / absent for none (the floor). */
    private static String optionalLanguage(JsonNode msg) {
        JsonNode n = msg.get("language");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.textValue().length() > 8) {
            throw new IllegalArgumentException("language must be a language code or null");
        }
        return n.textValue();
    }

    private static boolean bool(JsonNode msg, String field) {
        JsonNode n = msg.get(field);
        if (n == null || !n.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return n.booleanValue();
    }

    private static boolean optionalBool(JsonNode msg, String field, boolean fallback) {
        return msg.has(field) ? bool(msg, field) : fallback;
    }

    private static Long optionalLong(JsonNode msg, String field) {
        JsonNode n = msg.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw new IllegalArgumentException(field + " must be a version number");
        }
        return n.longValue();
    }

    private static String string(JsonNode msg, String field, int max) {
        JsonNode n = msg.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        if (n.textValue().length() > max) {
            throw new IllegalArgumentException(field + " is too long");
        }
        return n.textValue();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
