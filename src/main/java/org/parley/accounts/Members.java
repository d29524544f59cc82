package org.parley.accounts;

import java.sql.Connection;
import java.sql.SQLException;
import org.parley.web.ProblemException;

/** Looks up the member named in a path; a name that cannot be a username is simply not found. */
public final class Members {

    private Members() {}

    public static Member find(Connection conn, MemberStore members, String username) throws SQLException {
        if (username == null || username.length() > 30 || !username.matches("[A-Za-z0-9_]+")) {
            throw noSuchMember();
        }
        return members.byUsername(conn, username).orElseThrow(Members::noSuchMember);
    }

    private static ProblemException noSuchMember() {
        return ProblemException.notFound("not_found", "There is no member with that username");
    }
}
