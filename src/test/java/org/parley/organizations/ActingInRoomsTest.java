package org.parley.organizations;

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

/** A delegate in a live room as the organization: on stage under its name, "operated by" for moderators only. */
@Tag("db")
@Timeout(60)
class ActingInRoomsTest {

    TestParley parley;
    ApiClient ada;
    ApiClient dan;
    ApiClient eve;
    long energyId;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        dan = new ApiClient(parley.baseUrl());
        dan.signUp(ada.createInviteCode(), "dan", "Dan Delegate");
        eve = new ApiClient(parley.baseUrl());
        eve.signUp(ada.createInviteCode(), "eve", "Eve Listener");
        energyId = dan.post("/api/organizations", Map.of("username", "energy", "displayName", "Ministry of Energy"))
                .json().get("id").asLong();
        ada.put("/api/members/energy/verified", Map.of("label", "Official account of the Ministry of Energy"));
        dan.put("/api/session/acting", Map.of("organization", "energy"));
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void a_delegate_joins_and_speaks_as_the_organization_and_only_moderators_see_who_operates_it() {
        String room = ada.post("/api/rooms", Map.of("title", "Energy prices", "type", "open")).json().get("id").asText();
        try (var host = WsClient.connect(parley.baseUrl(), ada);
             var org = WsClient.connect(parley.baseUrl(), dan);
             var listener = WsClient.connect(parley.baseUrl(), eve)) {
            host.awaitType("hello");
            assertThat(org.awaitType("hello").get("member").get("username").asText()).isEqualTo("energy");
            listener.awaitType("hello");
            assertThat(host.call("join", "room", room).get("type").asText()).isEqualTo("ack");
            assertThat(listener.call("join", "room", room).get("type").asText()).isEqualTo("ack");
            assertThat(org.call("join", "room", room).get("type").asText()).isEqualTo("ack");

            JsonNode joined = listener.await(m -> m.toString().contains("\"participantJoined\"")
                    && m.toString().contains("\"energy\""));
            assertThat(joined.toString()).contains("Official account of the Ministry of Energy")
                    .doesNotContain("operatedBy").doesNotContain("\"dan\"");

            assertThat(host.call("inviteToSpeak", "member", energyId).get("type").asText()).isEqualTo("ack");
            assertThat(org.call("answerInvitation", "accept", true).get("type").asText()).isEqualTo("ack");
            JsonNode onStage = listener.await(m -> m.toString().contains("\"roleChanged\"")
                    && m.toString().contains("\"memberId\":" + energyId));
            assertThat(onStage.toString()).contains("speaker");

            for (JsonNode m : listener.drain()) {
                assertThat(m.toString()).doesNotContain("operatedBy").doesNotContain("\"dan\"");
            }
            for (JsonNode m : host.drain()) {
                assertThat(m.toString()).doesNotContain("operatedBy");
            }
        }
        ApiClient.Response operators = ada.get("/api/rooms/" + room + "/operators");
        assertThat(operators.status()).as(operators.toString()).isEqualTo(200);
        JsonNode item = operators.json().get("items").get(0);
        assertThat(item.get("memberId").asLong()).isEqualTo(energyId);
        assertThat(item.get("operatedBy").get("username").asText()).isEqualTo("dan");
        assertThat(eve.get("/api/rooms/" + room + "/operators").code()).isEqualTo("not_moderator");
        assertThat(dan.get("/api/rooms/" + room + "/operators").code()).as("a speaker is no moderator")
                .isEqualTo("not_moderator");

        var owner = dan.get("/api/organizations/energy/audit").json().get("items");
        assertThat(owner.toString()).contains("WS join " + room);
    }
}
