package org.parley.notifications;

/** What a notification is about; the client words each kind in the reader's language. */
enum Kind {
    /** The actor started following the member. */
    followed,
    /** The actor joined Parley with one of the member's invitations. */
    invite_used,
    /** The actor invited the member into the room they were in (a ping). */
    pinged,
    /** Someone the member follows started a room they may enter. */
    room_started,
    /** A scheduled event the member hosts or RSVP'd starts soon (the schedule's reminder lead time). */
    event_reminder,
    /** A host started a scheduled event the member hosts or RSVP'd: the room is live. */
    event_starting,
    /** The actor asked the member to co-host a scheduled event (accept or decline on its page). */
    cohost_request,
    /** The actor accepted the member's request to co-host an event. */
    cohost_accepted,
    /** The actor declined the member's request to co-host an event. */
    cohost_declined,
    /** A host moved a scheduled event the member RSVP'd or co-hosts to another time. */
    event_moved,
    /** A host cancelled a scheduled event the member RSVP'd or co-hosts. */
    event_cancelled,
    /** The actor proposed a conversation to the member (or to an organization the member is). */
    proposal_received,
    /** The actor answered a proposal the member is a side of: accepted a time, proposed another, or declined. */
    proposal_answered,
    /** The actor wrote on the thread of a proposal the member is a side of. */
    proposal_question
}
