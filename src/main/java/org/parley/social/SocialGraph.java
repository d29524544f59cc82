package org.parley.social;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * The social feature's face for other features: who follows and who blocks whom, read inside the
 * caller's connection. Changing the graph is this feature's own API ({@code SocialApi}).
 *
 * <p>Thread-safe: stateless.
 */
public final class SocialGraph {

    private final FollowStore follows = new FollowStore();
    private final BlockStore blocks = new BlockStore();

    public boolean follows(Connection conn, long follower, long followee) throws SQLException {
        return follows.follows(conn, follower, followee);
    }

    /** Ids of the members {@code member} follows. */
    public Set<Long> followingIds(Connection conn, long member) throws SQLException {
        return follows.followingIds(conn, member);
    }

    /**
     * Members followed by the members {@code member} follows, not already followed by them, at most
     * {@code limit} (search ranks them after those followed).
     */
    public Set<Long> secondDegreeIds(Connection conn, long member, int limit) throws SQLException {
        return follows.secondDegreeIds(conn, member, limit);
    }

    /** Ids of the members who follow {@code member}. */
    public Set<Long> followerIds(Connection conn, long member) throws SQLException {
        return follows.followerIds(conn, member);
    }

    public long followerCount(Connection conn, long member) throws SQLException {
        return follows.followerCount(conn, member);
    }

    public long followingCount(Connection conn, long member) throws SQLException {
        return follows.followingCount(conn, member);
    }

    /** Whether {@code blocker} has blocked {@code blocked} (one direction). */
    public boolean blocks(Connection conn, long blocker, long blocked) throws SQLException {
        return blocks.blocks(conn, blocker, blocked);
    }

    /** The members {@code blocker} blocked (their own choice, which they may see). */
    public Set<Long> blockedBy(Connection conn, long blocker) throws SQLException {
        return blocks.blockedBy(conn, blocker);
    }

    /** Members {@code member} blocked or who blocked {@code member}. */
    public Set<Long> blockedEitherWay(Connection conn, long member) throws SQLException {
        return blocks.eitherWay(conn, member);
    }

    FollowStore followStore() {
        return follows;
    }

    BlockStore blockStore() {
        return blocks;
    }
}
