package org.parley.events;

import java.util.List;

/**
 * Sessions of {@code memberId} ended before their time — logged out from another device, "everywhere
 * else", a password change, the account deleted — and are already gone from the database (their next
 * HTTP request is 401). Published by accounts after the change committed; signalling closes the
 * sessions' open WebSockets with 4401 (docs/protocol.md).
 *
 * @param sessionIds the sessions' public ids (never their cookies)
 */
public record SessionsEnded(long memberId, List<String> sessionIds) implements Event {

    public SessionsEnded {
        sessionIds = List.copyOf(sessionIds);
    }
}
