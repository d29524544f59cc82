package org.parley.media;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.parley.media.session.PeerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every leg's own RTCP report at the RTCP interval (RFC 3550 §6.2; {@link PeerSession#sendReportsIfDue}
 * randomises each leg's schedule). One daemon thread for the node, waking {@value #TICKS_PER_INTERVAL}
 * times per interval, so a report is at most a tenth of an interval late.
 */
final class RtcpTimer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtcpTimer.class);
    static final int TICKS_PER_INTERVAL = 10;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "media-rtcp-reports");
        t.setDaemon(true);
        return t;
    });

    RtcpTimer(Duration interval, Supplier<Iterable<PeerSession>> sessions) {
        long tick = Math.max(1, interval.toMillis() / TICKS_PER_INTERVAL);
        timer.scheduleAtFixedRate(() -> {
            try {
                long now = System.nanoTime();
                for (PeerSession session : sessions.get()) {
                    session.sendReportsIfDue(now, interval);
                }
            } catch (RuntimeException e) {
                // A failure must not cancel the schedule (a thrown task is never run again).
                log.warn("RTCP reports failed this round", e);
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
