package org.parley.notifications;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Web Push carries, encrypted, to the service worker ({@code web/core/pwa/worker.js}): the
 * kind and its words' parameters, not sentences — the worker words it from the client's own
 * catalogue ({@code notifications.kind.<kind>}) in the member's interface language, so every
 * string stays in one place and in every language the client has. docs/protocol.md shows the shape.
 *
 * <pre>
 * {"id": 42, "kind": "followed", "lang": "de", "params": {"name": "Bob Kahn"}, "url": "/u/bob", "unread": 3}
 * </pre>
 */
final class PushPayload {

    private PushPayload() {}

    /** @param language the member's saved interface language, or null to let the worker use the browser's */
    static Map<String, Object> of(Views.NotificationView view, String language, long unread) {
        Map<String, String> params = new LinkedHashMap<>();
        if (view.actor() != null) {
            params.put("name", view.actor().displayName());
        }
        if (view.room() != null) {
            params.put("room", view.room().title());
        }
        if (view.event() != null) {
            params.put("event", view.event().title());
        }
        if (view.proposal() != null) {
            params.put("topic", view.proposal().topic());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", view.id());
        out.put("kind", view.kind().name());
        out.put("lang", language);
        out.put("params", params);
        out.put("url", url(view));
        out.put("unread", unread);
        return out;
    }

    /** Where a click on the notification leads: the room, else the event, else the proposal, else the person, else the centre. */
    static String url(Views.NotificationView view) {
        if (view.room() != null) {
            return "/room/" + view.room().id();
        }
        if (view.event() != null) {
            return "/events/" + view.event().id();
        }
        if (view.proposal() != null) {
            return "/proposals/" + view.proposal().id();
        }
        if (view.actor() != null) {
            return "/u/" + view.actor().username();
        }
        return "/notifications";
    }
}
