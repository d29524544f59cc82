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
    room_started
}
