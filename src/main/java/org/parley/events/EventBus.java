package org.parley.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process bus features talk through (Spring Modulith's style: small immutable event
 * records), so that no feature needs another at construction: rooms publish what changed, media
 * publishes who is speaking, and each feature's module subscribes its own listeners ({@code module.Module#listen}).
 *
 * <p>Threading rule: {@link #publish} runs every listener of the event's type <em>synchronously on
 * the publisher's thread</em>, in the order they subscribed, and returns when they all have. So a
 * listener must be quick and must not block (no database, no waiting on a socket or a lock held
 * elsewhere): it runs on a room's executor or the media server's packet thread. Work that may be
 * slow is handed to the listener's own executor (signalling's room notices and hallway notices do
 * that). Publishers hold no lock while publishing. Subscription order is the delivery order, which
 * the wiring relies on: the media server enforces a stage change before any client hears of it.
 *
 * <p>A listener that throws is logged and skipped; the others still run, and the publisher never
 * sees the exception. Thread-safe: subscribe and publish from any thread (subscriptions are made
 * at wiring time, so the lists are copy-on-write).
 */
public final class EventBus {

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private final Map<Class<?>, List<Consumer<Object>>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} with every {@code type} published from now on (events are records: exact type). */
    @SuppressWarnings("unchecked")
    public <E extends Event> void subscribe(Class<E> type, Consumer<? super E> listener) {
        listeners.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add((Consumer<Object>) listener);
    }

    /** Delivers {@code event} to its type's listeners on this thread (see the class comment). */
    public void publish(Event event) {
        List<Consumer<Object>> targets = listeners.get(event.getClass());
        if (targets == null) {
            return;
        }
        for (Consumer<Object> listener : targets) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("A listener of {} failed: {}", event, e.toString());
            }
        }
    }
}
