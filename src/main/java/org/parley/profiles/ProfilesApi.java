package org.parley.profiles;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.parley.accounts.AccountRules;
import org.parley.accounts.MeView;
import org.parley.accounts.Member;
import org.parley.accounts.MemberRef;
import org.parley.accounts.Members;
import org.parley.accounts.MembersHttp;
import org.parley.accounts.SessionHttp;
import org.parley.invites.Invitations;
import org.parley.kernel.Validation;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;

/**
 * Who a member is, as others and they themselves see it: {@code getMe}, {@code updateMe},
 * {@code getProfile}. Composes accounts, follows and invitations into read views.
 */
final class ProfilesApi implements MeView {

    /** How many invitees a profile lists; the invitation tree is public, but a page has to end. */
    static final int INVITED_SHOWN = 200;

    private final Database db;
    private final Members members;
    private final SocialGraph graph;
    private final Invitations invitations;

    ProfilesApi(Database db, Members members, SocialGraph graph, Invitations invitations) {
        this.db = db;
        this.members = members;
        this.graph = graph;
        this.invitations = invitations;
    }

    /** @param avatarUrl the member's photo ({@code Member#avatarUrl}), {@code null} for none */
    record Me(long id, String username, String displayName, String avatarUrl, String bio, Instant memberSince,
              MemberRef invitedBy, boolean admin, long followerCount, long followingCount, Integer invitesRemaining,
              String language, List<String> languages) {}

    /** @param id the member id that room commands (docs/protocol.md) address members by */
    record Profile(long id, String username, String displayName, String avatarUrl, String bio, Instant memberSince,
                   MemberRef invitedBy, boolean admin, long followerCount, long followingCount, boolean followedByMe,
                   boolean followsMe, boolean isMe, boolean blockedByMe, List<MemberRef> invited) {}

    void routes(RoutesConfig routes) {
        routes.get("/api/me", this::getMe);
        routes.patch("/api/me", this::updateMe);
        routes.get("/api/members/{username}", this::getProfile);
    }

    @Override
    public Me render(Connection conn, Member m) throws SQLException {
        return new Me(m.id(), m.username(), m.displayName(), m.avatarUrl(), m.bio(), m.createdAt(), inviter(conn, m), m.admin(),
                graph.followerCount(conn, m.id()), graph.followingCount(conn, m.id()),
                invitations.remaining(conn, m), members.language(conn, m.id()), members.spokenLanguages(conn, m.id()));
    }

    void getMe(Context ctx) {
        Member me = SessionHttp.require(ctx);
        ctx.json(db.read(conn -> render(conn, me)));
    }

    void updateMe(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("displayName", "bio", "language", "languages"), false);
        Validation v = body.validator();
        String displayName = body.has("displayName")
                ? AccountRules.displayName(v, "displayName", body.string("displayName")) : me.displayName();
        String bio = body.has("bio") ? AccountRules.bio(v, "bio", body.string("bio")) : me.bio();
        if (body.has("bio") && bio == null && !v.hasError("bio")) {
            bio = ""; // "bio": null clears it
        }
        // "language": null goes back to following the browser; an absent field leaves it as it is.
        String language = body.has("language") ? Languages.check(v, "language", body.string("language")) : null;
        // "languages": the ones the member understands, which rank the hallway; null or [] clears them.
        List<String> spoken = body.has("languages") ? Languages.spoken(v, "languages", body.node("languages")) : null;
        ProblemException.throwIfInvalid(v);
        String newName = displayName;
        String newBio = bio;
        ctx.json(db.transaction(conn -> {
            members.updateProfile(conn, me.id(), newName, newBio);
            if (body.has("language")) {
                members.setLanguage(conn, me.id(), language);
            }
            if (spoken != null) {
                members.setSpokenLanguages(conn, me.id(), spoken);
            }
            return render(conn, members.byId(conn, me.id()).orElseThrow());
        }));
    }

    void getProfile(Context ctx) {
        Member viewer = SessionHttp.require(ctx);
        ctx.json(db.read(conn -> {
            Member m = MembersHttp.fromPath(conn, members, ctx.pathParam("username"));
            boolean isMe = m.id() == viewer.id();
            return new Profile(m.id(), m.username(), m.displayName(), m.avatarUrl(), m.bio(), m.createdAt(), inviter(conn, m), m.admin(),
                    graph.followerCount(conn, m.id()), graph.followingCount(conn, m.id()),
                    !isMe && graph.follows(conn, viewer.id(), m.id()),
                    !isMe && graph.follows(conn, m.id(), viewer.id()),
                    isMe, !isMe && graph.blocks(conn, viewer.id(), m.id()), members.invitedBy(conn, m.id(), INVITED_SHOWN));
        }));
    }

    private MemberRef inviter(Connection conn, Member m) throws SQLException {
        return m.invitedBy() == null ? null : members.byId(conn, m.invitedBy()).map(Member::ref).orElse(null);
    }
}
