package org.parley.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.search.Query;
import org.parley.events.EventBus;
import org.parley.module.SearchDocument;
import org.parley.module.Searchable;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;

/**
 * Search's face: finds what one member may see of members, live rooms, upcoming events and clubs,
 * grouped by kind, ranked by their graph then by text ({@link Matching}). Built from the features'
 * {@link Searchable}s; the HTTP edge is {@code SearchApi}. Tests and the benchmark use it directly.
 *
 * <p>Thread-safe: searches run concurrently on the request threads; the index changes on the
 * feeder's thread.
 */
public final class Search implements AutoCloseable {

    /** The kinds, in the order results are grouped. */
    public static final List<String> KINDS = List.of(Searchable.MEMBER, Searchable.ROOM, Searchable.EVENT,
            Searchable.CLUB);

    /** Most hits read for one group while looking for visible ones (a searcher blocked by many). */
    static final int READ_MAX = 2_000;

    /** One thing found: what its feature shows of it. */
    public record Result(String kind, String id, Map<String, String> shown) {}

    /**
     * The results of one kind.
     *
     * @param next the {@code offset} of the next page, or null when there is none
     */
    public record Group(String kind, List<Result> items, Integer next) {}

    private final List<Searchable> sources;
    private final Map<String, Searchable> byKind = new HashMap<>();
    private final SearchIndex index = new SearchIndex();
    private final IndexFeeder feeder;
    private final Graphs graphs;
    private final SearchConfig config;
    private final int built;

    /** Builds the index from every source now; {@link #follow} then keeps it in step. */
    public Search(List<Searchable> sources, Database db, SocialGraph social, SearchConfig config, Clock clock) {
        this(sources, new Graphs(db, social, config, clock), config);
    }

    private Search(List<Searchable> sources, Graphs graphs, SearchConfig config) {
        this.sources = List.copyOf(sources);
        sources.forEach(s -> byKind.put(s.kind(), s));
        this.graphs = graphs;
        this.config = config;
        this.feeder = new IndexFeeder(sources, index);
        this.built = feeder.rebuild();
    }

    /** Subscribes the sources' events (and the graph's) and starts applying them. */
    public void follow(EventBus events) {
        graphs.listen(events);
        for (Searchable source : sources) {
            source.follow(events, id -> feeder.changed(source.kind(), id));
        }
        feeder.start();
    }

    /**
     * What {@code searcher} finds for {@code query} (already checked: {@link SearchRules}): of one
     * {@code kind} from {@code offset}, or the first {@code limit} of every kind (empty groups left out).
     */
    public List<Group> find(long searcher, String query, String kind, int offset, int limit) {
        feeder.awaitCaughtUp(config.catchUp());
        List<String> words = Folding.words(query);
        if (words.size() > config.wordsMax()) {
            words = words.subList(0, config.wordsMax());
        }
        List<Group> groups = new ArrayList<>();
        if (words.isEmpty()) {
            return groups; // only punctuation: nothing to match
        }
        Graphs.Graph graph = graphs.of(searcher);
        try (SearchIndex.View view = index.view()) {
            Query text = view.rewrite(Matching.text(words));
            Query following = Matching.graph(graph.following, config.followingBoost());
            Query second = Matching.graph(graph.second, config.secondDegreeBoost());
            for (String k : kind != null ? List.of(kind) : KINDS) {
                Searchable source = byKind.get(k);
                if (source == null) {
                    if (kind != null) {
                        groups.add(new Group(k, List.of(), null));
                    }
                    continue;
                }
                Query q = Matching.query(text, k, following, second);
                Group g = group(view, q, k, source.visibleTo(graph), kind != null ? offset : 0, limit);
                if (kind != null || !g.items().isEmpty()) {
                    groups.add(g);
                }
            }
        }
        return groups;
    }

    /** Reads hits until {@code offset + limit + 1} visible ones are found, or the matches run out. */
    private Group group(SearchIndex.View view, Query q, String kind, Predicate<SearchDocument> visible, int offset, int limit) {
        int want = offset + limit + 1; // one more tells whether there is a next page
        int read = Math.min(READ_MAX, want * 2 + 8);
        List<Result> seen;
        while (true) {
            SearchIndex.Hits hits = view.search(q, read);
            seen = new ArrayList<>();
            for (SearchIndex.Hit hit : hits.hits()) {
                if (visible.test(hit.document())) {
                    seen.add(new Result(kind, hit.document().id(), hit.document().shown()));
                }
            }
            if (seen.size() >= want || !hits.more() || read >= READ_MAX) {
                break;
            }
            read = Math.min(READ_MAX, read * 4);
        }
        List<Result> page = seen.subList(Math.min(offset, seen.size()), Math.min(offset + limit, seen.size()));
        return new Group(kind, List.copyOf(page), seen.size() > offset + limit ? offset + limit : null);
    }

    /** A second index built now from the same sources, for comparing with this one (the agreement test). */
    public Search rebuilt() {
        return rebuilt(List.of());
    }

    /**
     * A second index built now from the same sources and {@code extra} ones (the benchmark adds clubs
     * this way); it follows no events.
     */
    public Search rebuilt(List<Searchable> extra) {
        List<Searchable> all = new ArrayList<>(sources);
        all.addAll(extra);
        return new Search(all, graphs, config);
    }

    /** Documents indexed on start. */
    public int built() {
        return built;
    }

    /**
     * Documents searchable now, once the changes announced so far are applied, as a search sees them
     * ({@link #find} waits for them the same way).
     */
    public int size() {
        feeder.awaitCaughtUp(config.catchUp());
        return index.size();
    }

    /** Bytes the index holds in memory. */
    public long indexBytes() {
        return index.bytes();
    }

    long written() {
        return feeder.written();
    }

    /** The kinds whose features contribute documents. */
    public Set<String> kinds() {
        return Set.copyOf(byKind.keySet());
    }

    @Override
    public void close() {
        feeder.close();
        index.close();
    }
}
