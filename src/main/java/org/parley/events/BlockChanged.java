package org.parley.events;

/**
 * {@code blocker} blocked ({@code blocking} true) or unblocked {@code blocked}; published by social after
 * the request committed (block and unblock are idempotent: a repeated one is published too). Blocking
 * also ends follows both ways, without a {@link FollowChanged} of its own.
 */
public record BlockChanged(long blocker, long blocked, boolean blocking) implements Event {
}
