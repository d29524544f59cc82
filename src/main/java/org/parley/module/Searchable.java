package org.parley.module;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.parley.events.EventBus;

/**
 * What a feature contributes to search ({@link Module#searchables}): every document of one kind for a
 * rebuild, the current one after a change its own domain events announce, and who may see each.
 * Search (the {@code search} package) keeps the index; the feature keeps the truth and the access
 * rule, so a new feature (clubs) plugs in with one class and no change to search.
 *
 * <p>Threading: {@link #all} and {@link #one} run on search's own indexing thread and may read the
 * database; {@link #follow}'s listeners run on the publisher's thread and only pass ids on;
 * {@link #visibleTo} runs on the request's thread for each hit, after one call per search.
 */
public interface Searchable {

    /** The kinds search knows: results are grouped by them, in this order. */
    String MEMBER = "member";
    String ROOM = "room";
    String EVENT = "event";
    String CLUB = "club";

    /** One of {@link #MEMBER}, {@link #ROOM}, {@link #EVENT}, {@link #CLUB}. */
    String kind();

    /** Every document of this kind that exists now (search's rebuild on start). */
    void all(Consumer<SearchDocument> out);

    /** The document with this id as it is now; empty when it is gone (deleted, ended, cancelled). */
    Optional<SearchDocument> one(String id);

    /**
     * Subscribes to this feature's domain events; each that changes a document passes its id to
     * {@code changed}, which only queues it (the bus's rule: listeners are quick).
     */
    void follow(EventBus events, Consumer<String> changed);

    /** Which documents of this kind {@code searcher} may see (decided per hit, so it must be quick). */
    Predicate<SearchDocument> visibleTo(Searcher searcher);
}
