package org.parley.events;

/**
 * What others see of a member changed: display name, bio or photo (published by profiles and avatars
 * after the change committed). Search re-reads the member.
 */
public record MemberChanged(long memberId) implements Event {
}
