package org.parley.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.parley.events.EventBus;
import org.parley.events.ScheduledEventChanged;
import org.parley.module.SearchDocument;
import org.parley.module.Searchable;
import org.parley.module.Searcher;
import org.parley.rooms.RoomType;
import org.parley.storage.Database;

/**
 * Upcoming scheduled events as search finds them: by title, description and language, to those who
 * may see them ({@link Audience#sees}: hosts always, nobody in a block with a host, social events those
 * a host follows, closed ones their hosts only). A cancelled or started event is gone; one whose start
 * passed without a host starting it disappears by the clock, before the tick marks it missed.
 */
final class EventSearch implements Searchable {

    /** Who may see an indexed event: kept beside the index, written on search's indexing thread. */
    private record Admission(RoomType type, List<EventStore.Host> hosts, Instant startsAt) {}

    private final Database db;
    private final EventStore store;
    private final ScheduleConfig config;
    private final Clock clock;
    private final Map<String, Admission> admissions = new ConcurrentHashMap<>();

    EventSearch(Database db, EventStore store, ScheduleConfig config, Clock clock) {
        this.db = db;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return EVENT;
    }

    @Override
    public void all(Consumer<SearchDocument> out) {
        List<Found> found = db.read(conn -> {
            var events = store.scheduledFrom(conn, clock.instant().minus(config.missedAfter()));
            var list = new java.util.ArrayList<Found>(events.size());
            for (ScheduledEvent e : events) {
                list.add(new Found(e, store.hosts(conn, e.id())));
            }
            return list;
        });
        found.forEach(f -> out.accept(document(f)));
    }

    @Override
    public Optional<SearchDocument> one(String id) {
        Optional<Found> found = db.read(conn -> {
            var e = store.byId(conn, id);
            return e.isEmpty() ? Optional.<Found>empty() : Optional.of(new Found(e.get(), store.hosts(conn, id)));
        }).filter(f -> f.event().status() == ScheduledEvent.Status.scheduled);
        if (found.isEmpty()) {
            admissions.remove(id);
        }
        return found.map(this::document);
    }

    @Override
    public void follow(EventBus events, Consumer<String> changed) {
        events.subscribe(ScheduledEventChanged.class, e -> changed.accept(e.eventId()));
    }

    @Override
    public Predicate<SearchDocument> visibleTo(Searcher searcher) {
        Instant gone = clock.instant().minus(config.missedAfter());
        return d -> {
            Admission a = admissions.get(d.id());
            return a != null && a.startsAt().isAfter(gone)
                    && Audience.sees(searcher.id(), a.type(), a.hosts(), searcher::blockedEitherWay, searcher::followedBy);
        };
    }

    private SearchDocument document(Found f) {
        ScheduledEvent e = f.event();
        admissions.put(e.id(), new Admission(e.type(), f.hosts(), e.startsAt()));
        Map<String, String> shown = new HashMap<>();
        shown.put("title", e.title());
        shown.put("description", e.description());
        shown.put("startsAt", e.startsAt().toString());
        shown.put("type", e.type().name());
        if (e.language() != null) {
            shown.put("language", e.language());
        }
        Set<Long> hosts = f.acceptedHosts().stream().collect(Collectors.toSet());
        String text = e.description() + (e.language() != null ? " " + e.language() : "");
        return new SearchDocument(EVENT, e.id(), List.of(e.title()), text, hosts, shown);
    }
}
