package org.parley.notifications;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.parley.module.MetricsWriter;
import org.parley.notifications.webpush.MessageEncryption;
import org.parley.notifications.webpush.P256;
import org.parley.notifications.webpush.PushClient;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Web Pushes off the notifier's thread: each message is encrypted for its subscription
 * (RFC 8291) and posted to the push service (RFC 8030) with a {@code TTL} and {@code Urgency} that
 * fit its kind. A push service that is slow or down never holds up the notification centre.
 *
 * <p>Threading: {@link #send} only queues. Each send runs on its own virtual thread, at most
 * {@link #CONCURRENT} at once; a retry waits on the scheduler's thread, then queues again. Beyond
 * {@link #MAX_PENDING} queued sends new ones are dropped (and counted): a push is a courtesy.
 */
final class PushDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);
    static final int CONCURRENT = 16;
    static final int MAX_PENDING = 10_000;
    /** Tries per message: the first and two retries (after a push service's 429, 5xx or a timeout). */
    static final int ATTEMPTS = 3;
    /** Waits before a retry when the push service names none; a Retry-After is honoured up to the last. */
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10));
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

    /** One encrypted-to-be push: the subscription it goes to and the JSON the service worker reads. */
    record Message(SubscriptionStore.Subscription to, Kind kind, String json) {}

    private final PushClient client;
    private final Predicate<URI> reachable;
    private final Database db;
    private final SubscriptionStore subscriptions;
    private final Clock clock;
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("push-", 0).factory());
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("push-retries").factory());
    private final Semaphore slots = new Semaphore(CONCURRENT);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong gone = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    /** Pushes not sent because the endpoint's host resolved into a private network (its subscription goes). */
    private final AtomicLong unreachable = new AtomicLong();

    /**
     * @param reachable whether a push may go to an endpoint now ({@link PushApi#reachable}): one whose
     *                  host resolves into a private network is dropped with its subscription
     */
    PushDelivery(PushClient client, Database db, SubscriptionStore subscriptions, Clock clock,
                 Predicate<URI> reachable) {
        this.reachable = reachable;
        this.client = client;
        this.db = db;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    void send(List<Message> messages) {
        for (Message m : messages) {
            attempt(m, 1);
        }
    }

    /** Counts pushes quiet hours kept back. */
    void held(int count) {
        held.addAndGet(count);
    }

    private void attempt(Message m, int attempt) {
        if (senders.isShutdown()) {
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        senders.execute(() -> {
            try {
                slots.acquire();
                try {
                    deliver(m, attempt);
                } finally {
                    slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.warn("A push was not sent: {}", e.toString());
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private void deliver(Message m, int attempt) throws InterruptedException {
        var to = m.to();
        URI endpoint = URI.create(to.endpoint());
        if (!reachable.test(endpoint)) {
            unreachable.incrementAndGet();
            db.transaction(conn -> {
                subscriptions.removeById(conn, to.id());
                return null;
            });
            return;
        }
        byte[] body = MessageEncryption.encrypt(m.json().getBytes(StandardCharsets.UTF_8),
                P256.publicKey(P256.fromBase64Url(to.p256dh())), P256.fromBase64Url(to.auth()));
        var result = client.send(endpoint, body, ttl(m.kind()), urgency(m.kind()), clock.instant());
        switch (result.outcome()) {
            case accepted -> accepted.incrementAndGet();
            case gone -> {
                gone.incrementAndGet();
                db.transaction(conn -> {
                    subscriptions.removeById(conn, to.id());
                    return null;
                });
            }
            case refused -> {
                failed.incrementAndGet();
                log.info("A push service refused a push with {} (subscription {})", result.status(), to.id());
            }
            case retry -> {
                if (attempt >= ATTEMPTS) {
                    failed.incrementAndGet();
                    return;
                }
                retried.incrementAndGet();
                Duration wait = result.retryAfter().isPresent()
                        ? Duration.ofSeconds(Math.min(result.retryAfter().getAsLong(), MAX_RETRY_AFTER.toSeconds()))
                        : BACKOFF.get(attempt - 1);
                if (!retries.isShutdown()) {
                    retries.schedule(() -> attempt(m, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /**
     * RFC 8030 §5.2: how long the push service keeps a push for a device that is off. Past it the
     * news is stale — a ping into a room that has moved on, a "starting now" for a running event —
     * and the notification centre has it anyway.
     */
    static Duration ttl(Kind kind) {
        return switch (kind.name()) {
            case "pinged", "event_starting" -> Duration.ofMinutes(15);
            case "room_started", "event_reminder" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
    }

    /** RFC 8030 §5.3: what may wake a phone from power saving. */
    static PushClient.Urgency urgency(Kind kind) {
        return switch (kind.name()) {
            case "pinged", "event_starting", "event_reminder" -> PushClient.Urgency.high;
            case "room_started" -> PushClient.Urgency.normal;
            default -> PushClient.Urgency.low;
        };
    }

    void metrics(MetricsWriter out) {
        out.counter("parley_push_accepted_total", accepted.get())
                .counter("parley_push_gone_total", gone.get())
                .counter("parley_push_failed_total", failed.get())
                .counter("parley_push_retried_total", retried.get())
                .counter("parley_push_dropped_total", dropped.get())
                .counter("parley_push_held_total", held.get())
                .counter("parley_push_unreachable_total", unreachable.get())
                .gauge("parley_push_pending", pending.get());
    }

    /** Waits briefly for sends in flight, then stops; queued retries are dropped. */
    @Override
    public void close() {
        retries.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
    }
}
