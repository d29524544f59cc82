package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.ClientRoomState;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/**
 * A room's description (issue 13): optional at createRoom, edited live by moderators only, checked by
 * the same rule everywhere, kept through a restart, and shown in the hallway with the social cues
 * (followed listeners, rooms hidden by blocks). Runs on SQLite and PostgreSQL.
 */
@Tag("db")
@Timeout(60)
class RoomDescriptionTest {

    TestParley parley;
    ApiClient ada;
    ApiClient bob;
    long bobId;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
        bob = new ApiClient(parley.baseUrl());
        bobId = bob.signUp(ada.createInviteCode(), "bob", "Bob").get("id").asLong();
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    private ApiClient.Response create(ApiClient host, String description) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Morning show", "type", "open"));
        if (description != null) {
            body.put("description", description);
        }
        return host.post("/api/rooms", body);
    }

    private WsClient connect(ApiClient member) {
        var ws = WsClient.connect(parley.baseUrl(), member);
        ws.awaitType("hello");
        return ws;
    }

    private static ClientRoomState join(WsClient ws, String room) {
        ws.send("join", "room", room);
        var state = ClientRoomState.fromSnapshot(ws.awaitType("snapshot"));
        ws.awaitType("ack");
        return state;
    }

    @Test
    void a_room_started_with_a_description_shows_it_to_every_joiner_and_in_its_summary() {
        var created = create(ada, "  Coffee, engines and a little poetry.  ");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("description").asText()).isEqualTo("Coffee, engines and a little poetry.");
        String room = created.json().get("id").asText();
        try (var b = connect(bob)) {
            assertThat(join(b, room).description).isEqualTo("Coffee, engines and a little poetry.");
        }
        assertThat(bob.get("/api/rooms/" + room).json().get("description").asText()).isEqualTo("Coffee, engines and a little poetry.");
        assertThat(bob.get("/api/hallway").json().get("rooms").get(0).get("description").asText())
                .isEqualTo("Coffee, engines and a little poetry.");
    }

    @Test
    void a_room_without_a_description_has_an_empty_one() {
        String room = create(ada, null).json().get("id").asText();
        try (var a = connect(ada)) {
            assertThat(join(a, room).description).isEmpty();
        }
    }

    @Test
    void a_description_over_280_characters_or_with_line_breaks_is_refused_at_create_with_a_field_error() {
        for (String bad : new String[] {"x".repeat(281), "two\nlines", "tab\there"}) {
            var refused = create(ada, bad);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            JsonNode error = refused.json().get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("description");
            assertThat(error.get("code").asText()).isEqualTo("invalid_format");
        }
        assertThat(create(ada, "ü".repeat(280)).status()).as("280 characters, not bytes").isEqualTo(201);
    }

    @Test
    void a_moderator_edits_the_description_live_and_it_survives_a_restart() {
        String room = create(ada, "Before").json().get("id").asText();
        try (var a = connect(ada); var b = connect(bob)) {
            var stateA = join(a, room);
            var stateB = join(b, room);
            JsonNode ack = a.call("editDescription", "description", "After, with more detail");
            assertThat(ack.get("type").asText()).as(ack.toString()).isEqualTo("ack");
            long version = ack.get("version").asLong();
            RoomSignallingTest.catchUp(a, stateA, version);
            RoomSignallingTest.catchUp(b, stateB, version);
            assertThat(stateB.description).isEqualTo("After, with more detail");
            assertThat(stateB.canonical()).isEqualTo(stateA.canonical());

            // Blank (or only invisible characters) removes it.
            long cleared = a.call("editDescription", "description", " \u200B ").get("version").asLong();
            RoomSignallingTest.catchUp(b, stateB, cleared);
            assertThat(stateB.description).isEmpty();
            a.call("editDescription", "description", "Kept on disk");
        }
        parley.restart();
        try (var a = connect(ada)) {
            assertThat(join(a, room).description).isEqualTo("Kept on disk");
        }
    }

    @Test
    void only_moderators_edit_the_description_and_a_bad_one_changes_nothing() {
        String room = create(ada, "Ada's words").json().get("id").asText();
        try (var a = connect(ada); var b = connect(bob)) {
            join(a, room);
            join(b, room);
            JsonNode listener = b.call("editDescription", "description", "Bob's words");
            assertThat(listener.get("code").asText()).isEqualTo("forbidden");

            // On stage is not enough: a speaker may not either.
            b.call("raiseHand");
            a.call("inviteToSpeak", "member", bobId);
            b.call("answerInvitation", "accept", true);
            assertThat(b.call("editDescription", "description", "Bob's words").get("code").asText()).isEqualTo("forbidden");

            assertThat(a.call("editDescription", "description", "y".repeat(281)).get("code").asText()).isEqualTo("invalid_description");
            assertThat(a.call("editDescription", "description", "line\nbreak").get("code").asText()).isEqualTo("invalid_description");
            assertThat(a.call("editDescription").get("code").asText()).as("no description field").isEqualTo("bad_message");
        }
        try (var fresh = connect(bob)) {
            assertThat(join(fresh, room).description).isEqualTo("Ada's words");
        }
    }

    @Test
    void the_hallway_shows_followed_listeners_and_says_how_many_rooms_the_reader_s_own_blocks_hide() {
        ApiClient cat = new ApiClient(parley.baseUrl());
        cat.signUp(ada.createInviteCode(), "cat", "Cat");
        String room = create(ada, null).json().get("id").asText();
        try (var a = connect(ada); var b = connect(bob)) {
            join(a, room);
            join(b, room);
            cat.put("/api/members/bob/follow", null);
            JsonNode entry = cat.get("/api/hallway").json().get("rooms").get(0);
            assertThat(entry.get("followedListenerCount").asInt()).isEqualTo(1);
            assertThat(entry.get("followedListeners").findValuesAsText("username")).containsExactly("bob");
            assertThat(cat.get("/api/hallway").json().get("hiddenByBlocks").asInt()).isZero();

            // Ada blocks Cat: her room leaves Cat's hallway, and nothing tells Cat that a block is why.
            assertThat(ada.put("/api/members/cat/block", null).status()).isEqualTo(204);
            JsonNode hallway = cat.get("/api/hallway").json();
            assertThat(hallway.get("rooms")).isEmpty();
            assertThat(hallway.get("hiddenByBlocks").asInt()).isZero();

            // Cat blocks Ada too: now Cat's own block hides the room, and the hallway says so.
            assertThat(cat.put("/api/members/ada/block", null).status()).isEqualTo(204);
            assertThat(cat.get("/api/hallway").json().get("hiddenByBlocks").asInt()).isEqualTo(1);
            assertThat(bob.get("/api/hallway").json().get("hiddenByBlocks").asInt()).isZero();
        }
    }
}
