package org.parley.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.parley.module.SearchDocument;
import org.parley.module.Searchable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index in step with the database: a rebuild from every feature's documents, then each
 * change a feature's event announces, re-read from the feature ({@link Searchable#one}) on this
 * feeder's own thread — never on the publisher's, which may be a room's executor. Announcements that
 * arrive while the thread is busy are coalesced (a room's many hallway changes become one look), and a
 * document that did not change is not rewritten.
 *
 * <p>Threading: {@link #changed} from any thread (quick: it queues); the index and the fingerprints are
 * written by the feeder's thread only (by the caller of {@link #rebuild} before {@link #start});
 * {@link #awaitCaughtUp} lets a search see what was announced before it.
 */
final class IndexFeeder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexFeeder.class);

    private final Map<String, Searchable> byKind = new HashMap<>();
    private final SearchIndex index;
    /** What each indexed document looked like (its hash): an unchanged one is not written again. */
    private final Map<String, Integer> fingerprints = new HashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("search-feeder").daemon(true).factory());

    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final Set<String> pending = new LinkedHashSet<>();
    private long announced;
    private long applied;
    private boolean draining;
    private boolean started;

    IndexFeeder(List<Searchable> sources, SearchIndex index) {
        sources.forEach(s -> byKind.put(s.kind(), s));
        this.index = index;
    }

    /** Fills the empty index from every feature; returns how many documents it holds. */
    int rebuild() {
        int[] n = {0};
        for (Searchable source : byKind.values()) {
            source.all(d -> {
                index.put(d);
                fingerprints.put(SearchIndex.key(d.kind(), d.id()), d.hashCode());
                n[0]++;
            });
        }
        index.refresh();
        return n[0];
    }

    /** From now on, announced changes are applied (those announced during the rebuild first). */
    void start() {
        synchronized (lock) {
            started = true;
            drainLater();
        }
    }

    /** The document {@code kind}/{@code id} may have changed (or be gone). */
    void changed(String kind, String id) {
        synchronized (lock) {
            announced++;
            pending.add(SearchIndex.key(kind, id));
            drainLater();
        }
    }

    private void drainLater() {
        if (started && !draining && !pending.isEmpty()) {
            draining = true;
            thread.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            List<String> batch;
            long upTo;
            synchronized (lock) {
                if (pending.isEmpty()) {
                    draining = false;
                    applied = announced;
                    lock.notifyAll();
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
                upTo = announced;
            }
            for (String key : batch) {
                try {
                    apply(key);
                } catch (RuntimeException e) {
                    log.warn("Search could not update {}: {}", key, e.toString());
                }
            }
            index.refresh();
            synchronized (lock) {
                applied = upTo;
                lock.notifyAll();
            }
        }
    }

    private void apply(String key) {
        int colon = key.indexOf(':');
        String kind = key.substring(0, colon);
        String id = key.substring(colon + 1);
        Searchable source = byKind.get(kind);
        Optional<SearchDocument> now = source.one(id);
        if (now.isEmpty()) {
            if (fingerprints.remove(key) != null) {
                index.remove(kind, id);
                written.incrementAndGet();
            }
            return;
        }
        Integer before = fingerprints.put(key, now.get().hashCode());
        if (before == null || before != now.get().hashCode()) {
            index.put(now.get());
            written.incrementAndGet();
        }
    }

    /** Waits until what was announced before this call is searchable; false when {@code max} passed first. */
    boolean awaitCaughtUp(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            long target = announced;
            while (applied < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !started) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Documents written or removed since the rebuild (for {@code /metrics}). */
    long written() {
        return written.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
