package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.avatars.TestImages;
import org.parley.testing.ApiClient;
import org.parley.testing.MutableClock;
import org.parley.testing.TestParley;

/** A member's export: made in the background, exactly their data, kept for a day, across restarts. */
@Tag("db")
@Timeout(120)
class ExportApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    MutableClock clock = MutableClock.startingNow();
    TestParley parley;
    ApiClient ada;

    @BeforeEach
    void start() {
        parley = TestParley.start(Map.of(), clock);
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    ApiClient member(String username, String displayName) {
        var client = new ApiClient(parley.baseUrl());
        client.signUp(ada.createInviteCode(), username, displayName);
        return client;
    }

    /** Asks for an export, waits for it and returns the zip's files by name. */
    static Map<String, byte[]> export(ApiClient client) throws Exception {
        var asked = client.post("/api/me/export", null);
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        JsonNode state = asked.json();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!state.get("status").asText().equals("ready")) {
            assertThat(state.get("status").asText()).isEqualTo("working");
            assertThat(System.nanoTime()).as("export finished in time").isLessThan(deadline);
            Thread.sleep(50);
            state = client.get("/api/me/export").json();
        }
        assertThat(state.get("progress").asInt()).isEqualTo(100);
        var zip = client.getBytes(state.get("downloadUrl").asText(), Map.of());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        return unzip(zip.body());
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    static JsonNode json(Map<String, byte[]> files, String name) throws IOException {
        assertThat(files).containsKey(name);
        return JSON.readTree(files.get(name));
    }

    void leaveTraces(ApiClient client, String other, String bio) {
        assertThat(client.patch("/api/me", Map.of("bio", bio)).status()).isEqualTo(200);
        assertThat(client.put("/api/members/ada/follow", null).status()).isLessThan(300);
        assertThat(client.put("/api/members/" + other + "/block", null).status()).isLessThan(300);
        client.createInviteCode();
        Map<String, Object> event = new HashMap<>();
        event.put("title", "Talk of " + bio);
        event.put("description", "About " + bio);
        event.put("startsAt", clock.instant().plus(Duration.ofDays(2)).toString());
        event.put("lengthMinutes", 60);
        event.put("type", "open");
        assertThat(client.post("/api/events", event).status()).isEqualTo(201);
    }

    @Test
    void an_export_holds_everything_about_the_member_and_nothing_of_anyone_else() throws Exception {
        var bob = member("bob", "Bob Builder");
        var zelda = member("zelda", "Zelda Zephyr");
        leaveTraces(bob, "zelda", "bobsbio");
        leaveTraces(zelda, "bob", "zeldasbio");
        assertThat(bob.sendBytes("PUT", "/api/me/avatar", TestImages.portrait(1), "image/jpeg").status()).isEqualTo(200);
        assertThat(ada.put("/api/members/bob/follow", null).status()).isLessThan(300);

        Map<String, byte[]> files = export(bob);

        assertThat(files.keySet()).contains("manifest.json", "profile.json", "sessions.json", "organizations.json",
                "follows.json", "blocks.json", "invitations.json", "photo.jpg", "rooms.json", "events.json",
                "notifications.json", "notification-settings.json", "push-subscriptions.json");
        JsonNode profile = json(files, "profile.json");
        assertThat(profile.get("username").asText()).isEqualTo("bob");
        assertThat(profile.get("bio").asText()).isEqualTo("bobsbio");
        assertThat(profile.get("invitedBy").asText()).isEqualTo("ada");
        JsonNode follows = json(files, "follows.json");
        assertThat(follows.get("following")).singleElement().satisfies(f -> assertThat(f.get("username").asText()).isEqualTo("ada"));
        assertThat(follows.get("followers")).singleElement().satisfies(f -> assertThat(f.get("username").asText()).isEqualTo("ada"));
        // Bob's own block, not Zelda's block of him.
        assertThat(json(files, "blocks.json").get("blocked")).singleElement()
                .satisfies(b -> assertThat(b.get("username").asText()).isEqualTo("zelda"));
        assertThat(json(files, "invitations.json").get("made")).hasSize(1);
        assertThat(json(files, "events.json").get("hosting")).singleElement()
                .satisfies(e -> assertThat(e.get("title").asText()).isEqualTo("Talk of bobsbio"));
        assertThat(json(files, "sessions.json")).hasSize(1);
        assertThat(files.get("photo.jpg")).startsWith((byte) 0xFF, (byte) 0xD8);
        // Nothing of Zelda's but her username where Bob's own block names her.
        for (var file : files.entrySet()) {
            if (file.getKey().endsWith(".json")) {
                String text = new String(file.getValue(), StandardCharsets.UTF_8);
                assertThat(text).as(file.getKey()).doesNotContain("zeldasbio", "Zelda Zephyr");
                if (!file.getKey().equals("blocks.json")) {
                    assertThat(text).as(file.getKey()).doesNotContain("zelda");
                }
            }
        }
        // And Zelda's export is hers.
        Map<String, byte[]> hers = export(zelda);
        assertThat(json(hers, "profile.json").get("username").asText()).isEqualTo("zelda");
        assertThat(hers).doesNotContainKey("photo.jpg");
        assertThat(new String(hers.get("events.json"), StandardCharsets.UTF_8)).doesNotContain("bobsbio");
    }

    @Test
    void only_the_member_downloads_their_export() throws Exception {
        var bob = member("bob", "Bob");
        export(bob);
        String url = bob.get("/api/me/export").json().get("downloadUrl").asText();

        var other = ada.getBytes(url, Map.of());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(new ApiClient(parley.baseUrl()).get("/api/me/export").status()).isEqualTo(401);
        assertThat(ada.get("/api/me/export").code()).isEqualTo("no_export");
    }

    @Test
    void an_export_is_kept_for_a_day_across_a_restart_and_then_is_gone() throws Exception {
        var bob = member("bob", "Bob");
        export(bob);
        String cookie = bob.cookie("parley_session");
        parley.restart();
        var again = new ApiClient(parley.baseUrl());
        var state = again.sendRaw("GET", "/api/me/export", null, null, Map.of("Cookie", "parley_session=" + cookie), false);
        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json().get("status").asText()).isEqualTo("ready");
        assertThat(state.json().get("expiresAt").asText()).isNotBlank();

        clock.advance(PrivacyConfig.DEFAULT_EXPORT_TTL.plusMinutes(1));

        var gone = again.sendRaw("GET", "/api/me/export", null, null, Map.of("Cookie", "parley_session=" + cookie), false);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("no_export");
    }
}
