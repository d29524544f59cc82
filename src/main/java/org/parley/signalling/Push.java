package org.parley.signalling;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Sends server-initiated messages to members' open connections, for any feature: "to member X,
 * wherever they are connected" (pings) or "to every connection that asked" (hallway notices). It is
 * the registry of open connections by member; the socket adds a connection once it is authenticated
 * and removes it when it closes.
 *
 * <p>Threading: any thread. Sends are asynchronous (Jetty queues frames), so a caller never waits on
 * a slow client; a client too slow to read loses such messages (see {@link Connection#send}).
 */
public final class Push implements org.parley.module.Push {

    private final ConcurrentHashMap<Long, Set<Connection>> byMember = new ConcurrentHashMap<>();

    @Override
    public boolean toMember(long memberId, String json) {
        Set<Connection> targets = byMember.getOrDefault(memberId, Set.of());
        targets.forEach(c -> c.send(json));
        return !targets.isEmpty();
    }

    /** Sends {@code json} to every open connection that {@code wants} it. */
    void toConnections(Predicate<Connection> wants, String json) {
        eachConnection(c -> {
            if (wants.test(c)) {
                c.send(json);
            }
        });
    }

    Set<Connection> connectionsOf(long memberId) {
        return byMember.getOrDefault(memberId, Set.of());
    }

    void eachConnection(Consumer<Connection> action) {
        byMember.values().forEach(set -> set.forEach(action));
    }

    void add(Connection conn) {
        byMember.computeIfAbsent(conn.member.id(), id -> ConcurrentHashMap.newKeySet()).add(conn);
    }

    void remove(Connection conn) {
        byMember.computeIfPresent(conn.member.id(), (id, set) -> {
            set.remove(conn);
            return set.isEmpty() ? null : set;
        });
    }
}
