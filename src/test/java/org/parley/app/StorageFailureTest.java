package org.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/**
 * When the store cannot write, Parley refuses loudly and keeps nothing only in memory: HTTP writes
 * get a 503 problem, room commands an {@code unavailable} error that changes nothing anyone sees, and
 * {@code /healthz} turns 503. (The disk-full drill shows the same with a real full disk, and recovery.)
 */
@Tag("db")
@Timeout(60)
class StorageFailureTest {

    @Test
    void a_room_command_that_cannot_be_stored_is_refused_and_nobody_sees_it_happen() throws Exception {
        try (var parley = TestParley.start()) {
            var ada = new ApiClient(parley.baseUrl());
            ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
            var bob = new ApiClient(parley.baseUrl());
            long bobId = bob.signUp(parley.createAdminInviteCode(), "bob", "Bob").get("id").asLong();
            String room = ada.post("/api/rooms", Map.of("title", "Fragile", "type", "open")).json().get("id").asText();
            try (var a = WsClient.connect(parley.baseUrl(), ada); var b = WsClient.connect(parley.baseUrl(), bob)) {
                a.awaitType("hello");
                b.awaitType("hello");
                assertThat(a.call("join", "room", room).get("type").asText()).isEqualTo("ack");
                long joined = b.call("join", "room", room).get("version").asLong();
                a.await(m -> m.path("type").asText().equals("delta") && m.path("version").asLong() == joined);

                parley.server().database().close(); // the store is gone
                var raised = b.call("raiseHand");
                assertThat(raised.get("type").asText()).isEqualTo("error");
                assertThat(raised.get("code").asText()).isEqualTo("unavailable");
                var invited = a.call("inviteToSpeak", "member", bobId);
                assertThat(invited.get("code").asText()).isEqualTo("unavailable");

                // Nobody heard of a change that was not stored: no later delta reached the host.
                Thread.sleep(1_500); // longer than the room's delta flush interval (RoomFeed.FLUSH_INTERVAL)
                assertThat(a.drain()).noneMatch(m -> m.path("type").asText().equals("delta"));
                var write = ada.patch("/api/me", Map.of("bio", "lost?"));
                assertThat(write.status()).isEqualTo(503);
                assertThat(write.contentType()).startsWith("application/problem+json");
                assertThat(ada.get("/healthz").status()).isEqualTo(503);
            }
        }
    }
}
