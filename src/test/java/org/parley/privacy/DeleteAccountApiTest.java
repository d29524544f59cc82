package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.MutableClock;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/** Deleting an account, end to end: what goes at once, what stays as "a former member", and what passes on. */
@Tag("db")
@Timeout(120)
class DeleteAccountApiTest {

    static final String PASSWORD = ApiClient.Members.PASSWORD;
    MutableClock clock = MutableClock.startingNow();
    TestParley parley;
    ApiClient ada;
    ApiClient bob;

    @BeforeEach
    void start() {
        parley = TestParley.start(Map.of(), clock);
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
        bob = member(ada, "bob", "Bob");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    ApiClient member(ApiClient inviter, String username, String displayName) {
        var client = new ApiClient(parley.baseUrl());
        client.signUp(inviter.createInviteCode(), username, displayName);
        return client;
    }

    static ApiClient.Response delete(ApiClient client, String password) {
        return client.send("DELETE", "/api/me", Map.of("password", password), Map.of());
    }

    static List<String> usernames(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.get(field).forEach(m -> out.add(m.get("username").asText()));
        return out;
    }

    String event(ApiClient host, String title, List<String> cohosts) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "");
        body.put("startsAt", clock.instant().plus(Duration.ofDays(2)).toString());
        body.put("lengthMinutes", 60);
        body.put("type", "open");
        body.put("cohosts", cohosts);
        var r = host.post("/api/events", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void a_wrong_password_deletes_nothing() {
        var r = delete(bob, "not my password");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("wrong_password");
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(bob.get("/api/me").status()).isEqualTo(200);
        assertThat(bob.send("DELETE", "/api/me", Map.of(), Map.of()).status()).isEqualTo(400);
        assertThat(new ApiClient(parley.baseUrl()).send("DELETE", "/api/me", Map.of("password", PASSWORD), Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void a_deleted_account_is_logged_out_everywhere_gone_from_profiles_and_lists_and_a_former_member_in_the_tree()
            throws Exception {
        var dan = member(bob, "dan", "Dan"); // bob's invitee: the tree keeps the edge
        var phone = new ApiClient(parley.baseUrl());
        phone.post("/api/session", Map.of("username", "bob", "password", PASSWORD));
        assertThat(bob.put("/api/members/ada/follow", null).status()).isLessThan(300);
        assertThat(ada.put("/api/members/bob/follow", null).status()).isLessThan(300);
        String room = bob.post("/api/rooms", Map.of("title", "Bob's room", "type", "open")).json().get("id").asText();
        String passed = event(bob, "Passed on", List.of("ada"));
        assertThat(ada.post("/api/events/" + passed + "/cohost", Map.of("accept", true)).status()).isLessThan(300);
        String cancelled = event(bob, "Only Bob", List.of());
        assertThat(ada.put("/api/events/" + cancelled + "/rsvp", null).status()).isLessThan(300);

        try (var bobSocket = WsClient.connect(parley.baseUrl(), phone); var adaSocket = WsClient.connect(parley.baseUrl(), ada);
             var bobRoomSocket = WsClient.connect(parley.baseUrl(), bob)) {
            bobSocket.awaitType("hello");
            adaSocket.awaitType("hello");
            bobRoomSocket.awaitType("hello");
            assertThat(bobRoomSocket.call("join", "room", room).get("type").asText()).isEqualTo("ack");
            assertThat(adaSocket.call("join", "room", room).get("type").asText()).isEqualTo("ack");

            var r = delete(bob, PASSWORD);
            assertThat(r.status()).as(r.toString()).isEqualTo(204);

            // Logged out everywhere, at once.
            assertThat(bobSocket.awaitClose().code()).isEqualTo(4401);
            assertThat(bobRoomSocket.awaitClose().code()).isEqualTo(4401);
            assertThat(bob.get("/api/me").status()).isEqualTo(401);
            assertThat(phone.get("/api/me").status()).isEqualTo(401);
            assertThat(new ApiClient(parley.baseUrl()).post("/api/session", Map.of("username", "bob", "password", PASSWORD))
                    .status()).isEqualTo(401);
            // Bob was the room's only moderator and nobody was on stage: the room ends, as when he leaves.
            adaSocket.await(m -> m.path("type").asText().equals("delta") && m.toString().contains("roomEnded")
                    || m.path("type").asText().equals("roomEnded") || m.toString().contains("\"ended\":true"));
        }
        // The profile is gone, from every list.
        assertThat(ada.get("/api/members/bob").status()).isEqualTo(404);
        assertThat(usernames(ada.get("/api/members/ada/followers").json(), "items")).doesNotContain("bob");
        assertThat(usernames(ada.get("/api/members/ada/following").json(), "items")).doesNotContain("bob");
        assertThat(ada.get("/api/hallway").raw()).doesNotContain("\"bob\"");
        // The tree keeps the edge: Dan was invited by a former member, whose name is not shown.
        JsonNode tree = ada.get("/api/invite-tree").json().get("members");
        JsonNode former = null;
        for (JsonNode m : tree) {
            assertThat(m.get("username").asText()).isNotEqualTo("bob");
            if (m.path("former").asBoolean()) {
                former = m;
            }
        }
        assertThat(former).isNotNull();
        assertThat(former.get("displayName").asText()).isEmpty();
        assertThat(former.get("invitedBy").asText()).isEqualTo("ada");
        for (JsonNode m : tree) {
            if (m.get("username").asText().equals("dan")) {
                assertThat(m.get("invitedBy").asText()).isEqualTo(former.get("username").asText());
            }
        }
        assertThat(dan.get("/api/members/dan").json().path("invitedBy").isNull()
                || dan.get("/api/members/dan").json().path("invitedBy").isMissingNode()).isTrue();
        // The username is never given out again.
        var again = new ApiClient(parley.baseUrl()).post("/api/accounts", Map.of("inviteCode", ada.createInviteCode(),
                "username", "BOB", "displayName", "Another Bob", "password", PASSWORD));
        assertThat(again.code()).isEqualTo("username_taken");
        // Events: the one with an accepted co-host passes to her; the other is cancelled.
        JsonNode passedOn = ada.get("/api/events/" + passed).json();
        assertThat(passedOn.get("status").asText()).isEqualTo("scheduled");
        assertThat(passedOn.get("hosts")).singleElement().satisfies(h -> assertThat(h.get("username").asText()).isEqualTo("ada"));
        assertThat(ada.get("/api/events/" + cancelled).json().get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void a_member_the_server_makes_leave_a_live_room_is_gone_and_the_room_goes_on() {
        String room = ada.post("/api/rooms", Map.of("title", "Ada's room", "type", "open")).json().get("id").asText();
        try (var adaSocket = WsClient.connect(parley.baseUrl(), ada); var bobSocket = WsClient.connect(parley.baseUrl(), bob)) {
            adaSocket.awaitType("hello");
            bobSocket.awaitType("hello");
            adaSocket.call("join", "room", room);
            bobSocket.call("join", "room", room);

            assertThat(delete(bob, PASSWORD).status()).isEqualTo(204);

            assertThat(bobSocket.awaitClose().code()).isEqualTo(4401);
            long deadline = System.currentTimeMillis() + 5_000;
            var live = parley.server().rooms().get(room).orElseThrow();
            while (live.snapshot().participants().size() > 1 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(live.snapshot().participants()).singleElement()
                    .satisfies(p -> assertThat(p.username()).isEqualTo("ada"));
            assertThat(adaSocket.call("editTitle", "title", "Still going").get("type").asText()).isEqualTo("ack");
        }
    }

    @Test
    void the_only_owner_of_an_organization_others_operate_hands_it_over_first_and_one_only_they_operate_goes_with_them() {
        assertThat(bob.post("/api/organizations", Map.of("username", "energy", "displayName", "Energy")).status()).isEqualTo(201);
        assertThat(bob.post("/api/organizations", Map.of("username", "solo", "displayName", "Solo")).status()).isEqualTo(201);
        assertThat(bob.put("/api/organizations/energy/delegates/ada", null).status()).isEqualTo(204);

        var refused = delete(bob, PASSWORD);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("sole_owner");
        assertThat(refused.json().get("detail").asText()).contains("energy").doesNotContain("solo");
        assertThat(bob.get("/api/me").status()).isEqualTo(200);

        assertThat(bob.put("/api/organizations/energy/delegates/ada", Map.of("owner", true)).status()).isEqualTo(204);
        assertThat(delete(bob, PASSWORD).status()).isEqualTo(204);

        assertThat(ada.get("/api/members/energy").status()).isEqualTo(200);
        List<String> delegates = new ArrayList<>();
        ada.get("/api/organizations/energy/delegates").json().get("items")
                .forEach(d -> delegates.add(d.get("member").get("username").asText()));
        assertThat(delegates).containsExactly("ada");
        assertThat(ada.get("/api/members/solo").status()).isEqualTo(404);
    }
}
