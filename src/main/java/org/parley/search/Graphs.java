package org.parley.search;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.events.BlockChanged;
import org.parley.events.EventBus;
import org.parley.events.FollowChanged;
import org.parley.module.Searcher;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;

/**
 * Searchers' graphs, read from social's tables and kept for {@link SearchConfig#graphTtl} so that
 * typing a query — a search per pause — reads them once. A follow or a block drops the graphs of
 * both members at once (it may change what either may see).
 *
 * <p>Thread-safe: a concurrent map of immutable graphs (a graph's followers are read lazily, at most
 * twice under a race, which is harmless).
 */
final class Graphs {

    /** Above this many cached graphs, expired ones are swept. */
    static final int SWEEP_THRESHOLD = 10_000;

    private final Database db;
    private final SocialGraph social;
    private final SearchConfig config;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Graph> cache = new ConcurrentHashMap<>();

    Graphs(Database db, SocialGraph social, SearchConfig config, Clock clock) {
        this.db = db;
        this.social = social;
        this.config = config;
        this.clock = clock;
    }

    void listen(EventBus events) {
        events.subscribe(FollowChanged.class, e -> {
            cache.remove(e.follower());
            cache.remove(e.followee());
        });
        events.subscribe(BlockChanged.class, e -> {
            cache.remove(e.blocker());
            cache.remove(e.blocked());
        });
    }

    /** {@code member}'s graph, from the cache while fresh. */
    Graph of(long member) {
        Instant now = clock.instant();
        Graph g = cache.get(member);
        if (g != null && g.readAt.plus(config.graphTtl()).isAfter(now)) {
            return g;
        }
        if (cache.size() > SWEEP_THRESHOLD) {
            cache.values().removeIf(old -> !old.readAt.plus(config.graphTtl()).isAfter(now));
        }
        g = db.read(conn -> new Graph(member, social.followingIds(conn, member),
                social.secondDegreeIds(conn, member, config.secondDegreeMax()), social.blockedEitherWay(conn, member), now));
        cache.put(member, g);
        return g;
    }

    /** One searcher's graph at one time. */
    final class Graph implements Searcher {
        private final long id;
        final Set<Long> following;
        final Set<Long> second;
        private final Set<Long> blocked;
        private final Instant readAt;
        private volatile Set<Long> followers;

        private Graph(long id, Set<Long> following, Set<Long> second, Set<Long> blocked, Instant readAt) {
            this.id = id;
            this.following = Set.copyOf(following);
            this.second = Set.copyOf(second);
            this.blocked = Set.copyOf(blocked);
            this.readAt = readAt;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public boolean blockedEitherWay(long member) {
            return blocked.contains(member);
        }

        @Override
        public boolean followedBy(long member) {
            Set<Long> f = followers;
            if (f == null) {
                f = Set.copyOf(db.read(conn -> social.followerIds(conn, id)));
                followers = f;
            }
            return f.contains(member);
        }
    }
}
