package org.parley.app;

import java.util.Collection;
import java.util.Set;
import org.parley.accounts.MemberStore;
import org.parley.rooms.Access;
import org.parley.social.BlockStore;
import org.parley.social.FollowStore;
import org.parley.storage.Database;

/** The rooms' view of the social graph, read from the database each time (follows change often). */
final class GraphAccess implements Access {

    private final Database db;
    private final FollowStore follows;
    private final BlockStore blocks;

    private final MemberStore members;

    GraphAccess(Database db, MemberStore members, FollowStore follows, BlockStore blocks) {
        this.members = members;
        this.db = db;
        this.follows = follows;
        this.blocks = blocks;
    }

    @Override
    public boolean follows(long follower, long followee) {
        return db.read(conn -> follows.follows(conn, follower, followee));
    }

    @Override
    public boolean blocks(long blocker, long blocked) {
        return db.read(conn -> blocks.blocks(conn, blocker, blocked));
    }

    @Override
    public Set<Long> following(long member) {
        return db.read(conn -> follows.followingIds(conn, member));
    }

    @Override
    public Set<Long> followers(long member) {
        return db.read(conn -> follows.followerIds(conn, member));
    }

    @Override
    public Set<Long> blockedEitherWay(long member) {
        return db.read(conn -> blocks.eitherWay(conn, member));
    }

    @Override
    public Set<Long> existing(Collection<Long> ids) {
        return db.read(conn -> members.existing(conn, ids));
    }
}
