package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * docs/protocol.md promises that a refused command changed nothing. The commands that do something
 * before they can be refused are a {@code join} while in another room (which leaves that room) and
 * a {@code leave} (which detaches the connection from its room): refused, they must leave the
 * member, their place in the room and their connection exactly as they were.
 */
@Tag("db")
@Timeout(60)
class RefusedCommandsChangeNothingTest {

    TestParley parley;
    ApiClient ada;
    ApiClient bob;
    ApiClient cat;
    long bobId;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
        bob = new ApiClient(parley.baseUrl());
        bobId = bob.signUp(parley.createAdminInviteCode(), "bob", "Bob").get("id").asLong();
        cat = new ApiClient(parley.baseUrl());
        cat.signUp(parley.createAdminInviteCode(), "cat", "Cat");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void a_listener_with_a_raised_hand_keeps_their_place_when_a_closed_room_refuses_them() {
        String room = openRoom(ada);
        String closed = createRoom(cat, Map.of("title", "Inner circle", "type", "closed"));
        try (var a = connect(parley, ada); var b = connect(parley, bob)) {
            join(a, room);
            join(b, room);
            long version = b.call("raiseHand").get("version").asLong();

            assertThat(b.call("join", "room", closed).get("code").asText()).isEqualTo("not_allowed");

            assertStillInTheRoomWithTheHandUp(a, b, room, version);
        }
    }

    @Test
    void a_listener_with_a_raised_hand_keeps_their_place_when_a_room_they_were_removed_from_refuses_them() {
        String room = openRoom(ada);
        String catsRoom = openRoom(cat);
        try (var a = connect(parley, ada); var b = connect(parley, bob); var c = connect(parley, cat)) {
            join(c, catsRoom);
            join(b, catsRoom);
            assertThat(c.call("remove", "member", bobId).get("type").asText()).isEqualTo("ack");
            assertThat(b.awaitType("left").get("reason").asText()).isEqualTo("removed");
            join(a, room);
            join(b, room);
            long version = b.call("raiseHand").get("version").asLong();

            assertThat(b.call("join", "room", catsRoom).get("code").asText()).isEqualTo("removed_from_room");

            assertStillInTheRoomWithTheHandUp(a, b, room, version);
        }
    }

    @Test
    void a_listener_with_a_raised_hand_keeps_their_place_when_a_full_room_refuses_them() {
        try (var small = TestParley.start(Map.of("PARLEY_ROOM_CAPACITY", "2"))) {
            var host = new ApiClient(small.baseUrl());
            host.signUp(small.createAdminInviteCode(), "host", "Host");
            var guest = new ApiClient(small.baseUrl());
            guest.signUp(small.createAdminInviteCode(), "guest", "Guest");
            var other = new ApiClient(small.baseUrl());
            other.signUp(small.createAdminInviteCode(), "other", "Other");
            var fan = new ApiClient(small.baseUrl());
            fan.signUp(small.createAdminInviteCode(), "fan", "Fan");
            String room = openRoom(host);
            String full = openRoom(other); // its creator and the fan: two, the capacity
            try (var h = connect(small, host); var g = connect(small, guest); var f = connect(small, fan)) {
                join(f, full);
                join(h, room);
                join(g, room);
                long version = g.call("raiseHand").get("version").asLong();

                assertThat(g.call("join", "room", full).get("code").asText()).isEqualTo("room_full");

                assertStillInTheRoomWithTheHandUp(h, g, room, version);
            }
        }
    }

    @Test
    void the_only_moderator_trying_a_room_that_refuses_them_does_not_end_their_room() {
        String room = openRoom(ada);
        String closed = createRoom(cat, Map.of("title", "Inner circle", "type", "closed"));
        try (var a = connect(parley, ada); var b = connect(parley, bob)) {
            join(a, room);
            join(b, room);
            long version = b.call("raiseHand").get("version").asLong();

            assertThat(a.call("join", "room", closed).get("code").asText()).isEqualTo("not_allowed");

            // The room goes on, led by the same moderator: her next command is the room's next version.
            assertStillInTheRoomWithTheHandUp(a, b, room, version);
            assertThat(b.drain()).noneMatch(m -> m.toString().contains("roomEnded"));
            assertThat(ada.get("/api/rooms/" + room).status()).isEqualTo(200);
        }
    }

    @Test
    void a_join_accepted_elsewhere_still_leaves_the_previous_room_quietly() {
        String room = openRoom(ada);
        String catsRoom = openRoom(cat);
        try (var a = connect(parley, ada); var b = connect(parley, bob)) {
            join(a, room);
            join(b, room);
            long version = b.call("raiseHand").get("version").asLong();

            join(b, catsRoom);

            JsonNode left = a.await(m -> m.path("type").asText().equals("delta") && m.toString().contains("participantLeft"));
            assertThat(left.get("version").asLong()).isEqualTo(version + 1);
            assertThat(left.get("events").get(0).get("memberId").asLong()).isEqualTo(bobId);
            assertThat(left.get("events").get(0).get("reason").asText()).isEqualTo("quiet");
            long title = a.call("editTitle", "title", "Without Bob").get("version").asLong();
            assertThat(b.call("raiseHand").get("type").asText()).as("in the new room, as a listener").isEqualTo("ack");
            assertThat(b.drain()).as("the old room's later changes no longer reach the connection")
                    .noneMatch(m -> room.equals(m.path("room").asText()) && m.path("version").asLong() >= title);
        }
    }

    @Test
    void a_leave_the_room_cannot_record_keeps_the_member_and_the_connection_in_the_room() {
        String room = openRoom(ada);
        try (var a = connect(parley, ada); var b = connect(parley, bob)) {
            join(a, room);
            join(b, room);
            parley.server().database().close();

            assertThat(b.call("leave").get("code").asText()).isEqualTo("unavailable");

            // Still in the room: a command that changes nothing (and so needs no database) is accepted,
            // where a connection that had left would hear not_in_room.
            assertThat(b.call("lowerHand").get("type").asText()).isEqualTo("ack");
        }
    }

    /**
     * The listener on {@code listener} is in {@code room} as before the refusal at {@code version}:
     * the room's next change is the very next version, their connection still follows the room,
     * and their hand is still up (lowering it is a change).
     */
    static void assertStillInTheRoomWithTheHandUp(WsClient host, WsClient listener, String room, long version) {
        JsonNode next = host.call("editTitle", "title", "Still going");
        assertThat(next.get("type").asText()).as(next.toString()).isEqualTo("ack");
        assertThat(next.get("version").asLong()).as("nothing happened in the room since").isEqualTo(version + 1);
        JsonNode delta = listener.await(m -> m.path("type").asText().equals("delta") && m.path("version").asLong() == version + 1);
        assertThat(delta.get("room").asText()).as("the connection still follows the room").isEqualTo(room);
        assertThat(delta.get("events").get(0).get("type").asText()).isEqualTo("settingsChanged");
        JsonNode lower = listener.call("lowerHand");
        assertThat(lower.get("type").asText()).as(lower.toString()).isEqualTo("ack");
        assertThat(lower.get("version").asLong()).as("the hand was still up").isEqualTo(version + 2);
    }

    static String createRoom(ApiClient host, Map<String, Object> fields) {
        var r = host.post("/api/rooms", fields);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static String openRoom(ApiClient host) {
        return createRoom(host, Map.of("title", "Morning show", "type", "open"));
    }

    static WsClient connect(TestParley server, ApiClient member) {
        var ws = WsClient.connect(server.baseUrl(), member);
        ws.awaitType("hello");
        return ws;
    }

    static ClientRoomState join(WsClient ws, String room) {
        String id = ws.send("join", "room", room);
        var state = ClientRoomState.fromSnapshot(ws.awaitType("snapshot"));
        JsonNode answer = ws.await(m -> id.equals(m.path("id").asText()));
        assertThat(answer.get("type").asText()).as(answer.toString()).isEqualTo("ack");
        return state;
    }
}
