package org.parley.invites;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.parley.accounts.Members;
import org.parley.accounts.SessionHttp;
import org.parley.storage.Database;

/**
 * {@code getInviteTree}: who invited whom, across the whole network, from the founders down — the
 * public accountability an invitation-only network promises its members. Members only.
 */
final class InviteTreeApi {

    /** The most members one answer lists; a network past that is shown in part and says so. */
    static final int MAX_MEMBERS = 20_000;

    private final Database db;
    private final Members members;

    InviteTreeApi(Database db, Members members) {
        this.db = db;
        this.members = members;
    }

    /** @param truncated true when the network has more members than {@link #MAX_MEMBERS} */
    record InviteTree(List<Members.TreeEntry> members, boolean truncated) {}

    void routes(RoutesConfig routes) {
        routes.get("/api/invite-tree", this::getInviteTree);
    }

    void getInviteTree(Context ctx) {
        SessionHttp.require(ctx);
        var entries = db.read(conn -> members.invitationTree(conn, MAX_MEMBERS + 1));
        boolean truncated = entries.size() > MAX_MEMBERS;
        ctx.header("Cache-Control", "no-store")
                .json(new InviteTree(truncated ? entries.subList(0, MAX_MEMBERS) : entries, truncated));
    }
}
