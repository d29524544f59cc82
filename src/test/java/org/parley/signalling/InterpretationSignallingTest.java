package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
 * Interpretation channels over the live protocol (issue 14): moderators offer languages and name
 * interpreters, every client's copy follows, the choice survives a restart, and the interpreter role's
 * permissions hold (RulesPermissionMatrixTest has every command; this checks them end to end). A
 * listener's {@code listenIn} is checked against the room. Runs on SQLite and PostgreSQL.
 */
@Tag("db")
@Timeout(60)
class InterpretationSignallingTest {

    TestParley parley;
    ApiClient ada;
    ApiClient bob;
    ApiClient cat;
    long bobId;
    long catId;
    String room;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
        bob = new ApiClient(parley.baseUrl());
        bobId = bob.signUp(ada.createInviteCode(), "bob", "Bob").get("id").asLong();
        cat = new ApiClient(parley.baseUrl());
        catId = cat.signUp(ada.createInviteCode(), "cat", "Cat").get("id").asLong();
        room = ada.post("/api/rooms", Map.of("title", "Press conference", "type", "open", "language", "en"))
                .json().get("id").asText();
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    private WsClient connect(ApiClient member) {
        var ws = WsClient.connect(parley.baseUrl(), member);
        ws.awaitType("hello");
        return ws;
    }

    private ClientRoomState join(WsClient ws) {
        ws.send("join", "room", room);
        var state = ClientRoomState.fromSnapshot(ws.awaitType("snapshot"));
        ws.awaitType("ack");
        return state;
    }

    private static long ok(JsonNode reply) {
        assertThat(reply.get("type").asText()).as(reply.toString()).isEqualTo("ack");
        return reply.path("version").asLong();
    }

    private static void refused(JsonNode reply, String code) {
        assertThat(reply.get("type").asText()).as(reply.toString()).isEqualTo("error");
        assertThat(reply.get("code").asText()).as(reply.toString()).isEqualTo(code);
    }

    /** Bob on stage, named Russian interpreter; Cat in the audience. */
    private void interpreterOnStage(WsClient a, WsClient b) {
        b.call("raiseHand");
        ok(a.call("inviteToSpeak", "member", bobId));
        ok(b.call("answerInvitation", "accept", true));
        ok(a.call("setInterpretation", "languages", List.of("ru", "de")));
        ok(a.call("nameInterpreter", "member", bobId, "language", "ru"));
    }

    @Test
    void a_moderator_offers_languages_and_names_an_interpreter_every_client_follows_and_it_survives_a_restart() {
        try (var a = connect(ada); var b = connect(bob); var c = connect(cat)) {
            var stateA = join(a);
            join(b);
            var stateC = join(c);
            interpreterOnStage(a, b);
            long version = ok(b.call("setMuted", "muted", false)); // an interpreter has a microphone
            RoomSignallingTest.catchUp(a, stateA, version);
            RoomSignallingTest.catchUp(c, stateC, version);

            assertThat(stateC.interpretation).containsExactly("ru", "de");
            assertThat(stateC.participants.get(bobId).get("interpreting").asText()).isEqualTo("ru");
            assertThat(stateC.participants.get(bobId).get("muted").asBoolean()).isFalse();
            assertThat(stateC.canonical()).isEqualTo(stateA.canonical());
            try (var fresh = connect(cat)) {
                assertThat(join(fresh).canonical()).as("a snapshot agrees with the deltas").isEqualTo(stateC.canonical());
            }
        }
        parley.restart();
        try (var a = connect(ada)) {
            var after = join(a);
            assertThat(after.interpretation).containsExactly("ru", "de");
            assertThat(after.participants.get(bobId).get("interpreting").asText()).isEqualTo("ru");
        }
    }

    @Test
    void an_interpreter_may_mute_and_leave_the_stage_but_neither_names_interpreters_nor_chooses_languages_nor_listens_in() {
        try (var a = connect(ada); var b = connect(bob); var c = connect(cat)) {
            join(a);
            join(b);
            join(c);
            interpreterOnStage(a, b);

            refused(b.call("setInterpretation", "languages", List.of("nl")), "forbidden");
            refused(b.call("nameInterpreter", "member", bobId, "language", "de"), "forbidden");
            refused(b.call("listenIn", "language", "de"), "forbidden");
            refused(a.call("makeModerator", "member", bobId), "invalid_target");
            refused(c.call("setInterpretation", "languages", List.of("nl")), "forbidden");
            refused(c.call("nameInterpreter", "member", catId, "language", "ru"), "forbidden");
            refused(a.call("nameInterpreter", "member", catId, "language", "ru"), "invalid_target"); // a listener
            refused(a.call("nameInterpreter", "member", bobId, "language", "fr"), "invalid_language");
            refused(a.call("setInterpretation", "languages", List.of("en")), "invalid_language"); // the floor's
            refused(a.call("setInterpretation", "languages", "ru"), "bad_message");
            refused(a.call("nameInterpreter", "member", bobId, "language", 7), "bad_message");

            ok(b.call("setMuted", "muted", true));
            ok(b.call("listenIn", "language", null)); // the floor: what an interpreter hears anyway
            JsonNode down = b.call("moveToAudience", "member", bobId);
            ok(down);
            ok(b.call("listenIn", "language", "de")); // a listener again, so free to pick
        }
    }

    @Test
    void a_listener_listens_in_to_one_of_the_rooms_languages_only_and_only_from_inside_the_room() {
        try (var a = connect(ada); var c = connect(cat)) {
            refused(c.call("listenIn", "language", "ru"), "not_in_room");
            join(a);
            join(c);
            refused(c.call("listenIn", "language", "ru"), "invalid_language"); // nothing offered yet
            ok(a.call("setInterpretation", "languages", List.of("ru")));

            ok(c.call("listenIn", "language", "ru"));
            refused(c.call("listenIn", "language", "de"), "invalid_language");
            refused(c.call("listenIn", "language", "x".repeat(9)), "bad_message");
            ok(c.call("listenIn"));
        }
    }
}
