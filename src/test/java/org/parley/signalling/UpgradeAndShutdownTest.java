package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/** The two ends of a connection: an upgrade the server refuses, and a server that stops. */
@Tag("db")
@Timeout(60)
class UpgradeAndShutdownTest {

    TestParley parley;
    ApiClient ada;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    /** The response to an upgrade request, read off the socket, checked as an RFC 9457 problem. */
    JsonNode refusal(String cookie, String origin, int status) throws Exception {
        try (var ws = RawWebSocket.open(parley.baseUrl(), cookie, origin)) {
            var response = ws.upgrade;
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
            JsonNode problem = new ObjectMapper().readTree(response.body());
            // RFC 9457 §3.1: the members a client reads.
            assertThat(problem.get("type").asText()).startsWith("urn:parley:problem:");
            assertThat(problem.get("title").asText()).isNotBlank();
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("detail").asText()).isNotBlank();
            return problem;
        }
    }

    @Test
    void a_refused_upgrade_explains_itself_in_a_problem_body() throws Exception {
        String session = "parley_session=" + ada.cookie("parley_session");
        assertThat(refusal(null, null, 401).get("code").asText()).isEqualTo("unauthenticated");
        assertThat(refusal("parley_session=not-a-session", null, 401).get("code").asText()).isEqualTo("unauthenticated");
        assertThat(refusal(session, "https://evil.example", 403).get("code").asText()).isEqualTo("csrf_invalid");
        try (var ok = RawWebSocket.open(parley.baseUrl(), session, parley.baseUrl())) {
            assertThat(ok.upgrade.status()).as("the same member from Parley's own page").isEqualTo(101);
            assertThat(ok.readJson().get("type").asText()).isEqualTo("hello");
        }
    }

    @Test
    void an_upgrade_while_the_database_is_down_is_refused_with_503_and_a_problem_body() throws Exception {
        String session = "parley_session=" + ada.cookie("parley_session");
        parley.server().database().close();

        assertThat(refusal(session, parley.baseUrl(), 503).get("code").asText()).isEqualTo("unavailable");
    }

    @Test
    void a_server_that_stops_cleanly_closes_its_websockets_with_1001_going_away() {
        String room = ada.post("/api/rooms", Map.of("title", "Restarting", "type", "open")).json().get("id").asText();
        var ws = WsClient.connect(parley.baseUrl(), ada);
        ws.awaitType("hello");
        assertThat(ws.call("join", "room", room).get("type").asText()).isEqualTo("ack");

        parley.restart();

        var close = ws.awaitClose();
        assertThat(close.code()).as(close.toString()).isEqualTo(1001);
        assertThat(close.reason()).isNotBlank();
    }
}
