package org.parley.events;

/**
 * {@code follower} started ({@code following} true) or stopped following {@code followee}; published by
 * social after the change committed, and only when something changed (a repeated follow is silent).
 */
public record FollowChanged(long follower, long followee, boolean following) implements Event {
}
