package org.parley.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.parley.rooms.RoomType;
import org.parley.social.SocialGraph;

/**
 * Who may see a scheduled event, the way rooms decide who may enter: its hosts always (a co-host
 * still deciding too); nobody in a block with one of its hosts; then by type — open: every member,
 * social: members followed by one of its hosts, closed: nobody else (a closed event is its hosts'
 * own; docs/api.md). Those who cannot see an event get a 404, as if it did not exist.
 */
final class Audience {

    private final SocialGraph graph;

    Audience(SocialGraph graph) {
        this.graph = graph;
    }

    /**
     * The rule of {@link Viewer#sees} for search, where the searcher's blocks and followers are at hand:
     * {@code blocked} tells a member in a block with the viewer, {@code followsViewer} one who follows them.
     */
    static boolean sees(long viewer, RoomType type, List<EventStore.Host> hosts, java.util.function.LongPredicate blocked,
                        java.util.function.LongPredicate followsViewer) {
        if (hosts.stream().anyMatch(h -> h.memberId() == viewer)) {
            return true;
        }
        List<Long> accepted = hosts.stream().filter(EventStore.Host::accepted).map(EventStore.Host::memberId).toList();
        if (accepted.stream().anyMatch(blocked::test)) {
            return false;
        }
        return switch (type) {
            case open -> true;
            case social -> accepted.stream().anyMatch(followsViewer::test);
            case closed, members -> false; // events are never members-only (EventsApi refuses the type)
        };
    }

    /** One member's look at many events: their blocks are read once. */
    final class Viewer {
        private final Connection conn;
        private final long member;
        private final Set<Long> blocked;

        private Viewer(Connection conn, long member) throws SQLException {
            this.conn = conn;
            this.member = member;
            this.blocked = graph.blockedEitherWay(conn, member);
        }

        boolean sees(ScheduledEvent e, List<EventStore.Host> hosts) throws SQLException {
            if (hosts.stream().anyMatch(h -> h.memberId() == member)) {
                return true;
            }
            List<Long> accepted = hosts.stream().filter(EventStore.Host::accepted).map(EventStore.Host::memberId).toList();
            if (accepted.stream().anyMatch(blocked::contains)) {
                return false;
            }
            return switch (e.type()) {
                case open -> true;
                case social -> {
                    for (long host : accepted) {
                        if (graph.follows(conn, host, member)) {
                            yield true;
                        }
                    }
                    yield false;
                }
                case closed, members -> false; // events are never members-only (EventsApi refuses the type)
            };
        }
    }

    /**
     * Which of {@code members} may see the event, in a few queries whatever their number (the rule of
     * {@link Viewer#sees}, read from the hosts' side): for telling many people about it at once.
     */
    Set<Long> whoSees(Connection conn, Found f, Collection<Long> members) throws SQLException {
        List<Long> hosts = f.acceptedHosts();
        Set<Long> out = new LinkedHashSet<>();
        Set<Long> blocked = new HashSet<>();
        Set<Long> followedByHosts = new HashSet<>();
        for (long host : hosts) {
            blocked.addAll(graph.blockedEitherWay(conn, host));
            if (f.event().type() == RoomType.social) {
                followedByHosts.addAll(graph.followingIds(conn, host));
            }
        }
        for (long member : members) {
            boolean host = f.hosts().stream().anyMatch(h -> h.memberId() == member);
            boolean admitted = host || !blocked.contains(member) && switch (f.event().type()) {
                case open -> true;
                case social -> followedByHosts.contains(member);
                case closed, members -> false;
            };
            if (admitted) {
                out.add(member);
            }
        }
        return out;
    }

    /** Members who follow {@code member}, at most {@code limit}. */
    List<Long> followers(Connection conn, long member, int limit) throws SQLException {
        return graph.followerIds(conn, member).stream().limit(limit).toList();
    }

    /** Members {@code member} follows: their events are on the member's "Upcoming". */
    Set<Long> following(Connection conn, long member) throws SQLException {
        return graph.followingIds(conn, member);
    }

    Viewer of(Connection conn, long member) throws SQLException {
        return new Viewer(conn, member);
    }
}
