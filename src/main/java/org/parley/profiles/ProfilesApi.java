package org.parley.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import org.parley.events.EventBus;
import org.parley.events.MemberChanged;
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
    private final EventBus events;

    ProfilesApi(Database db, Members members, SocialGraph graph, Invitations invitations, EventBus events) {
        this.events = events;
        this.db = db;
        this.members = members;
        this.graph = graph;
        this.invitations = invitations;
    }

    /**
     * @param avatarUrl    the member's photo ({@code Member#avatarUrl}), {@code null} for none
     * @param organization an organization account, which the session acts as ({@code operatedBy})
     * @param verified     the verification label, left out when not verified
     * @param operatedBy   while the session acts as an organization: the delegate operating it (the signed-in
     *                     person); left out otherwise
     */
    record Me(long id, String username, String displayName, String avatarUrl, String bio, Instant memberSince,
              MemberRef invitedBy, boolean admin, long followerCount, long followingCount, Integer invitesRemaining,
              String language, List<String> languages, boolean organization,
              @JsonInclude(JsonInclude.Include.NON_NULL) String verified,
              @JsonInclude(JsonInclude.Include.NON_NULL) MemberRef operatedBy) {

        Me operatedBy(MemberRef operator) {
            return new Me(id, username, displayName, avatarUrl, bio, memberSince, invitedBy, admin, followerCount,
                    followingCount, invitesRemaining, language, languages, organization, verified, operator);
        }
    }

    /**
     * @param id            the member id that room commands (docs/protocol.md) address members by
     * @param delegateRole  for an organization: {@code owner} or {@code delegate} when the signed-in person is
     *                      one of its delegates; left out otherwise
     */
    record Profile(long id, String username, String displayName, String avatarUrl, String bio, Instant memberSince,
                   MemberRef invitedBy, boolean admin, long followerCount, long followingCount, boolean followedByMe,
                   boolean followsMe, boolean isMe, boolean blockedByMe, List<MemberRef> invited, boolean organization,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String verified,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String delegateRole) {}

    void routes(RoutesConfig routes) {
        routes.get("/api/me", this::getMe);
        routes.patch("/api/me", this::updateMe);
        routes.get("/api/members/{username}", this::getProfile);
    }

    @Override
    public Me render(Connection conn, Member m) throws SQLException {
        return new Me(m.id(), m.username(), m.displayName(), m.avatarUrl(), m.bio(), m.createdAt(), inviter(conn, m), m.admin(),
                graph.followerCount(conn, m.id()), graph.followingCount(conn, m.id()),
                invitations.remaining(conn, m), members.language(conn, m.id()), members.spokenLanguages(conn, m.id()),
                m.organization(), m.verified(), null);
    }

    /** {@code Me} of the session: the organization it acts as names its operator. */
    private Me renderFor(Context ctx, Connection conn, Member m) throws SQLException {
        Me me = render(conn, m);
        return SessionHttp.operator(ctx).map(op -> me.operatedBy(op.ref())).orElse(me);
    }

    void getMe(Context ctx) {
        Member me = SessionHttp.require(ctx);
        ctx.json(db.read(conn -> renderFor(ctx, conn, me)));
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
        var updated = db.transaction(conn -> {
            members.updateProfile(conn, me.id(), newName, newBio);
            if (body.has("language")) {
                members.setLanguage(conn, me.id(), language);
            }
            if (spoken != null) {
                members.setSpokenLanguages(conn, me.id(), spoken);
            }
            return renderFor(ctx, conn, members.byId(conn, me.id()).orElseThrow());
        });
        events.publish(new MemberChanged(me.id()));
        ctx.json(updated);
    }

    void getProfile(Context ctx) {
        Member viewer = SessionHttp.require(ctx);
        long person = SessionHttp.requirePerson(ctx).id();
        ctx.json(db.read(conn -> {
            Member m = MembersHttp.fromPath(conn, members, ctx.pathParam("username"));
            boolean isMe = m.id() == viewer.id();
            String role = !m.organization() ? null : members.organizations().role(conn, m.id(), person)
                    .map(owner -> owner ? "owner" : "delegate").orElse(null);
            return new Profile(m.id(), m.username(), m.displayName(), m.avatarUrl(), m.bio(), m.createdAt(), inviter(conn, m), m.admin(),
                    graph.followerCount(conn, m.id()), graph.followingCount(conn, m.id()),
                    !isMe && graph.follows(conn, viewer.id(), m.id()),
                    !isMe && graph.follows(conn, m.id(), viewer.id()),
                    isMe, !isMe && graph.blocks(conn, viewer.id(), m.id()), members.invitedBy(conn, m.id(), INVITED_SHOWN),
                    m.organization(), m.verified(), role);
        }));
    }

    private MemberRef inviter(Connection conn, Member m) throws SQLException {
        return m.invitedBy() == null ? null : members.byId(conn, m.invitedBy()).map(Member::ref).orElse(null);
    }
}
