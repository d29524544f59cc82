package org.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.TestPostgres;
import org.parley.testing.WsClient;

/**
 * {@code parley backup}, {@code restore} and {@code migrate-to-postgres}, the import of a Parley 0.1
 * H2 database, and the data folder's permissions, as an operator meets them (docs/operations.md).
 */
@Timeout(120)
class StorageCommandsTest {

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {}

    static Run parley(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Map<String, String> dataDir(Path dir) {
        return Map.of("PARLEY_DATA_DIR", dir.toString());
    }

    @Test
    void a_backup_taken_while_the_server_runs_restores_what_was_written_before_it_and_nothing_after() throws Exception {
        Path backup = tmp.resolve("parley-backup.db");
        try (var parley = TestParley.start(Map.of("PARLEY_DATA_DIR", tmp.resolve("live").toString()))) {
            var ada = new ApiClient(parley.baseUrl());
            ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
            assertThat(ada.patch("/api/me", Map.of("bio", "before the backup")).status()).isEqualTo(200);

            var run = parley(dataDir(tmp.resolve("live")), "backup", backup.toString());
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("members=1");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");

            new ApiClient(parley.baseUrl()).signUp(parley.createAdminInviteCode(), "bea", "Bea");
            assertThat(ada.patch("/api/me", Map.of("bio", "after the backup")).status()).isEqualTo(200);
        }

        Path restored = tmp.resolve("restored");
        var run = parley(dataDir(restored), "restore", backup.toString());
        assertThat(run.status()).as(run.err()).isZero();
        try (var parley = TestParley.start(Map.of("PARLEY_DATA_DIR", restored.toString()))) {
            var client = new ApiClient(parley.baseUrl());
            assertThat(client.post("/api/session", Map.of("username", "ada", "password", ApiClient.Members.PASSWORD))
                    .status()).isEqualTo(200);
            assertThat(client.get("/api/members/ada").json().get("bio").asText()).isEqualTo("before the backup");
            assertThat(client.get("/api/members/bea").status()).isEqualTo(404);
        }
    }

    @Test
    void restore_refuses_while_the_server_runs_and_refuses_a_file_that_is_not_a_parley_database() throws Exception {
        Path notADatabase = tmp.resolve("notes.txt");
        Files.writeString(notADatabase, "hello");
        try (var parley = TestParley.start(Map.of("PARLEY_DATA_DIR", tmp.resolve("live").toString()))) {
            Path backup = tmp.resolve("b.db");
            assertThat(parley(dataDir(tmp.resolve("live")), "backup", backup.toString()).status()).isZero();
            var running = parley(dataDir(tmp.resolve("live")), "restore", backup.toString());
            assertThat(running.status()).isEqualTo(1);
            assertThat(running.err()).contains("stop it first");
            var again = parley(dataDir(tmp.resolve("live")), "backup", backup.toString());
            assertThat(again.status()).isEqualTo(1);
            assertThat(again.err()).contains("exists already");
        }
        var bad = parley(dataDir(tmp.resolve("other")), "restore", notADatabase.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("not a Parley database");
        assertThat(Files.exists(tmp.resolve("other").resolve("parley.db"))).isFalse();
    }

    @Test
    void migrate_to_postgres_carries_members_sessions_follows_invitations_live_rooms_and_notifications_over() throws Exception {
        Path dir = tmp.resolve("embedded");
        String session;
        String pendingCode;
        String roomId;
        try (var parley = TestParley.start(Map.of("PARLEY_DATA_DIR", dir.toString(), "PARLEY_DATABASE_URL", ""))) {
            var ada = new ApiClient(parley.baseUrl());
            ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
            var bea = new ApiClient(parley.baseUrl());
            bea.signUp(ada.createInviteCode(), "bea", "Bea");
            pendingCode = ada.createInviteCode();
            assertThat(bea.put("/api/members/ada/follow", null).status()).isEqualTo(204);
            new ApiClient(parley.baseUrl()).signUp(ada.createInviteCode(), "dan", "Dan");
            assertThat(ada.put("/api/members/dan/block", null).status()).isEqualTo(204);
            assertThat(bea.patch("/api/me", Map.of("bio", "moved house")).status()).isEqualTo(200);
            assertThat(ada.put("/api/notifications/settings", Map.of("kinds", Map.of("room_started", "off"),
                    "quietHours", Map.of("start", "22:30", "end", "07:00", "timeZone", "Europe/Berlin"))).status()).isEqualTo(200);
            assertThat(ada.put("/api/me/event-reminders", Map.of("leadMinutes", 60)).status()).isEqualTo(200);
            roomId = bea.post("/api/rooms", Map.of("title", "Moving day", "type", "open")).json().get("id").asText();
            try (var ws = WsClient.connect(parley.baseUrl(), bea)) {
                ws.awaitType("hello");
                assertThat(ws.call("join", "room", roomId).get("type").asText()).isEqualTo("ack");
            }
            session = bea.cookie("parley_session");
        }

        String pg = TestPostgres.create();
        try {
            Map<String, String> env = new HashMap<>(dataDir(dir));
            env.put("PARLEY_DATABASE_USER", "postgres");
            var run = parley(env, "migrate-to-postgres", TestPostgres.url(pg));
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("members=3", "invites=4", "follows=1", "blocks=1", "rooms=1", "notifications=3",
                    "notification_channels=1", "quiet_hours=1", "reminder_leads=1");

            var twice = parley(env, "migrate-to-postgres", TestPostgres.url(pg));
            assertThat(twice.status()).isEqualTo(1);
            assertThat(twice.err()).contains("already holds data");

            Map<String, String> onPostgres = new HashMap<>(TestPostgres.env(pg));
            onPostgres.put("PARLEY_DATA_DIR", dir.toString());
            try (var parley = TestParley.start(onPostgres)) {
                assertThat(parley.server().database().embedded()).isFalse();
                var bea = new ApiClient(parley.baseUrl());
                var me = bea.sendRaw("GET", "/api/me", null, null, Map.of("Cookie", "parley_session=" + session), false);
                assertThat(me.status()).as("a session from before the move").isEqualTo(200);
                assertThat(me.json().get("bio").asText()).isEqualTo("moved house");
                assertThat(me.json().get("followingCount").asInt()).isEqualTo(1);
                assertThat(bea.sendRaw("GET", "/api/rooms/" + roomId, null, null,
                        Map.of("Cookie", "parley_session=" + session), false).status()).isEqualTo(200);
                var ada = new ApiClient(parley.baseUrl());
                assertThat(ada.post("/api/session", Map.of("username", "ada", "password", ApiClient.Members.PASSWORD))
                        .status()).isEqualTo(200);
                assertThat(ada.get("/api/invites").raw()).contains(pendingCode);
                var settings = ada.get("/api/notifications/settings").json();
                assertThat(settings.get("quietHours").get("start").asText()).isEqualTo("22:30");
                assertThat(settings.toString()).contains("\"kind\":\"room_started\",\"channel\":\"off\"");
                assertThat(ada.get("/api/me/event-reminders").json().get("leadMinutes").asInt()).isEqualTo(60);
                assertThat(ada.get("/api/notifications").json().get("items")).hasSize(3);
                // New rows continue the copied ids instead of colliding with them.
                new ApiClient(parley.baseUrl()).signUp(pendingCode, "cyd", "Cyd");
                assertThat(ada.createInviteCode()).isNotBlank();
                assertThat(ada.get("/api/notifications").json().get("items")).hasSize(4); // cyd used the invitation
            }
        } finally {
            TestPostgres.drop(pg);
        }
    }

    @Test
    void an_h2_database_left_by_parley_0_1_is_imported_once_on_the_first_start() throws Exception {
        Path dir = tmp.resolve("old");
        String h2 = "jdbc:h2:file:" + dir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
        String session;
        try (var parley = TestParley.start(Map.of("PARLEY_DATA_DIR", dir.toString(), "PARLEY_DATABASE_URL", h2,
                "PARLEY_DATABASE_USER", "sa"))) { // as Parley 0.1 opened it
            var ada = new ApiClient(parley.baseUrl());
            ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
            var bea = new ApiClient(parley.baseUrl());
            bea.signUp(ada.createInviteCode(), "bea", "Bea");
            assertThat(bea.put("/api/members/ada/follow", null).status()).isEqualTo(204);
            session = bea.cookie("parley_session");
        }
        assertThat(dir.resolve("parley.mv.db")).exists();

        try (var parley = TestParley.start(Map.of("PARLEY_DATA_DIR", dir.toString(), "PARLEY_DATABASE_URL", ""))) {
            assertThat(parley.server().database().embedded()).isTrue();
            var me = new ApiClient(parley.baseUrl()).sendRaw("GET", "/api/me", null, null,
                    Map.of("Cookie", "parley_session=" + session), false);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("followingCount").asInt()).isEqualTo(1);
            new ApiClient(parley.baseUrl()).signUp(parley.createAdminInviteCode(), "cyd", "Cyd");
        }
        assertThat(dir.resolve("parley.mv.db")).doesNotExist();
        assertThat(dir.resolve("parley.mv.db.imported")).exists();
    }

    @Test
    void the_data_folder_and_the_database_files_are_the_owners_alone() throws Exception {
        Path dir = tmp.resolve("private");
        try (var parley = TestParley.start(Map.of("PARLEY_DATA_DIR", dir.toString(), "PARLEY_DATABASE_URL", ""))) {
            new ApiClient(parley.baseUrl()).signUp(parley.createAdminInviteCode(), "ada", "Ada");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("parley.db")).toList()) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                            .isEqualTo("rw-------");
                }
            }
            assertThat(dir.resolve("parley.db-wal")).exists();
        }
    }
}
