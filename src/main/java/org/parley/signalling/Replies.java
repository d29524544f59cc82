package org.parley.signalling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.parley.module.MessageHandler;
import org.parley.rooms.Room;

/** The two answers a command can get (docs/protocol.md): {@code ack} and {@code error}, echoing the command's id. */
final class Replies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {}

    /** An ack to add fields to (a media answer, a ping's {@code delivered}). */
    static ObjectNode ackNode(String id) {
        ObjectNode ack = JSON.createObjectNode().put("type", "ack");
        if (id != null) {
            ack.put("id", id);
        }
        return ack;
    }

    static String ack(String id, Long version) {
        ObjectNode ack = ackNode(id);
        if (version != null) {
            ack.put("version", version);
        }
        return ack.toString();
    }

    static String error(String id, String code, String message) {
        ObjectNode err = JSON.createObjectNode().put("type", "error").put("code", code).put("message", message);
        if (id != null) {
            err.put("id", id);
        }
        return err.toString();
    }

    /** A contributed handler's answer ({@code module.MessageHandler}). */
    static String of(String id, MessageHandler.Reply reply) {
        return switch (reply) {
            case MessageHandler.Reply.Ack ack -> ack.fields() == null ? ack(id, null) : ackNode(id).setAll(ack.fields()).toString();
            case MessageHandler.Reply.Refused refused -> error(id, refused.code(), refused.message());
        };
    }

    /** A room's answer: the version after the command, or why it was refused. */
    static String of(String id, Room.Result result) {
        return switch (result) {
            case Room.Result.Done done -> ack(id, done.version());
            case Room.Result.Refused refused -> error(id, refused.error().code(), refused.error().message());
        };
    }
}
