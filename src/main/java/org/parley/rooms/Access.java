package org.parley.rooms;

import java.util.Set;

/**
 * The facts from outside a room that its rules and the hallway need: the follow graph and blocks.
 * Backed by the database (wired in app.Parley).
 */
public interface Access {
    boolean follows(long follower, long followee);

    boolean blocks(long blocker, long blocked);

    /** Members {@code member} follows. */
    Set<Long> following(long member);

    /** Members who follow {@code member}. */
    Set<Long> followers(long member);

    /** Members who blocked {@code member} or whom {@code member} blocked. */
    Set<Long> blockedEitherWay(long member);

    /** Members {@code member} blocked (not those who blocked them: that is never shown). */
    Set<Long> blockedBy(long member);

    /**
     * The languages {@code member} understands (ISO 639-1), in their order: those they listed, else the
     * language of their interface when they chose one, else none.
     */
    java.util.List<String> languages(long member);

    /** Which of {@code ids} are members of the network. */
    Set<Long> existing(java.util.Collection<Long> ids);
}
