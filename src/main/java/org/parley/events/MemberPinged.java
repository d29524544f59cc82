package org.parley.events;

/** {@code from} invited {@code to} into the room they are in (a {@code ping}; published by rooms). */
public record MemberPinged(long from, long to, String roomId, String roomTitle) implements Event {
}
