package org.parley.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.parley.kernel.Tokens;
import org.parley.module.PersonalData;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members' exports, made in the background: each feature writes its part ({@link PersonalData#export})
 * into a zip, the progress is stored after each part (the client shows it), and the finished archive is
 * kept in the database for {@link PrivacyConfig#exportTtl}, then deleted by {@link #purgeExpired}.
 * An export a stopped node left unfinished is made again when the node starts ({@link #resume}).
 *
 * <p>Threading: one worker thread makes the exports one after another; a member has at most one in the
 * making (asking again answers it).
 */
final class Exports implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Exports.class);
    /** Every export carries this file first: what the archive is and when it was made. */
    static final String MANIFEST = "manifest.json";

    private final Database db;
    private final ExportStore store;
    private final List<PersonalData> parts;
    private final PrivacyConfig config;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("parley-exports").factory());

    Exports(Database db, ExportStore store, List<PersonalData> parts, PrivacyConfig config, Clock clock) {
        this.db = db;
        this.store = store;
        this.parts = List.copyOf(parts);
        this.config = config;
        this.clock = clock;
    }

    /** Starts an export of {@code memberId}, or answers the one already in the making. */
    ExportStore.Export request(long memberId) {
        Instant now = clock.instant();
        var answer = db.transaction(conn -> {
            var latest = store.latest(conn, memberId, now);
            if (latest.isPresent() && latest.get().status().equals("working")) {
                return new Started(latest.get(), false);
            }
            store.deleteOf(conn, memberId); // one archive per member: a new one replaces the old
            String id = Tokens.random(12);
            store.insert(conn, id, memberId, now, now.plus(config.exportTtl()));
            return new Started(store.byId(conn, id).orElseThrow(), true);
        });
        if (answer.isNew()) {
            submit(answer.export().id(), memberId);
        }
        return answer.export();
    }

    private record Started(ExportStore.Export export, boolean isNew) {}

    /** The member's newest export still kept, if any. */
    java.util.Optional<ExportStore.Export> latest(long memberId) {
        return db.read(conn -> store.latest(conn, memberId, clock.instant()));
    }

    java.util.Optional<byte[]> archive(String id, long memberId) {
        return db.read(conn -> store.archive(conn, id, memberId, clock.instant()));
    }

    /** Makes again the exports a stopped node left unfinished. */
    void resume() {
        for (var e : db.read(store::working)) {
            submit(e.id(), e.memberId());
        }
    }

    private void submit(String id, long memberId) {
        try {
            worker.execute(() -> build(id, memberId));
        } catch (RejectedExecutionException e) {
            // stopping: the export stays 'working' and is made again on the next start
        }
    }

    private void build(String id, long memberId) {
        try {
            var zip = new ZipArchive();
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("about", "Everything this Parley deployment holds about you, as JSON files (and your photo).");
            manifest.put("createdAt", clock.instant());
            manifest.put("parts", parts.stream().map(PersonalData::name).toList());
            zip.json(MANIFEST, manifest);
            for (int i = 0; i < parts.size(); i++) {
                PersonalData part = parts.get(i);
                db.read(conn -> {
                    part.export(conn, memberId, zip);
                    return null;
                });
                int percent = (i + 1) * 95 / parts.size();
                db.transaction(conn -> {
                    store.progress(conn, id, percent);
                    return null;
                });
            }
            byte[] archive = zip.finish();
            Instant now = clock.instant();
            boolean kept = db.transaction(conn -> store.finish(conn, id, archive, now, now.plus(config.exportTtl())));
            log.info("Export {} of member {}: {} bytes{}", id, memberId, archive.length, kept ? "" : " (no longer wanted)");
        } catch (RuntimeException e) {
            log.warn("Export {} of member {} failed: {}", id, memberId, e.toString());
            db.transaction(conn -> {
                store.fail(conn, id);
                return null;
            });
        }
    }

    /** Housekeeping: deletes the exports past their time. */
    void purgeExpired() {
        int gone = db.transaction(conn -> store.deleteExpired(conn, clock.instant()));
        if (gone > 0) {
            log.info("Deleted {} expired export(s)", gone);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
