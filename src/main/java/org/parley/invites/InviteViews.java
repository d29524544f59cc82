package org.parley.invites;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.parley.accounts.Member;
import org.parley.accounts.MemberRef;
import org.parley.accounts.Members;

/** The API shapes of the invitations feature (docs/api.md). */
final class InviteViews {

    record InviteView(String code, String url, String status, Instant createdAt, Instant expiresAt,
                      Instant usedAt, MemberRef usedBy) {}

    record InviteList(Integer remaining, List<InviteView> items) {}

    record InvitePreview(String code, String status, MemberRef inviter, Instant expiresAt, boolean admin) {}

    private InviteViews() {}

    static String url(String origin, String code) {
        return origin + "/invite/" + code;
    }

    static InviteView view(Connection conn, Members members, Invite invite, String origin, Instant now)
            throws SQLException {
        MemberRef usedBy = invite.usedBy() == null ? null
                : members.byId(conn, invite.usedBy()).map(Member::ref).orElse(null);
        return new InviteView(invite.code(), url(origin, invite.code()), invite.status(now).name(),
                invite.createdAt(), invite.expiresAt(), invite.usedAt(), usedBy);
    }
}
