package org.parley.rooms;

/** Who may enter a room. */
public enum RoomType {
    /** Any member. */
    open,
    /** Only members followed by someone on stage (moderators and speakers). */
    social,
    /** Only the members the creator picked (and anyone the moderators add while it is live). */
    closed,
    /** Only members of the club the room was started in (the rooms feature asks {@link ClubAccess} on each join). */
    members
}
