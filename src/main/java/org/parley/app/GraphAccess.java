package org.parley.app;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.parley.accounts.Members;
import org.parley.rooms.Access;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;

/**
 * The rooms' view of the social graph, read from the database each time (follows change often): the
 * adapter between social's and accounts' faces and rooms' own {@link Access}, so rooms do not depend on social.
 */
final class GraphAccess implements Access {

    private final Database db;
    private final Members members;
    private final SocialGraph graph;

    GraphAccess(Database db, Members members, SocialGraph graph) {
        this.db = db;
        this.members = members;
        this.graph = graph;
    }

    @Override
    public boolean follows(long follower, long followee) {
        return db.read(conn -> graph.follows(conn, follower, followee));
    }

    @Override
    public boolean blocks(long blocker, long blocked) {
        return db.read(conn -> graph.blocks(conn, blocker, blocked));
    }

    @Override
    public Set<Long> following(long member) {
        return db.read(conn -> graph.followingIds(conn, member));
    }

    @Override
    public Set<Long> followers(long member) {
        return db.read(conn -> graph.followerIds(conn, member));
    }

    @Override
    public Set<Long> blockedEitherWay(long member) {
        return db.read(conn -> graph.blockedEitherWay(conn, member));
    }

    @Override
    public Set<Long> blockedBy(long member) {
        return db.read(conn -> graph.blockedBy(conn, member));
    }

    @Override
    public List<String> languages(long member) {
        return db.read(conn -> {
            List<String> listed = members.spokenLanguages(conn, member);
            if (!listed.isEmpty()) {
                return listed;
            }
            String ui = members.language(conn, member);
            return ui == null ? List.<String>of() : List.of(ui);
        });
    }

    @Override
    public Set<Long> existing(Collection<Long> ids) {
        return db.read(conn -> members.existing(conn, ids));
    }
}
