package org.parley.loadtest;

import java.util.Map;

/**
 * A member the load test created: credentials and the cookies of its current session. Cached between
 * runs in {@link MemberCache}. Mutated by the one thread that provisions or logs it in, then read.
 */
final class Member {

    final String username;
    final String password;
    volatile long id;
    volatile String session;
    volatile String csrf;

    Member(String username, String password, long id, String session, String csrf) {
        this.username = username;
        this.password = password;
        this.id = id;
        this.session = session;
        this.csrf = csrf;
    }

    /** Takes the session and CSRF cookies a response set (sign-up and log-in rotate both). */
    void absorb(Map<String, String> cookies) {
        String s = cookies.get(ParleyHttp.SESSION);
        if (s != null) {
            session = s.isEmpty() ? null : s;
        }
        String c = cookies.get(ParleyHttp.CSRF);
        if (c != null) {
            csrf = c.isEmpty() ? null : c;
        }
    }

    String cookieHeader() {
        StringBuilder out = new StringBuilder();
        if (session != null) {
            out.append(ParleyHttp.SESSION).append('=').append(session);
        }
        if (csrf != null) {
            out.append(out.isEmpty() ? "" : "; ").append(ParleyHttp.CSRF).append('=').append(csrf);
        }
        return out.toString();
    }
}
