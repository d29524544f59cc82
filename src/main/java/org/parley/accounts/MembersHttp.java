package org.parley.accounts;

import java.sql.Connection;
import java.sql.SQLException;
import org.parley.web.ProblemException;

/** The member a request's path names, for the HTTP edges of every feature; 404 when there is none. */
public final class MembersHttp {

    private MembersHttp() {}

    public static Member fromPath(Connection conn, Members members, String username) throws SQLException {
        return members.byPathName(conn, username).orElseThrow(
                () -> ProblemException.notFound("not_found", "There is no member with that username"));
    }
}
