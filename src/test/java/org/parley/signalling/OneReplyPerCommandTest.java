package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/**
 * docs/protocol.md: every command is answered by exactly one {@code ack} or {@code error} — or the
 * connection is closed with a documented code. Commands are written straight onto the socket
 * ({@link RawWebSocket}), many at once, faster than any answer can come back.
 */
@Tag("db")
@Timeout(60)
class OneReplyPerCommandTest {

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

    RawWebSocket connect(ApiClient member) {
        var ws = RawWebSocket.open(parley.baseUrl(), "parley_session=" + member.cookie("parley_session"), null);
        assertThat(ws.upgrade.status()).isEqualTo(101);
        assertThat(ws.readJson().get("type").asText()).isEqualTo("hello");
        return ws;
    }

    /** The answers (acks and errors) read up to and including the one to {@code lastId}. */
    static List<JsonNode> answersUpTo(RawWebSocket ws, String lastId) {
        List<JsonNode> answers = new ArrayList<>();
        while (true) {
            JsonNode m = ws.readJson();
            if (m.path("type").asText().equals("ack") || m.path("type").asText().equals("error")) {
                answers.add(m);
                if (lastId.equals(m.path("id").asText())) {
                    return answers;
                }
            }
        }
    }

    static List<String> ids(String prefix, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    @Test
    void a_burst_of_room_commands_gets_exactly_one_answer_each_in_order() throws Exception {
        String room = ada.post("/api/rooms", Map.of("title", "Burst", "type", "open")).json().get("id").asText();
        try (var b = connect(bob)) {
            b.sendText("{\"type\":\"join\",\"id\":\"join\",\"room\":\"" + room + "\"}");
            assertThat(answersUpTo(b, "join").getLast().get("type").asText()).isEqualTo("ack");
            List<String> burst = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                burst.add("{\"type\":\"" + (i % 2 == 1 ? "raiseHand" : "lowerHand") + "\",\"id\":\"b" + i + "\"}");
            }
            b.sendTexts(burst);

            List<JsonNode> answers = answersUpTo(b, "b100");
            assertThat(answers).extracting(a -> a.get("id").asText()).as("one answer per command, in order")
                    .containsExactlyElementsOf(ids("b", 1, 100));
            assertThat(answers.subList(0, CommandBudget.BURST - 1)).as("the burst the budget allows (the join took one)")
                    .allMatch(a -> a.get("type").asText().equals("ack"));
            assertThat(answers).filteredOn(a -> a.get("type").asText().equals("error"))
                    .isNotEmpty().allMatch(a -> a.get("code").asText().equals("rate_limited"));

            Thread.sleep(1_000); // the budget refills
            b.sendText("{\"type\":\"subscribeHallway\",\"id\":\"after\"}");
            List<JsonNode> next = answersUpTo(b, "after");
            assertThat(next).as("no second answer to any command of the burst, and the connection carries on").hasSize(1);
            assertThat(next.getFirst().get("type").asText()).isEqualTo("ack");
        }
    }

    @Test
    void a_flood_gets_an_answer_per_command_until_the_connection_is_closed_with_1008() {
        try (var b = connect(bob)) {
            List<String> flood = new ArrayList<>();
            for (int i = 1; i <= 10_000; i++) {
                flood.add("{\"type\":\"subscribeHallway\",\"id\":\"f" + i + "\"}");
            }
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    b.sendTexts(flood);
                } catch (RuntimeException closed) {
                    // the server closed the connection while the flood was still being written
                }
            });

            List<JsonNode> answers = new ArrayList<>();
            RawWebSocket.Frame frame;
            while ((frame = b.read()).opcode() == RawWebSocket.Frame.TEXT) {
                answers.add(frame.json());
            }
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.Frame.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1008);
            assertThat(frame.closeReason()).isEqualTo(FloodGuard.CLOSE_REASON);
            assertThat(answers).extracting(a -> a.get("id").asText()).as("every command before the close answered once, in order")
                    .containsExactlyElementsOf(ids("f", 1, answers.size()));
            assertThat(answers.subList(0, CommandBudget.BURST)).allMatch(a -> a.get("type").asText().equals("ack"));
            assertThat(answers).filteredOn(a -> a.get("type").asText().equals("error"))
                    .hasSizeGreaterThanOrEqualTo(FloodGuard.MAX_REFUSED)
                    .allMatch(a -> a.get("code").asText().equals("rate_limited"));
            assertThat(answers.size()).as("closed long before the end of the flood").isLessThan(1_000);
            writer.interrupt();
        }
        try (var again = WsClient.connect(parley.baseUrl(), bob)) {
            assertThat(again.awaitType("hello").get("type").asText()).as("a new connection is welcome").isEqualTo("hello");
        }
    }

    @Test
    void a_binary_frame_gets_an_error_and_the_connection_carries_on() {
        try (var b = connect(bob)) {
            b.sendBinary(new byte[] {1, 2, 3});
            JsonNode error = b.readJson();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asText()).isEqualTo("binary_not_supported");
            assertThat(error.get("message").asText()).isNotBlank();

            b.sendText("{\"type\":\"subscribeHallway\",\"id\":\"x\"}");
            JsonNode ack = b.readJson();
            assertThat(ack.get("type").asText()).isEqualTo("ack");
            assertThat(ack.get("id").asText()).isEqualTo("x");
        }
    }

    @Test
    void a_command_that_fails_inside_the_server_is_still_answered() {
        String room = ada.post("/api/rooms", Map.of("title", "Doomed", "type", "open")).json().get("id").asText();
        try (var a = WsClient.connect(parley.baseUrl(), ada)) {
            a.awaitType("hello");
            assertThat(a.call("join", "room", room).get("type").asText()).isEqualTo("ack");
            parley.server().database().close();

            JsonNode answer = a.call("ping", "username", "bob"); // reads the database
            assertThat(answer.get("type").asText()).isEqualTo("error");
            assertThat(answer.get("code").asText()).isEqualTo("unavailable");
            assertThat(a.call("subscribeHallway").get("type").asText()).as("and the connection carries on").isEqualTo("ack");
        }
    }
}
