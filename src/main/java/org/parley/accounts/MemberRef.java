package org.parley.accounts;

/** How one member is shown inside another view: the API's {@code MemberRef}. */
public record MemberRef(String username, String displayName) {}
