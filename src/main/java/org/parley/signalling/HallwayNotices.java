package org.parley.signalling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code subscribeHallway} and the {@code hallwayChanged} notices it asks for (docs/protocol.md).
 * A busy node changes its hallway many times a second; clients only need to know that it changed
 * to fetch it again, so notices are coalesced to one per {@link #INTERVAL}.
 *
 * <p>Threading: {@link #hallwayChanged} is a bus listener on a room's executor; it only sets a flag
 * and schedules, and the fan-out runs on this class's own thread.
 */
final class HallwayNotices implements Handler<ClientMessage.SubscribeHallway> {

    /** Hallway change notices are coalesced to at most one per this interval. */
    static final Duration INTERVAL = Duration.ofMillis(500);
    private static final String NOTICE = "{\"type\":\"hallwayChanged\"}";

    private final Push push;
    private final AtomicBoolean pending = new AtomicBoolean();
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

    void close() {
        scheduler.shutdownNow();
    }
}
