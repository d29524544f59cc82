package org.parley.social;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.accounts.MembersHttp;
import org.parley.accounts.SessionHttp;
import org.parley.events.BlockChanged;
import org.parley.events.EventBus;
import org.parley.events.FollowChanged;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.Paging;
import org.parley.web.ProblemException;

/** Following: {@code follow}, {@code unfollow}, {@code listFollowers}, {@code listFollowing}. */
final class SocialApi {

    private final Database db;
    private final Members members;
    private final FollowStore follows;
    private final Clock clock;
    private final EventBus events;

    private final BlockStore blocks;

    /** @param events where follows and blocks are announced once committed (hallways depend on them) */
    SocialApi(Database db, Members members, SocialGraph graph, EventBus events, Clock clock) {
        this.db = db;
        this.members = members;
        this.follows = graph.followStore();
        this.blocks = graph.blockStore();
        this.events = events;
        this.clock = clock;
    }

    record MemberList(long total, List<FollowStore.Listed> items) {}

    void routes(RoutesConfig routes) {
        routes.put("/api/members/{username}/follow", this::follow);
        routes.delete("/api/members/{username}/follow", this::unfollow);
        routes.get("/api/members/{username}/followers", ctx -> list(ctx, true));
        routes.get("/api/members/{username}/following", ctx -> list(ctx, false));
        routes.put("/api/members/{username}/block", this::block);
        routes.delete("/api/members/{username}/block", this::unblock);
    }

    /** Blocking also ends follows both ways; a blocked member cannot enter rooms the blocker moderates. */
    void block(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        long blocked = db.transaction(conn -> {
            Member target = target(conn, ctx);
            if (target.id() == me.id()) {
                throw new ProblemException(422, "cannot_block_self", "Cannot block yourself", "You cannot block yourself");
            }
            blocks.block(conn, me.id(), target.id(), clock.instant());
            return target.id();
        });
        events.publish(new BlockChanged(me.id(), blocked, true));
        ctx.status(204);
    }

    void unblock(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        long unblocked = db.transaction(conn -> {
            long target = target(conn, ctx).id();
            blocks.unblock(conn, me.id(), target);
            return target;
        });
        events.publish(new BlockChanged(me.id(), unblocked, false));
        ctx.status(204);
    }

    void follow(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        Member followed = db.transaction(conn -> {
            Member target = target(conn, ctx);
            if (target.id() == me.id()) {
                throw new ProblemException(422, "cannot_follow_self", "Cannot follow yourself",
                        "You cannot follow yourself");
            }
            if (blocks.blocks(conn, me.id(), target.id()) || blocks.blocks(conn, target.id(), me.id())) {
                throw new ProblemException(403, "blocked", "Cannot follow", "You cannot follow this member");
            }
            return follows.follow(conn, me.id(), target.id(), clock.instant()) ? target : null;
        });
        if (followed != null) { // a repeated follow changed nothing
            events.publish(new FollowChanged(me.id(), followed.id(), true));
        }
        ctx.status(204);
    }

    void unfollow(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody.requireNone(ctx);
        Member unfollowed = db.transaction(conn -> {
            Member target = target(conn, ctx);
            return follows.unfollow(conn, me.id(), target.id()) ? target : null;
        });
        if (unfollowed != null) {
            events.publish(new FollowChanged(me.id(), unfollowed.id(), false));
        }
        ctx.status(204);
    }

    void list(Context ctx, boolean followers) {
        Member me = SessionHttp.require(ctx);
        Paging paging = Paging.from(ctx);
        var result = db.read(conn -> {
            Member target = target(conn, ctx);
            long total = followers ? follows.followerCount(conn, target.id()) : follows.followingCount(conn, target.id());
            var items = followers
                    ? follows.followers(conn, target.id(), me.id(), paging.limit(), paging.offset())
                    : follows.following(conn, target.id(), me.id(), paging.limit(), paging.offset());
            return new MemberList(total, items);
        });
        ctx.json(result);
    }

    private Member target(Connection conn, Context ctx) throws SQLException {
        return MembersHttp.fromPath(conn, members, ctx.pathParam("username"));
    }
}
