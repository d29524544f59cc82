package org.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.storage.Database;
import org.parley.storage.DatabaseConfig;

/**
 * What a durable write costs (docs/benchmarks.md, "Storage writes"): the shapes of Parley's writes —
 * a follow, a profile edit, a room command (participant row and room version in one transaction),
 * a sign-up's transaction (member, invitation, session; without the Argon2 hash, which dominates a
 * real sign-up) — each committed on its own, from 1 and from 8 threads, on the embedded SQLite default,
 * on PostgreSQL, and on H2 as Parley 0.1 ran it (not durable) for comparison.
 *
 * <p>Usage: {@code scripts/bench-storage.sh [writes-per-case]} (default 2000). Prints one line per case.
 */
public final class StorageWriteBenchmark {

    interface Write {
        void run(Connection conn, long i, long thread) throws SQLException;
    }

    record Case(String name, Write write) {}

    public static void main(String[] args) throws Exception {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String[]> stores = new ArrayList<>();
        Path dir = Files.createTempDirectory("parley-bench-storage-");
        stores.add(new String[] {"sqlite (default, synchronous=FULL)", null});
        stores.add(new String[] {"h2 (Parley 0.1, not durable)", "jdbc:h2:file:" + dir.resolve("h2/parley") + ";DB_CLOSE_ON_EXIT=FALSE"});
        String pg = System.getProperty("parley.bench.postgres", "jdbc:postgresql://127.0.0.1:5432/parley_bench");
        if (!pg.isBlank()) {
            stores.add(new String[] {"postgresql (" + pg.substring(pg.lastIndexOf('/') + 1) + ")", pg});
        }
        System.out.printf(Locale.ROOT, "%-36s %-14s %7s %11s %9s %9s%n", "store", "write", "threads", "writes/s", "p50 ms", "p99 ms");
        int n = 0;
        for (String[] store : stores) {
            Path data = dir.resolve("s" + n++);
            String user = store[1] != null && store[1].startsWith("jdbc:h2") ? "sa" : "postgres";
            Database db;
            try {
                db = Database.open(new DatabaseConfig(store[1], user, "", 10, data));
            } catch (RuntimeException e) {
                System.out.println(store[0] + ": skipped (" + e.getMessage() + "); create it or set -Dparley.bench.postgres=");
                continue;
            }
            try (db) {
                long[] members = seed(db, 64);
                for (Case c : cases(members)) { // warm-up: the JIT, the pool, the files
                    run(db, null, c, 1, Math.max(100, writes / 4));
                }
                for (Case c : cases(members)) {
                    for (int threads : new int[] {1, 8}) {
                        run(db, store[0], c, threads, writes);
                    }
                }
            }
        }
    }

    private static List<Case> cases(long[] m) {
        return List.of(
                new Case("follow", (conn, i, t) -> {
                    try (var st = conn.prepareStatement("INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)")) {
                        long a = m[(int) (i % m.length)];
                        long b = m[(int) ((i / m.length + 1 + i) % m.length)];
                        st.setLong(1, a);
                        st.setLong(2, a == b ? m[(int) ((i + 1) % m.length)] : b);
                        Database.setInstant(st, 3, Instant.now());
                        st.executeUpdate();
                    } catch (SQLException e) {
                        if (!Database.isUniqueViolation(e)) {
                            throw e;
                        }
                    }
                }),
                new Case("profile edit", (conn, i, t) -> {
                    try (var st = conn.prepareStatement("UPDATE members SET display_name = ?, bio = ? WHERE id = ?")) {
                        st.setString(1, "Bench " + i);
                        st.setString(2, "bio " + i);
                        st.setLong(3, m[(int) (i % m.length)]);
                        st.executeUpdate();
                    }
                }),
                new Case("room command", (conn, i, t) -> {
                    String room = "bench-room-" + t;
                    try (var st = conn.prepareStatement("UPDATE room_participants SET hand_order = ? WHERE room_id = ? AND member_id = ?")) {
                        st.setLong(1, i);
                        st.setString(2, room);
                        st.setLong(3, m[0]);
                        st.executeUpdate();
                    }
                    try (var st = conn.prepareStatement("UPDATE rooms SET version = ? WHERE id = ?")) {
                        st.setLong(1, i);
                        st.setString(2, room);
                        st.executeUpdate();
                    }
                }),
                new Case("sign-up", (conn, i, t) -> {
                    String name = "b" + t + "x" + i + "x" + System.nanoTime();
                    long id;
                    try (var st = conn.prepareStatement("INSERT INTO members (username, username_key, display_name, bio,"
                            + " password_hash, admin, created_at) VALUES (?, ?, ?, '', 'x', FALSE, ?)", new String[] {"id"})) {
                        st.setString(1, name.substring(0, Math.min(30, name.length())));
                        st.setString(2, name.substring(0, Math.min(30, name.length())));
                        st.setString(3, name);
                        Database.setInstant(st, 4, Instant.now());
                        st.executeUpdate();
                        try (var keys = st.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                    try (var st = conn.prepareStatement("INSERT INTO invites (code, grants_admin, created_at, expires_at,"
                            + " used_at, used_by) VALUES (?, FALSE, ?, ?, ?, ?)")) {
                        st.setString(1, name);
                        Database.setInstant(st, 2, Instant.now());
                        Database.setInstant(st, 3, Instant.now());
                        Database.setInstant(st, 4, Instant.now());
                        st.setLong(5, id);
                        st.executeUpdate();
                    }
                    try (var st = conn.prepareStatement("INSERT INTO sessions (token_hash, member_id, csrf_token, created_at,"
                            + " last_seen_at, expires_at) VALUES (?, ?, 'c', ?, ?, ?)")) {
                        st.setString(1, name);
                        st.setLong(2, id);
                        Database.setInstant(st, 3, Instant.now());
                        Database.setInstant(st, 4, Instant.now());
                        Database.setInstant(st, 5, Instant.now());
                        st.executeUpdate();
                    }
                }));
    }

    /** Members to follow and edit, and one room per thread with one participant. */
    private static long[] seed(Database db, int count) {
        return db.transaction(conn -> {
            long[] ids = new long[count];
            String run = Long.toString(System.nanoTime(), 36);
            for (int i = 0; i < count; i++) {
                try (var st = conn.prepareStatement("INSERT INTO members (username, username_key, display_name, bio,"
                        + " password_hash, admin, created_at) VALUES (?, ?, 'Seed', '', 'x', FALSE, ?)", new String[] {"id"})) {
                    st.setString(1, "s" + run + i);
                    st.setString(2, "s" + run + i);
                    Database.setInstant(st, 3, Instant.now());
                    st.executeUpdate();
                    try (var keys = st.getGeneratedKeys()) {
                        keys.next();
                        ids[i] = keys.getLong(1);
                    }
                }
            }
            for (int t = 0; t < 8; t++) {
                try (var st = conn.prepareStatement("DELETE FROM room_participants WHERE room_id = ?")) {
                    st.setString(1, "bench-room-" + t);
                    st.executeUpdate();
                }
                try (var st = conn.prepareStatement("DELETE FROM rooms WHERE id = ?")) {
                    st.setString(1, "bench-room-" + t);
                    st.executeUpdate();
                }
                try (var st = conn.prepareStatement("INSERT INTO rooms (id, title, type, creator_id, hand_raising, version,"
                        + " created_at) VALUES (?, 'Bench', 'open', ?, TRUE, 0, ?)")) {
                    st.setString(1, "bench-room-" + t);
                    st.setLong(2, ids[0]);
                    Database.setInstant(st, 3, Instant.now());
                    st.executeUpdate();
                }
                try (var st = conn.prepareStatement("INSERT INTO room_participants (room_id, member_id, role, muted,"
                        + " hand_order, invited_to_speak, joined_at) VALUES (?, ?, 'listener', TRUE, 0, FALSE, ?)")) {
                    st.setString(1, "bench-room-" + t);
                    st.setLong(2, ids[0]);
                    Database.setInstant(st, 3, Instant.now());
                    st.executeUpdate();
                }
            }
            return ids;
        });
    }

    private static void run(Database db, String store, Case c, int threads, int writes) throws InterruptedException {
        int per = writes / threads;
        long[] latencies = new long[per * threads];
        var done = new CountDownLatch(threads);
        var failures = new AtomicLong();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < per; i++) {
                    long index = (long) thread * per + i;
                    long began = System.nanoTime();
                    try {
                        db.transaction(conn -> {
                            c.write().run(conn, index, thread);
                            return null;
                        });
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    latencies[(int) index] = System.nanoTime() - began;
                }
                done.countDown();
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        if (store == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "%-36s %-14s %7d %11.0f %9.3f %9.3f%s%n", store, c.name(), threads,
                latencies.length / seconds, latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6,
                failures.get() > 0 ? "  (" + failures.get() + " failed)" : "");
    }
}
