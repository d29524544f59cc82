package org.parley.module;

import io.javalin.config.RoutesConfig;
import java.util.List;
import org.parley.events.EventBus;

/**
 * What one feature contributes to a running node. Each feature has one {@code …Module} (accounts'
 * {@code AccountsModule}, rooms' {@code RoomsModule}, …) that builds the feature from its
 * dependencies — the database, the bus, other features' public faces — and hands the node what it
 * adds: HTTP routes, WebSocket message handlers, event listeners, metrics, periodic work and
 * shutdown steps. {@code app.Parley} lists the modules; it wires nothing else by hand.
 *
 * <p>Every method has a do-nothing default, so a module states only what it contributes. The node
 * calls them in the order the modules are listed: {@link #routes}, {@link #messages} and
 * {@link #listen} while starting (so subscription order, which the bus guarantees as delivery order,
 * is list order), {@link #stopping} then — once the HTTP server has stopped — {@link #close} while
 * stopping.
 */
public interface Module {

    /** The HTTP routes and WebSocket endpoints this feature serves. */
    default void routes(RoutesConfig routes) {}

    /** The WebSocket message types this feature answers (the socket itself is signalling's). */
    default void messages(MessageRoutes routes) {}

    /** Subscribes this feature's listeners; the bus's threading rule applies ({@link EventBus}). */
    default void listen(EventBus events) {}

    /** Appends this feature's series to {@code GET /metrics}. Called on the request's thread. */
    default void metrics(MetricsWriter out) {}

    /**
     * What this feature holds about a member, for their export and their account's deletion (see
     * {@link PersonalData}); a feature that stores nothing personal contributes nothing.
     */
    default List<PersonalData> personalData() {
        return List.of();
    }

    /** What members can find of this feature through search ({@link Searchable}); modules listed before search. */
    default List<Searchable> searchables() {
        return List.of();
    }

    /** Registers work the node repeats while it runs (clean-ups). */
    default void housekeeping(Housekeeping schedule) {}

    /**
     * The node is about to stop and its HTTP server still runs: refuse new work and tell connected
     * clients (signalling closes its WebSockets with 1001 here).
     */
    default void stopping() {}

    /** The HTTP server has stopped: release what this feature holds (executors, sockets). */
    default void close() {}
}
