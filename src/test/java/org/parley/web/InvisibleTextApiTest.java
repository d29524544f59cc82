package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.BadInputApiTest.assertField;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.testing.ApiClient;
import org.parley.testing.InvisibleInputs;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/**
 * Names, bios and room titles that show nothing (only spaces, zero-width, format or combining
 * characters) are refused like empty ones, over HTTP and over the WebSocket; visible text with such
 * characters inside is still accepted.
 */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvisibleTextApiTest {

    TestParley parley;
    ApiClient ada;
    WsClient adaSocket;
    String room;

    @BeforeAll
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
        var created = ada.post("/api/rooms", Map.of("title", "Morning show", "type", "open"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        room = created.json().get("id").asText();
        adaSocket = WsClient.connect(parley.baseUrl(), ada);
        adaSocket.awaitType("hello");
        adaSocket.send("join", "room", room);
        adaSocket.awaitType("snapshot");
    }

    @AfterAll
    void stop() {
        adaSocket.close();
        parley.close();
    }

    static Stream<Arguments> nothingVisible() {
        return InvisibleInputs.NOTHING_VISIBLE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    static Stream<Arguments> visible() {
        return InvisibleInputs.VISIBLE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nothingVisible")
    void a_display_name_that_shows_nothing_is_refused_at_sign_up_and_on_the_profile(String what, String text) {
        var newcomer = new ApiClient(parley.baseUrl());
        var signUp = newcomer.post("/api/accounts", Map.of("inviteCode", parley.createAdminInviteCode(),
                "username", "newcomer", "displayName", text, "password", ApiClient.Members.PASSWORD));
        assertField(signUp, "displayName", "too_short");
        assertThat(newcomer.get("/api/me").status()).as("nobody joined").isEqualTo(401);

        assertField(ada.patch("/api/me", Map.of("displayName", text)), "displayName", "too_short");
        assertThat(ada.get("/api/me").json().get("displayName").asText()).isEqualTo("Ada");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nothingVisible")
    void a_bio_that_shows_nothing_is_refused_or_emptied_never_stored(String what, String text) {
        assertThat(ada.patch("/api/me", Map.of("bio", "Mathematician")).status()).isEqualTo(200);

        var r = ada.patch("/api/me", Map.of("bio", text));
        String bio = ada.get("/api/me").json().path("bio").asText();
        if (r.status() == 200) {
            // Spaces (U+200B and U+FEFF among them) are trimmed, as always: what is left is an empty bio.
            assertThat(bio).as(r.toString()).isEmpty();
        } else {
            assertField(r, "bio", "too_short");
            assertThat(bio).isEqualTo("Mathematician");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nothingVisible")
    void a_room_title_that_shows_nothing_is_refused_over_http_and_over_the_websocket(String what, String text) {
        assertField(ada.post("/api/rooms", Map.of("title", text, "type", "open")), "title", "too_short");

        JsonNode answer = adaSocket.call("editTitle", "title", text);
        assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("error");
        assertThat(answer.path("code").asText()).isEqualTo("invalid_title");
        assertThat(ada.get("/api/rooms/" + room).json().get("title").asText()).isEqualTo("Morning show");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("visible")
    void visible_text_with_invisible_characters_inside_is_accepted(String what, String text) {
        var r = ada.patch("/api/me", Map.of("displayName", text, "bio", text));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("displayName").asText()).isNotBlank();

        JsonNode answer = adaSocket.call("editTitle", "title", text);
        assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("ack");
        assertThat(adaSocket.call("editTitle", "title", "Morning show").path("type").asText()).isEqualTo("ack");
        assertThat(ada.patch("/api/me", Map.of("displayName", "Ada")).status()).isEqualTo(200);
    }
}
