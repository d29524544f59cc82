package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** The live protocol with several real clients against a real server. */
@Tag("db")
@Timeout(60)
class RoomSignallingTest {

    TestParley parley;
    ApiClient ada;
    ApiClient bob;
    ApiClient cat;
    long adaId;
    long bobId;
    long catId;

    @BeforeEach
    void start() {
        // The default grace (30 s): a room whose creator has not connected yet must not end mid-test.
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        adaId = ada.signUp(parley.createAdminInviteCode(), "ada", "Ada").get("id").asLong();
        bob = new ApiClient(parley.baseUrl());
        bobId = bob.signUp(ada.createInviteCode(), "bob", "Bob").get("id").asLong();
        cat = new ApiClient(parley.baseUrl());
        catId = cat.signUp(parley.createAdminInviteCode(), "cat", "Cat").get("id").asLong();
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    String createRoom(ApiClient host, String type) {
        var r = host.post("/api/rooms", Map.of("title", "Morning show", "type", type));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    WsClient connect(ApiClient member) {
        var ws = WsClient.connect(parley.baseUrl(), member);
        assertThat(ws.awaitType("hello").get("protocol").asInt()).isEqualTo(1);
        return ws;
    }

    /** Joins and returns the client's state built from the snapshot. */
    ClientRoomState join(WsClient ws, String room) {
        ws.send("join", "room", room);
        JsonNode snapshot = ws.awaitType("snapshot");
        var ack = ws.awaitType("ack");
        // The snapshot is taken after the whole batch the join ran in (docs/protocol.md, group commit),
        // so it may already hold later commands, such as another member's presence change.
        assertThat(ack.get("version").asLong()).isLessThanOrEqualTo(snapshot.get("room").get("version").asLong());
        return ClientRoomState.fromSnapshot(snapshot);
    }

    /** Applies deltas from {@code ws} until {@code state} reaches {@code version}. */
    static void catchUp(WsClient ws, ClientRoomState state, long version) {
        while (state.version < version) {
            state.apply(ws.awaitType("delta"));
        }
    }

    @Test
    void a_connection_needs_a_session_and_a_same_site_origin() {
        assertThatThrownBy(() -> WsClient.connect(parley.baseUrl(), null, null)).hasStackTraceContaining("401");
        assertThatThrownBy(() -> WsClient.connect(parley.baseUrl(), "parley_session=" + ada.cookie("parley_session"),
                "https://evil.example")).hasStackTraceContaining("403");
        var ok = WsClient.connect(parley.baseUrl(), "parley_session=" + ada.cookie("parley_session"), parley.baseUrl());
        var hello = ok.awaitType("hello");
        assertThat(hello.get("member").get("username").asText()).isEqualTo("ada");
        assertThat(hello.get("iceServers").isArray()).as("no TURN configured: an empty list").isTrue();
        ok.close();
    }

    @Test
    void the_upgrade_sets_no_cookie_of_its_own() throws Exception {
        // Parley's session cookie is its own; the servlet container must not add one (JSESSIONID) nor keep
        // a container session per connection (Javalin's upgrade asks the request for one).
        var base = java.net.URI.create(parley.baseUrl());
        try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
            String request = "GET /ws HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: " + parley.baseUrl() + "\r\nCookie: parley_session=" + ada.cookie("parley_session") + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            java.util.List<String> head = new java.util.ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            assertThat(head.getFirst()).contains("101");
            assertThat(head).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("set-cookie"));
        }
    }

    @Test
    void clients_get_short_lived_turn_credentials_when_the_node_has_a_turn_relay() {
        try (var withTurn = TestParley.start(Map.of("PARLEY_TURN_URLS", "turn:turn.example.org:3478?transport=udp",
                "PARLEY_TURN_SECRET", "north-sea"))) {
            var member = new ApiClient(withTurn.baseUrl());
            long id = member.signUp(withTurn.createAdminInviteCode(), "tess", "Tess").get("id").asLong();
            try (var ws = WsClient.connect(withTurn.baseUrl(), member)) {
                var server = ws.awaitType("hello").get("iceServers").get(0);
                assertThat(server.get("urls").get(0).asText()).isEqualTo("turn:turn.example.org:3478?transport=udp");
                assertThat(server.get("username").asText()).endsWith(":" + id);
                assertThat(server.get("credential").asText()).isNotBlank();
            }
        }
    }

    @Test
    void the_host_and_a_listener_see_the_same_room_as_it_changes() {
        String room = createRoom(ada, "open");
        try (var a = connect(ada); var b = connect(bob)) {
            var stateA = join(a, room);
            assertThat(stateA.participants.get(adaId).get("role").asText()).isEqualTo("moderator");
            assertThat(stateA.participants.get(adaId).get("away").asBoolean()).isFalse();
            var stateB = join(b, room);
            assertThat(stateB.participants.get(bobId).get("role").asText()).isEqualTo("listener");

            stateA.apply(a.awaitType("delta")); // bob joined
            assertThat(b.call("raiseHand").get("type").asText()).isEqualTo("ack");
            assertThat(a.call("inviteToSpeak", "member", bobId).get("type").asText()).isEqualTo("ack");
            assertThat(b.call("answerInvitation", "accept", true).get("type").asText()).isEqualTo("ack");
            assertThat(b.call("setMuted", "muted", false).get("type").asText()).isEqualTo("ack");
            assertThat(a.call("setMuted", "member", bobId, "muted", true).get("type").asText()).isEqualTo("ack");
            assertThat(a.call("moveToAudience", "member", bobId).get("type").asText()).isEqualTo("ack");

            long last = a.call("lowerHand").get("version").asLong(); // a no-op: the version after everything
            catchUp(a, stateA, last);
            catchUp(b, stateB, last);
            assertThat(stateB.canonical()).isEqualTo(stateA.canonical());
            ObjectAssertions.assertRole(stateA, bobId, "listener", true);
            try (var fresh = connect(bob)) {
                assertThat(join(fresh, room).canonical()).as("a fresh snapshot agrees").isEqualTo(stateA.canonical());
            }
        }
    }

    @Test
    void a_late_joiner_sees_who_is_already_speaking_right_after_the_snapshot() {
        String room = createRoom(ada, "open");
        try (var a = connect(ada)) {
            join(a, room);
            // What the media server publishes when Ada's audio makes her a speaker (real audio is the
            // media tests' business; the bus is the seam between media and signalling).
            parley.server().events().publish(new org.parley.events.SpeakingChanged(room, java.util.Set.of(adaId)));
            assertThat(a.awaitType("speaking").get("members")).extracting(JsonNode::asLong).containsExactly(adaId);

            try (var b = connect(bob)) {
                b.send("join", "room", room);
                var afterHello = b.await(m -> !m.path("type").asText().equals("hello"));
                assertThat(afterHello.get("type").asText()).isEqualTo("snapshot");
                var next = b.await(m -> true);
                assertThat(next.get("type").asText()).as("the speaking set, before the join's ack").isEqualTo("speaking");
                assertThat(next.get("room").asText()).isEqualTo(room);
                assertThat(next.get("members")).extracting(JsonNode::asLong).containsExactly(adaId);
                assertThat(b.await(m -> true).get("type").asText()).isEqualTo("ack");
            }

            // She stopped: a joiner now hears that nobody is speaking, not the old set.
            parley.server().events().publish(new org.parley.events.SpeakingChanged(room, java.util.Set.of()));
            assertThat(a.awaitType("speaking").get("members")).isEmpty();
            try (var c = connect(cat)) {
                join(c, room);
                assertThat(c.awaitType("speaking").get("members")).isEmpty();
            }
        }
    }

    @Test
    void a_forbidden_command_gets_an_error_and_changes_nothing() {
        String room = createRoom(ada, "open");
        try (var a = connect(ada); var b = connect(bob)) {
            join(a, room);
            long version = join(b, room).version;
            var refused = b.call("endRoom");
            assertThat(refused.get("type").asText()).isEqualTo("error");
            assertThat(refused.get("code").asText()).isEqualTo("forbidden");
            assertThat(b.call("setMuted", "member", adaId, "muted", true).get("code").asText()).isEqualTo("forbidden");
            assertThat(b.call("raiseHand").get("version").asLong()).as("the next change is the very next version")
                    .isEqualTo(version + 1);
        }
    }

    @Test
    void bad_messages_get_an_error_and_the_connection_carries_on() {
        String room = createRoom(ada, "open");
        try (var a = connect(ada)) {
            a.sendRaw("not json");
            assertThat(a.awaitType("error").get("code").asText()).isEqualTo("bad_message");
            a.sendRaw("[1,2]");
            assertThat(a.awaitType("error").get("code").asText()).isEqualTo("bad_message");
            assertThat(a.call("frobnicate").get("code").asText()).isEqualTo("bad_message");
            assertThat(a.call("inviteToSpeak", "member", "bob").get("code").asText()).isEqualTo("bad_message");
            assertThat(a.call("raiseHand").get("code").asText()).isEqualTo("not_in_room");
            assertThat(a.call("join", "room", "../../etc").get("code").asText()).isEqualTo("bad_message");
            assertThat(a.call("join", "room", "nosuchroom").get("code").asText()).isEqualTo("room_not_found");
            join(a, room);
        }
    }

    @Test
    void a_dropped_connection_shows_away_and_the_member_is_removed_after_the_grace_period() {
        try (var quick = TestParley.start(Map.of("PARLEY_PRESENCE_GRACE_SECONDS", "1"))) {
            var host = new ApiClient(quick.baseUrl());
            host.signUp(quick.createAdminInviteCode(), "host", "Host");
            var guest = new ApiClient(quick.baseUrl());
            guest.signUp(quick.createAdminInviteCode(), "guest", "Guest");
            String room = host.post("/api/rooms", Map.of("title", "Quick", "type", "open")).json().get("id").asText();
            try (var a = WsClient.connect(quick.baseUrl(), host)) {
                a.awaitType("hello");
                join(a, room);
                var b = WsClient.connect(quick.baseUrl(), guest);
                b.awaitType("hello");
                join(b, room);
                a.awaitType("delta"); // the guest joined
                b.abort();
                JsonNode away = a.await(m -> m.path("type").asText().equals("delta")
                        && m.get("events").get(0).get("type").asText().equals("presenceChanged"));
                assertThat(away.get("events").get(0).get("away").asBoolean()).isTrue();
                JsonNode left = a.await(m -> m.path("type").asText().equals("delta")
                        && m.get("events").get(0).get("type").asText().equals("participantLeft"));
                assertThat(left.get("events").get(0).get("reason").asText()).isEqualTo("timeout");
            }
        }
    }

    @Test
    void a_client_that_reconnects_resumes_from_its_version_with_only_the_missing_deltas() {
        String room = createRoom(ada, "open");
        try (var a = connect(ada)) {
            var stateA = join(a, room);
            var b = connect(bob);
            var stateB = join(b, room);
            stateA.apply(a.awaitType("delta"));
            long bobVersion = stateB.version;
            b.abort();
            a.call("editTitle", "title", "Evening show");
            a.call("setHandRaising", "enabled", false);

            try (var again = connect(bob)) {
                again.send("join", "room", room, "since", bobVersion);
                var first = again.await(m -> !m.path("type").asText().equals("ack"));
                assertThat(first.get("type").asText()).as("deltas, not a snapshot").isEqualTo("delta");
                stateB.apply(first);
                var ack = again.awaitType("ack");
                for (JsonNode d : again.drain()) {
                    if (d.get("type").asText().equals("delta")) {
                        stateB.apply(d);
                    }
                }
                // Back before the grace period: still a listener, present again, for everyone.
                catchUp(a, stateA, ack.get("version").asLong());
                catchUp(again, stateB, ack.get("version").asLong());
                assertThat(stateA.participants.get(bobId).get("away").asBoolean()).isFalse();
                assertThat(stateB.canonical()).isEqualTo(stateA.canonical());
                assertThat(stateB.title).isEqualTo("Evening show");
                assertThat(stateB.participants.get(bobId).get("role").asText()).isEqualTo("listener");
            }
        }
    }

    @Test
    void live_rooms_survive_a_server_restart_and_clients_find_them_again() {
        String room = createRoom(ada, "open");
        try (var a = connect(ada); var b = connect(bob)) {
            join(a, room);
            join(b, room);
            b.call("raiseHand");
            a.call("inviteToSpeak", "member", bobId);
            b.call("answerInvitation", "accept", true);
            a.call("editTitle", "title", "Before the restart");
        }
        parley.restart();
        try (var a = connect(ada)) {
            var state = join(a, room);
            assertThat(state.title).isEqualTo("Before the restart");
            assertThat(state.participants.get(adaId).get("role").asText()).isEqualTo("moderator");
            assertThat(state.participants.get(bobId).get("role").asText()).isEqualTo("speaker");
            assertThat(state.participants.get(bobId).get("away").asBoolean()).as("not back yet").isTrue();
        }
    }

    @Test
    void a_ping_reaches_someone_you_follow_with_a_link_to_the_room() {
        String room = createRoom(ada, "open");
        ada.put("/api/members/bob/follow", null);
        try (var a = connect(ada); var b = connect(bob)) {
            join(a, room);
            var ack = a.call("ping", "username", "bob");
            assertThat(ack.get("delivered").asBoolean()).isTrue();
            var pinged = b.awaitType("pinged");
            assertThat(pinged.get("from").get("username").asText()).isEqualTo("ada");
            assertThat(pinged.get("room").get("url").asText()).isEqualTo("/room/" + room);
            assertThat(a.call("ping", "username", "cat").get("code").asText()).isEqualTo("not_following");
        }
    }

    @Test
    void a_ping_reaches_every_open_connection_of_the_target_and_says_when_none_is_open() throws Exception {
        String room = createRoom(ada, "open");
        ada.put("/api/members/bob/follow", null);
        try (var a = connect(ada)) {
            join(a, room);
            try (var phone = connect(bob); var laptop = connect(bob)) {
                assertThat(a.call("ping", "username", "bob").get("delivered").asBoolean()).isTrue();
                assertThat(phone.awaitType("pinged").get("room").get("id").asText()).isEqualTo(room);
                assertThat(laptop.awaitType("pinged").get("room").get("id").asText()).isEqualTo(room);
            }
            // Bob closed both; the server hears of it a moment later.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            boolean delivered = true;
            while (delivered && System.nanoTime() < deadline) {
                Thread.sleep(100);
                delivered = a.call("ping", "username", "bob").get("delivered").asBoolean();
            }
            assertThat(delivered).as("nobody to deliver to once Bob's connections closed").isFalse();
        }
    }

    @Test
    void a_social_room_admits_only_people_followed_from_the_stage_and_a_closed_room_only_those_picked() {
        String social = createRoom(ada, "social");
        var closed = ada.post("/api/rooms", Map.of("title", "Inner circle", "type", "closed", "members", java.util.List.of("bob")));
        assertThat(closed.status()).isEqualTo(201);
        String closedId = closed.json().get("id").asText();
        try (var b = connect(bob); var c = connect(cat)) {
            assertThat(b.call("join", "room", social).get("code").asText()).isEqualTo("not_allowed");
            ada.put("/api/members/bob/follow", null);
            join(b, social);
            join(b, closedId);
            assertThat(c.call("join", "room", closedId).get("code").asText()).isEqualTo("not_allowed");
            try (var a = connect(ada)) {
                join(a, closedId);
                assertThat(a.call("setAllowed", "members", java.util.List.of(bobId, 999_999L)).get("code").asText())
                        .as("unknown members are refused, not stored").isEqualTo("invalid_target");
                assertThat(a.call("setAllowed", "members", java.util.List.of(bobId, catId)).get("type").asText()).isEqualTo("ack");
            }
            join(c, closedId); // picked while the room is live
            assertThat(cat.get("/api/hallway").json().get("rooms").findValuesAsText("id")).doesNotContain(social).contains(closedId);
            assertThat(bob.get("/api/hallway").json().get("rooms").findValuesAsText("id")).contains(social, closedId);
        }
    }

    @Test
    void a_blocked_member_cannot_enter_rooms_the_blocker_moderates_and_does_not_see_them() {
        String room = createRoom(ada, "open");
        assertThat(ada.put("/api/members/cat/block", null).status()).isEqualTo(204);
        try (var c = connect(cat)) {
            assertThat(c.call("join", "room", room).get("code").asText()).isEqualTo("not_allowed");
        }
        assertThat(cat.get("/api/hallway").json().get("rooms").findValuesAsText("id")).doesNotContain(room);
        assertThat(cat.get("/api/rooms/" + room).status()).isEqualTo(404);
        assertThat(bob.get("/api/hallway").json().get("rooms").findValuesAsText("id")).contains(room);
    }

    @Test
    void the_hallway_puts_rooms_with_followed_people_on_stage_first_and_updates_live() {
        try (var b = connect(bob)) {
            assertThat(b.call("subscribeHallway").get("type").asText()).isEqualTo("ack");
            String catsRoom = createRoom(cat, "open");
            b.awaitType("hallwayChanged");
            String adasRoom = createRoom(ada, "open");
            bob.put("/api/members/ada/follow", null);
            var rooms = bob.get("/api/hallway").json().get("rooms");
            assertThat(rooms.findValuesAsText("id")).containsSubsequence(adasRoom, catsRoom);
            assertThat(rooms.get(0).get("followedOnStage").asInt()).isEqualTo(1);
        }
    }

    @Test
    void a_member_in_a_room_gets_an_ice_lite_answer_for_an_audio_offer_and_garbage_is_refused() {
        String room = createRoom(ada, "open");
        try (var a = connect(ada)) {
            assertThat(a.call("mediaOffer", "sdp", org.parley.media.sdp.Offers.chrome()).get("code").asText())
                    .isEqualTo("not_in_room");
            join(a, room);
            var answer = a.call("mediaOffer", "sdp", org.parley.media.sdp.Offers.chrome());
            assertThat(answer.get("type").asText()).as(answer.toString()).isEqualTo("ack");
            assertThat(answer.get("sdp").asText()).contains("a=ice-lite").contains("a=setup:passive")
                    .contains("127.0.0.1").contains("a=sendonly").contains("a=recvonly");
            var refused = a.call("mediaOffer", "sdp", "v=0\r\nnot an offer");
            assertThat(refused.get("code").asText()).isEqualTo("media_refused");
            assertThat(refused.get("message").asText()).isNotBlank();
        }
    }

    @Test
    void a_media_offer_sent_right_behind_the_join_is_answered_after_the_join() {
        // The web client and the load test send the offer without waiting for the join's ack.
        String room = createRoom(ada, "open");
        try (var b = connect(bob); var c = connect(cat)) {
            String join = b.send("join", "room", room);
            String offer = b.send("mediaOffer", "sdp", org.parley.media.sdp.Offers.chrome());
            assertThat(b.await(m -> join.equals(m.path("id").asText())).get("type").asText()).isEqualTo("ack");
            var answer = b.await(m -> offer.equals(m.path("id").asText()));
            assertThat(answer.get("type").asText()).as(answer.toString()).isEqualTo("ack");
            assertThat(answer.get("sdp").asText()).contains("a=ice-lite");

            ada.put("/api/members/cat/block", null);
            try (var a = connect(ada)) {
                join(a, room); // the blocker moderates the room now
            }
            String refusedJoin = c.send("join", "room", room);
            String refusedOffer = c.send("mediaOffer", "sdp", org.parley.media.sdp.Offers.chrome());
            assertThat(c.await(m -> refusedJoin.equals(m.path("id").asText())).get("code").asText()).isEqualTo("not_allowed");
            assertThat(c.await(m -> refusedOffer.equals(m.path("id").asText())).get("code").asText()).isEqualTo("not_in_room");
        }
    }

    @Test
    void the_room_ends_for_everyone_when_a_moderator_ends_it() {
        String room = createRoom(ada, "open");
        try (var a = connect(ada); var b = connect(bob)) {
            join(a, room);
            join(b, room);
            a.call("endRoom");
            var ended = b.await(m -> m.path("type").asText().equals("delta")
                    && m.get("events").get(0).get("type").asText().equals("roomEnded"));
            assertThat(ended.get("events").get(0).get("reason").asText()).isEqualTo("ended");
            assertThat(bob.get("/api/rooms/" + room).status()).isEqualTo(404);
            assertThat(b.call("join", "room", room).get("code").asText()).isEqualTo("room_not_found");
        }
    }

    /** Small readable assertions on a client's state. */
    static final class ObjectAssertions {
        static void assertRole(ClientRoomState s, long member, String role, boolean muted) {
            assertThat(s.participants.get(member).get("role").asText()).isEqualTo(role);
            assertThat(s.participants.get(member).get("muted").asBoolean()).isEqualTo(muted);
        }
    }
}
