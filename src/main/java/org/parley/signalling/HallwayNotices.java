package org.parley.signalling;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code subscribeHallway} and the {@code hallwayChanged} notices it asks for (docs/protocol.md).
 * A busy node changes its hallway many times a second; clients only need to know that it changed
 * to fetch it again, so notices are coalesced to one per {@link #INTERVAL}. A follow or a block changes
 * the hallway of the two members concerned only (who may enter whose social room, who is shown on
 * whose stage lists), so those notices go to their connections alone ({@link #hallwayChangedFor}).
 *
 * <p>Threading: {@link #hallwayChanged} and {@link #hallwayChangedFor} are bus listeners on the
 * publisher's thread; they only record and schedule, and the fan-out runs on this class's own thread.
 */
final class HallwayNotices implements Handler<ClientMessage.SubscribeHallway> {

    /** Hallway change notices are coalesced to at most one per this interval. */
    static final Duration INTERVAL = Duration.ofMillis(500);
    private static final String NOTICE = "{\"type\":\"hallwayChanged\"}";

    private final Push push;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Members whose own hallway changed since the last notice to them. */
    private final Set<Long> pendingMembers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean memberFlushScheduled = new AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("signalling-hallway").factory());

    HallwayNotices(Push push) {
        this.push = push;
    }

    @Override
    public String answer(Connection conn, ClientMessage.SubscribeHallway sub) {
        conn.hallwaySubscribed = sub.on();
        return Replies.ack(sub.id(), null);
    }

    void hallwayChanged() {
        if (pending.compareAndSet(false, true) && !scheduler.isShutdown()) {
            scheduler.schedule(() -> {
                pending.set(false);
                push.toConnections(c -> c.hallwaySubscribed, NOTICE);
            }, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The hallway of these members changed (a follow or block between them): tell their connections. */
    void hallwayChangedFor(long first, long second) {
        pendingMembers.add(first);
        pendingMembers.add(second);
        if (memberFlushScheduled.compareAndSet(false, true) && !scheduler.isShutdown()) {
            scheduler.schedule(this::flushMembers, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void flushMembers() {
        memberFlushScheduled.set(false);
        for (Long member : List.copyOf(pendingMembers)) {
            pendingMembers.remove(member);
            push.connectionsOf(member).forEach(c -> {
                if (c.hallwaySubscribed) {
                    c.send(NOTICE);
                }
            });
        }
    }

    void close() {
        scheduler.shutdownNow();
    }
}
