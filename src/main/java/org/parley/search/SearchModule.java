package org.parley.search;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parley.events.EventBus;
import org.parley.module.MetricsWriter;
import org.parley.module.Module;
import org.parley.module.Searchable;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search (issue 16): one box that finds members, live rooms, upcoming events and clubs. The index is
 * Lucene's, in memory on this node (docs/decisions.md, "Search: Lucene embedded"), built on start from
 * every feature's {@link Searchable} ({@link Module#searchables} of the modules listed before this one)
 * and kept in step by their domain events. Listed last in {@code app.Parley.wire}: a feature that adds
 * documents (clubs) is listed above it and needs no change here.
 */
public final class SearchModule implements Module {

    private static final Logger log = LoggerFactory.getLogger(SearchModule.class);

    private final Search search;
    private final SearchApi api;

    /** @param modules the modules listed before this one: their {@link Module#searchables} are indexed */
    public SearchModule(List<Module> modules, Database db, SocialGraph social, SearchConfig config, Clock clock) {
        List<Searchable> sources = new ArrayList<>();
        modules.forEach(m -> sources.addAll(m.searchables()));
        long start = System.nanoTime();
        this.search = new Search(sources, db, social, config, clock);
        log.info("Search index built: {} documents in {} ms", search.built(), (System.nanoTime() - start) / 1_000_000);
        this.api = new SearchApi(search, config, clock);
    }

    public Search search() {
        return search;
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
    }

    @Override
    public void listen(EventBus events) {
        search.follow(events);
    }

    @Override
    public void metrics(MetricsWriter out) {
        out.gauge("parley_search_documents", search.size());
        out.gauge("parley_search_index_bytes", search.indexBytes());
        out.counter("parley_search_updates_total", search.written());
    }

    @Override
    public void close() {
        search.close();
    }
}
