package org.parley.clubs;

/** How a member who is not in a club gets in. */
enum JoinPolicy {
    /** Anyone not banned joins at once. */
    open,
    /** A join is a request that an admin approves or denies. */
    approval,
    /** Only members an admin invited (or who came through the club's invitation link) join. */
    invitation
}
