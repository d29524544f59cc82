package org.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.TestParley;

/** The storage layer on whichever database the run targets (SQLite, then PostgreSQL). */
@Tag("db")
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseTest {

    TestParley parley;
    Database db;

    @BeforeAll
    void start() {
        parley = TestParley.start();
        db = parley.server().database();
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @Test
    void instants_round_trip_to_the_microsecond_in_utc() {
        Instant t = Instant.parse("2026-03-29T01:30:00.123456Z"); // inside a DST change in Europe
        Instant read = db.read(conn -> {
            // Through a real column: SQLite has no timestamp type to cast to (storage.Instants).
            try (var st = conn.prepareStatement("UPDATE storage_probe SET written_at = ? WHERE id = 1")) {
                Database.setInstant(st, 1, t);
                st.executeUpdate();
            }
            try (var st = conn.prepareStatement("SELECT written_at AS t FROM storage_probe WHERE id = 1")) {
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return Database.instant(rs, "t");
                }
            }
        });
        assertThat(read).isEqualTo(t.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void a_failed_transaction_leaves_nothing_behind() {
        assertThatThrownBy(() -> db.transaction(conn -> {
            insertInvite(conn, "rollback-me");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(countInvites("rollback-me")).isZero();
    }

    @Test
    void a_duplicate_key_is_recognised_the_same_way_on_every_database() {
        db.transaction(conn -> insertInvite(conn, "dup"));
        assertThatThrownBy(() -> db.transaction(conn -> insertInvite(conn, "dup")))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(Database.isUniqueViolation((SQLException) e.getCause())).isTrue());
    }

    @Test
    void migrations_are_applied_once_and_a_restart_keeps_the_data() {
        db.transaction(conn -> insertInvite(conn, "kept"));
        parley.restart();
        db = parley.server().database();
        assertThat(countInvites("kept")).isEqualTo(1);
        long migrations = db.read(conn -> {
            try (var st = conn.prepareStatement("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE");
                 var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(migrations).isGreaterThanOrEqualTo(1);
    }

    @Test
    void writers_on_virtual_threads_queue_for_the_database_without_failing() throws Exception {
        // More writers than carrier threads, each holding its transaction across a pause (which
        // unmounts it): the others must wait without pinning every carrier (storage.Database).
        int writers = 16;
        int each = 10;
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String code = "queued-" + writer + "-" + i;
                        try {
                            db.transaction(conn -> {
                                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                                return insertInvite(conn, code);
                            });
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        assertThat(failures.get()).isZero();
        long written = db.read(conn -> {
            try (var st = conn.prepareStatement("SELECT COUNT(*) FROM invites WHERE code LIKE 'queued-%'");
                 var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(written).isEqualTo(writers * each);
    }

    @Test
    void a_url_with_credentials_is_redacted_before_logging() {
        assertThat(Database.redact("jdbc:postgresql://db/parley?user=bob&password=hunter2"))
                .doesNotContain("hunter2").doesNotContain("bob");
    }

    private static int insertInvite(java.sql.Connection conn, String code) throws SQLException {
        try (var st = conn.prepareStatement("INSERT INTO invites (code, grants_admin, created_at, expires_at) VALUES (?, FALSE, ?, ?)")) {
            st.setString(1, code);
            Database.setInstant(st, 2, Instant.now());
            Database.setInstant(st, 3, Instant.now());
            return st.executeUpdate();
        }
    }

    private long countInvites(String code) {
        return db.read(conn -> {
            try (var st = conn.prepareStatement("SELECT COUNT(*) FROM invites WHERE code = ?")) {
                st.setString(1, code);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
