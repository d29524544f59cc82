package org.parley.notifications;

/** Where a member wants one kind of notification to reach them (their notification settings). */
enum Channel {
    /** Kept in the notification centre and sent live to open tabs. */
    in_app,
    /** As {@link #in_app}, and as a Web Push to every device they enabled, even with Parley closed. */
    push,
    /** Not kept, not sent. */
    off;

    /**
     * The channel of a kind the member has not chosen for. Pushes are for what will not wait: someone
     * asking you into a room now, an event about to begin; the rest waits in the centre. A kind
     * added to {@link Kind} without a line here is in-app, the quiet choice.
     */
    static Channel defaultFor(Kind kind) {
        return switch (kind.name()) {
            case "pinged", "event_reminder", "event_starting" -> push;
            // plans someone made around an event: they need to know before they turn up
            case "event_moved", "event_cancelled" -> push;
            // an invitation to talk and its answers are personal and rare: worth a push
            case "proposal_received", "proposal_answered" -> push;
            default -> in_app; // followed, invite_used, room_started (throttled, still many), cohost_request,
                               // proposal_question (a thread can be chatty)
        };
    }
}
