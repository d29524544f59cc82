package org.parley.clubs;

/** A member's standing in a club, lowest first: each role may do what the ones before it may. */
enum ClubRole {
    /** Takes part: enters members-only rooms, follows, leaves. */
    member,
    /** May also start the club's rooms and schedule its events. */
    leader,
    /** May also edit the club, answer requests, invite, set roles below admin, remove and ban. */
    admin,
    /** Exactly one per club: may also appoint and demote admins and hand founding over. */
    founder;

    boolean atLeast(ClubRole other) {
        return compareTo(other) >= 0;
    }
}
