package org.parley.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.parley.module.SearchDocument;

/**
 * The Lucene index of one node, in memory: built from the features' documents on start and kept in
 * step by their events ({@link IndexFeeder}), so it is never a source of truth and needs no file.
 *
 * <p>Fields: {@code key} (kind:id, what an update replaces), {@code kind} (the filter), {@code names}
 * and {@code names.prefix} (whole words, and their beginnings: {@link Folding}), {@code text},
 * {@code people} (member ids as terms, for the graph boosts), and the stored {@code shown.*} a result carries.
 *
 * <p>Threading: writes ({@link #put}, {@link #remove}, {@link #refresh}) come from one thread, the
 * feeder's (or the builder's before the index is shared); {@link #search} from any number of request
 * threads, each on a searcher acquired from the {@link SearcherManager} (Lucene's own rule).
 */
final class SearchIndex implements AutoCloseable {

    static final String KEY = "key";
    static final String KIND = "kind";
    static final String ID = "id";
    static final String NAMES = "names";
    static final String NAMES_PREFIX = "names.prefix";
    static final String TEXT = "text";
    static final String PEOPLE = "people";
    private static final String PEOPLE_STORED = "people.stored";
    private static final String SHOWN = "shown.";

    /** One hit as a feature's visibility rule sees it (names and text are not stored), with its score. */
    record Hit(SearchDocument document, float score) {}

    /** A page of hits, and whether the query matched more than were read. */
    record Hits(List<Hit> hits, boolean more) {}

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    SearchIndex() {
        var analyzer = new PerFieldAnalyzerWrapper(Folding.WORDS, Map.of(NAMES_PREFIX, Folding.PREFIXES));
        try {
            var config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setRAMBufferSizeMB(32);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the document, or replaces the one with its kind and id. */
    void put(SearchDocument d) {
        var doc = new Document();
        doc.add(new StringField(KEY, key(d.kind(), d.id()), Field.Store.NO));
        doc.add(new StringField(KIND, d.kind(), Field.Store.YES));
        doc.add(new StoredField(ID, d.id()));
        for (String name : d.names()) {
            if (name != null && !name.isBlank()) {
                doc.add(new TextField(NAMES, name, Field.Store.NO));
                doc.add(new TextField(NAMES_PREFIX, name, Field.Store.NO));
            }
        }
        doc.add(new TextField(TEXT, d.text(), Field.Store.NO));
        for (long person : d.people()) {
            doc.add(new StringField(PEOPLE, Long.toString(person), Field.Store.NO));
            doc.add(new StoredField(PEOPLE_STORED, person));
        }
        d.shown().forEach((k, v) -> doc.add(new StoredField(SHOWN + k, v)));
        try {
            writer.updateDocument(new Term(KEY, key(d.kind(), d.id())), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remove(String kind, String id) {
        try {
            writer.deleteDocuments(new Term(KEY, key(kind, id)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was written so far visible to searches. */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index as it is now, for one search's several queries; close it after. */
    View view() {
        try {
            return new View(searchers.acquire());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One point-in-time look at the index (Lucene's {@link SearcherManager} rule: acquire, release). */
    final class View implements AutoCloseable {
        private final IndexSearcher searcher;

        private View(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        /**
         * {@code query} with its prefix and typo parts expanded to the terms they match here, once for
         * all of a search's kinds (building a Levenshtein automaton is a query's dearest step).
         */
        Query rewrite(Query query) {
            try {
                return searcher.rewrite(query);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The best {@code n} hits of {@code query}, best first. */
        Hits search(Query query, int n) {
            try {
                TopDocs top = searcher.search(query, n);
                StoredFields stored = searcher.storedFields();
                List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc sd : top.scoreDocs) {
                    hits.add(new Hit(read(stored.document(sd.doc)), sd.score));
                }
                return new Hits(hits, top.totalHits.value() > top.scoreDocs.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Documents in the index (after the last refresh). */
    int size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes the index holds in memory. */
    long bytes() {
        try {
            long sum = 0;
            for (String file : directory.listAll()) {
                try {
                    sum += directory.fileLength(file);
                } catch (java.nio.file.NoSuchFileException e) {
                    // merged away since listed
                }
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SearchDocument read(Document doc) {
        Map<String, String> shown = new HashMap<>();
        Set<Long> people = new HashSet<>();
        for (IndexableField f : doc.getFields()) {
            if (f.name().startsWith(SHOWN)) {
                shown.put(f.name().substring(SHOWN.length()), f.stringValue());
            } else if (f.name().equals(PEOPLE_STORED)) {
                people.add(f.numericValue().longValue());
            }
        }
        return new SearchDocument(doc.get(KIND), doc.get(ID), List.of(), "", people, shown);
    }

    static String key(String kind, String id) {
        return kind + ":" + id;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
