package org.parley.clubs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

@Tag("db")
@Timeout(90)
class ClubRoomsApiTest {

    TestParley parley;
    ApiClient ada;
    ApiClient bob;
    ApiClient cat;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        bob = new ApiClient(parley.baseUrl());
        bob.signUp(ada.createInviteCode(), "bob", "Bob Kahn");
        cat = new ApiClient(parley.baseUrl());
        cat.signUp(ada.createInviteCode(), "cat", "Cat Stevens");
        assertThat(ada.post("/api/clubs", Map.of("name", "Steam", "slug", "steam", "joinPolicy", "open")).status()).isEqualTo(201);
        bob.post("/api/clubs/steam/join", null);
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    WsClient connect(ApiClient member) {
        var ws = WsClient.connect(parley.baseUrl(), member);
        ws.awaitType("hello");
        return ws;
    }

    @Test
    void a_members_only_club_room_admits_the_clubs_members_and_no_one_else_even_after_a_restart() {
        assertThat(bob.post("/api/clubs/steam/rooms", Map.of("title", "Boilers", "type", "members")).code())
                .isEqualTo("club_leaders_only");
        ada.put("/api/clubs/steam/members/bob/role", Map.of("role", "leader"));
        var started = bob.post("/api/clubs/steam/rooms", Map.of("title", "Boilers", "type", "members"));
        assertThat(started.status()).isEqualTo(201);
        String room = started.json().get("id").asText();

        JsonNode summary = ada.get("/api/rooms/" + room).json();
        assertThat(summary.get("club").get("name").asText()).isEqualTo("Steam");
        assertThat(summary.get("club").get("url").asText()).isEqualTo("/c/steam");
        assertThat(ada.get("/api/hallway").json().get("rooms").get(0).get("club").get("slug").asText()).isEqualTo("steam");
        assertThat(cat.get("/api/hallway").json().get("rooms").findValuesAsText("id")).doesNotContain(room);
        assertThat(cat.get("/api/rooms/" + room).status()).isEqualTo(404);
        assertThat(ada.get("/api/clubs/steam/rooms").json().get("items").get(0).get("id").asText()).isEqualTo(room);
        assertThat(cat.get("/api/clubs/steam/rooms").json().get("items")).isEmpty();

        try (var c = connect(cat)) {
            assertThat(c.call("join", "room", room).get("code").asText()).isEqualTo("not_allowed");
        }
        cat.post("/api/clubs/steam/join", null);
        try (var c = connect(cat)) {
            assertThat(c.call("join", "room", room).get("type").asText()).isEqualTo("ack");
            c.call("leave");
        }
        ada.put("/api/clubs/steam/bans/cat", null);

        parley.restart(); // the room comes back members-only, in its club
        try (var c = WsClient.connect(parley.baseUrl(), cat); var a = WsClient.connect(parley.baseUrl(), ada)) {
            c.awaitType("hello");
            a.awaitType("hello");
            assertThat(c.call("join", "room", room).get("code").asText()).isEqualTo("not_allowed");
            assertThat(a.call("join", "room", room).get("type").asText()).isEqualTo("ack");
            assertThat(a.awaitType("snapshot").get("room").get("club").get("name").asText()).isEqualTo("Steam");
        }
    }

    @Test
    void the_rooms_of_a_club_one_follows_come_first_in_the_hallway() {
        String plain = ada.post("/api/rooms", Map.of("title", "Plain talk", "type", "open")).json().get("id").asText();
        String club = ada.post("/api/clubs/steam/rooms", Map.of("title", "Steam talk", "type", "open")).json().get("id").asText();
        // Both empty of listeners: the newer comes first, until cat follows the club.
        String newest = cat.get("/api/hallway").json().get("rooms").get(0).get("id").asText();
        assertThat(newest).isEqualTo(club);
        String plain2 = ada.post("/api/rooms", Map.of("title", "Newer plain talk", "type", "open")).json().get("id").asText();
        assertThat(cat.get("/api/hallway").json().get("rooms").get(0).get("id").asText()).isEqualTo(plain2);
        assertThat(cat.put("/api/clubs/steam/follow", null).status()).isEqualTo(204);
        assertThat(cat.get("/api/hallway").json().get("rooms").findValuesAsText("id")).containsSubsequence(club, plain2, plain);
        assertThat(ada.post("/api/rooms", Map.of("title", "Sneaky", "type", "members")).status()).isEqualTo(400);
    }
}
