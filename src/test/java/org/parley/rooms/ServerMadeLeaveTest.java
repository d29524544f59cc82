package org.parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/**
 * A leave the server itself makes (no connection asked for it: an account deleted, later a ban) is
 * committed and answered like any other, and the room goes on. It used to throw inside the commit
 * (a null origin through {@code Stream.findFirst}), leaving the command unanswered and the room stalled.
 */
@Tag("db")
@Timeout(60)
class ServerMadeLeaveTest {

    TestParley parley;

    @BeforeEach
    void start() {
        parley = TestParley.start();
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void a_member_the_server_makes_leave_is_gone_and_the_room_keeps_answering() throws Exception {
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
        var bob = new ApiClient(parley.baseUrl());
        long bobId = bob.signUp(ada.createInviteCode(), "bob", "Bob").get("id").asLong();
        String roomId = ada.post("/api/rooms", Map.of("title", "Morning show", "type", "open")).json().get("id").asText();
        try (var adaWs = WsClient.connect(parley.baseUrl(), ada); var bobWs = WsClient.connect(parley.baseUrl(), bob)) {
            adaWs.awaitType("hello");
            bobWs.awaitType("hello");
            adaWs.call("join", "room", roomId);
            bobWs.call("join", "room", roomId);
            Room room = parley.server().rooms().get(roomId).orElseThrow();

            var result = room.submit(bobId, new Command.Leave(false)).get(5, TimeUnit.SECONDS);

            assertThat(result).isInstanceOf(Room.Result.Done.class);
            assertThat(room.snapshot().participants()).noneMatch(p -> p.memberId() == bobId);
            // The room still runs commands: the moderator edits the title and hears back.
            var ack = adaWs.call("editTitle", "title", "Still here");
            assertThat(ack.get("type").asText()).as(ack.toString()).isEqualTo("ack");
            assertThat(room.snapshot().title()).isEqualTo("Still here");
        }
    }
}
