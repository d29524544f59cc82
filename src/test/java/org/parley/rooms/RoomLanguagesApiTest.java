package org.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

/** A room's floor language, and the languages a member understands ranking and filtering the hallway. */
@Tag("db")
@Timeout(60)
class RoomLanguagesApiTest {

    TestParley parley;
    ApiClient ada;
    ApiClient bob;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
        bob = new ApiClient(parley.baseUrl());
        bob.signUp(parley.createAdminInviteCode(), "bob", "Bob");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void a_room_keeps_its_floor_language_in_its_view_the_hallway_and_after_a_restart() {
        String id = create(ada, "Vorbim românește", "ro");
        assertThat(ada.get("/api/rooms/" + id).json().get("language").asText()).isEqualTo("ro");
        assertThat(bob.get("/api/hallway").json().get("rooms").get(0).get("language").asText()).isEqualTo("ro");
        String plain = create(ada, "No language given", null);
        assertThat(ada.get("/api/rooms/" + plain).json().get("language").isNull()).isTrue();

        parley.restart();
        var again = new ApiClient(parley.baseUrl()); // the server came back on a new port
        assertThat(again.post("/api/session", Map.of("username", "ada", "password", ApiClient.Members.PASSWORD)).status())
                .isEqualTo(200);
        assertThat(again.get("/api/rooms/" + id).json().get("language").asText()).isEqualTo("ro");
    }

    @Test
    void rooms_in_the_languages_a_member_understands_come_first_and_a_filter_keeps_one_language() {
        String german = create(ada, "Auf Deutsch", "de");
        String english = create(ada, "In English", "en");
        String romanian = create(ada, "În română", "ro");
        assertThat(ids(bob.get("/api/hallway").json())).as("newest first without languages")
                .containsExactly(romanian, english, german);

        var me = bob.patch("/api/me", Map.of("languages", List.of("de", "ro", "de"))).json();
        assertThat(me.get("languages").toString()).isEqualTo("[\"de\",\"ro\"]");
        assertThat(ids(bob.get("/api/hallway").json())).containsExactly(romanian, german, english);
        assertThat(ids(bob.get("/api/hallway?language=en").json())).containsExactly(english);

        bob.patch("/api/me", Map.of("language", "en", "languages", List.of()));
        assertThat(ids(bob.get("/api/hallway").json())).as("the interface language when none are listed")
                .containsExactly(english, romanian, german);
    }

    @Test
    void unknown_languages_are_refused_with_the_field_named() {
        var room = ada.post("/api/rooms", Map.of("title", "Klingon night", "type", "open", "language", "tlh"));
        assertThat(room.status()).isEqualTo(400);
        assertThat(room.json().get("errors").get(0).get("field").asText()).isEqualTo("language");
        assertThat(bob.patch("/api/me", Map.of("languages", List.of("xx"))).status()).isEqualTo(400);
        assertThat(bob.patch("/api/me", Map.of("languages", "de")).status()).isEqualTo(400);
        assertThat(bob.patch("/api/me", Map.of("languages", Arrays.asList("de", "en", "ro", "ru", "nl", "fr", "es",
                "it", "pt", "pl", "uk"))).status()).isEqualTo(400);
        assertThat(bob.get("/api/hallway?language=english").status()).isEqualTo(400);
    }

    private static String create(ApiClient member, String title, String language) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("title", title, "type", "open"));
        if (language != null) {
            body.put("language", language);
        }
        var created = member.post("/api/rooms", body);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static List<String> ids(JsonNode hallway) {
        List<String> ids = new ArrayList<>();
        hallway.get("rooms").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }
}
