package org.parley.signalling;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.parley.module.MessageHandler;
import org.parley.module.MessageRoutes;
import org.parley.module.Module;

/**
 * The WebSocket message types other features answer, collected from their modules
 * ({@link Module#messages}) while the node starts, and read-only once it serves.
 */
final class MessageRegistry implements MessageRoutes {

    /** The socket's own types (ClientMessage): no module may claim them. */
    static final Set<String> OWN = Set.of("join", "leave", "raiseHand", "lowerHand", "setHandRaising", "inviteToSpeak",
            "answerInvitation", "moveToAudience", "makeModerator", "setMuted", "remove", "endRoom", "editTitle",
            "setAllowed", "setInterpretation", "nameInterpreter", "listenIn", "mediaOffer", "subscribeHallway");

    private final Map<String, MessageHandler> handlers = new HashMap<>();
    private final Push push;

    MessageRegistry(Push push) {
        this.push = push;
    }

    /** Asks each module for the types it answers. */
    static MessageRegistry collect(Iterable<? extends Module> modules, Push push) {
        var registry = new MessageRegistry(push);
        modules.forEach(m -> m.messages(registry));
        return registry;
    }

    @Override
    public void on(String type, MessageHandler handler) {
        if (OWN.contains(type) || handlers.containsKey(type)) {
            throw new IllegalStateException("The WebSocket message type '" + type + "' already has a handler");
        }
        handlers.put(type, handler);
    }

    @Override
    public Push push() {
        return push;
    }

    Set<String> types() {
        return handlers.keySet();
    }

    MessageHandler handler(String type) {
        return handlers.get(type);
    }
}
