package org.parley.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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

@Tag("db")
@Timeout(60)
class NotificationsApiTest {

    TestParley parley;
    ApiClient ada;
    ApiClient bob;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        bob = new ApiClient(parley.baseUrl());
        bob.signUp(ada.createInviteCode(), "bob", "Bob Kahn");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void an_invitation_used_and_a_follow_arrive_live_and_stay_in_the_list_until_read() {
        List<String> kinds = kinds(awaitPage(ada, 1));
        assertThat(kinds).containsExactly("invite_used");

        try (WsClient live = WsClient.connect(parley.baseUrl(), ada)) {
            bob.put("/api/members/ada/follow", null);
            JsonNode message = live.awaitType("notification");
            assertThat(message.get("unread").asInt()).isEqualTo(2);
            assertThat(message.get("notification").get("kind").asText()).isEqualTo("followed");
            assertThat(message.get("notification").get("actor").get("username").asText()).isEqualTo("bob");
        }
        JsonNode page = ada.get("/api/notifications").json();
        assertThat(kinds(page)).containsExactly("followed", "invite_used");
        assertThat(page.get("unread").asInt()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("read").asBoolean()).isFalse();

        long newest = page.get("items").get(0).get("id").asLong();
        long oldest = page.get("items").get(1).get("id").asLong();
        assertThat(ada.post("/api/notifications/read", Map.of("upTo", oldest)).status()).isEqualTo(204);
        assertThat(ada.get("/api/notifications").json().get("unread").asInt()).isEqualTo(1);
        assertThat(ada.post("/api/notifications/read", null).status()).isEqualTo(204);
        JsonNode after = ada.get("/api/notifications").json();
        assertThat(after.get("unread").asInt()).isZero();
        assertThat(after.get("items").get(0).get("id").asLong()).isEqualTo(newest);
        assertThat(after.get("items").get(0).get("read").asBoolean()).isTrue();
    }

    @Test
    void a_followed_member_starting_a_room_is_told_once_to_followers_who_may_enter() {
        var cat = new ApiClient(parley.baseUrl());
        cat.signUp(ada.createInviteCode(), "cat", "Cat Stevens");
        bob.put("/api/members/ada/follow", null);
        cat.put("/api/members/ada/follow", null);
        cat.put("/api/members/ada/block", null); // and so cannot enter Ada's rooms any more

        ada.post("/api/rooms", Map.of("title", "Engines", "type", "open"));
        ada.post("/api/rooms", Map.of("title", "Engines again", "type", "open"));

        JsonNode page = awaitPage(bob, 1);
        assertThat(kinds(page)).containsExactly("room_started");
        assertThat(page.get("items").get(0).get("room").get("title").asText()).isEqualTo("Engines");
        assertThat(page.get("items").get(0).get("actor").get("username").asText()).isEqualTo("ada");
        assertThat(kinds(cat.get("/api/notifications").json())).doesNotContain("room_started");
    }

    @Test
    void the_list_pages_back_and_refuses_bad_parameters_and_strangers() {
        for (String name : List.of("cat", "dan", "eve")) {
            var m = new ApiClient(parley.baseUrl());
            m.signUp(parley.createAdminInviteCode(), name, name);
            m.put("/api/members/bob/follow", null);
        }
        awaitPage(bob, 3);
        JsonNode first = bob.get("/api/notifications?limit=2").json();
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = bob.get("/api/notifications?limit=2&before=" + first.get("next").asLong()).json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("next").isNull()).isTrue();

        assertThat(bob.get("/api/notifications?limit=0").code()).isEqualTo("validation");
        assertThat(bob.get("/api/notifications?before=x").status()).isEqualTo(400);
        assertThat(bob.post("/api/notifications/read", Map.of("upTo", "all")).status()).isEqualTo(400);
        assertThat(new ApiClient(parley.baseUrl()).get("/api/notifications").status()).isEqualTo(401);
    }

    /** The list once it holds at least {@code count} notifications (they are stored off the request's thread). */
    static JsonNode awaitPage(ApiClient member, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode page = member.get("/api/notifications").json();
            if (page.get("items").size() >= count || System.nanoTime() > deadline) {
                return page;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static List<String> kinds(JsonNode page) {
        List<String> kinds = new ArrayList<>();
        page.get("items").forEach(n -> kinds.add(n.get("kind").asText()));
        return kinds;
    }
}
