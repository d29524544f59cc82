package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Many clients acting at once, two of them moderators racing each other: every client must end with
 * exactly the server's state, having seen every version once, in order.
 */
@Tag("db")
@Timeout(120)
class RoomConcurrencyTest {

    static final int LISTENERS = 4;
    static final int ACTIONS = 40;

    TestParley parley;
    final List<ApiClient> members = new ArrayList<>();
    final List<Long> ids = new ArrayList<>();

    @BeforeEach
    void start() {
        parley = TestParley.start(Map.of("PARLEY_INVITES_PER_MEMBER", "10"));
        var host = new ApiClient(parley.baseUrl());
        ids.add(host.signUp(parley.createAdminInviteCode(), "host", "Host").get("id").asLong());
        members.add(host);
        for (int i = 1; i <= LISTENERS + 1; i++) {
            var m = new ApiClient(parley.baseUrl());
            ids.add(m.signUp(parley.createAdminInviteCode(), "member" + i, "Member " + i).get("id").asLong());
            members.add(m);
        }
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void clients_acting_at_once_all_end_with_the_servers_state_without_gaps() throws Exception {
        String room = members.get(0).post("/api/rooms", Map.of("title", "Race", "type", "open")).json().get("id").asText();
        List<WsClient> clients = new ArrayList<>();
        List<ClientRoomState> states = new ArrayList<>();
        for (ApiClient m : members) {
            var ws = WsClient.connect(parley.baseUrl(), m);
            ws.awaitType("hello");
            ws.send("join", "room", room);
            states.add(ClientRoomState.fromSnapshot(ws.awaitType("snapshot")));
            ws.awaitType("ack");
            clients.add(ws);
        }
        // Member 1 becomes a second moderator.
        WsClient host = clients.get(0);
        WsClient mod = clients.get(1);
        mod.call("raiseHand");
        host.call("inviteToSpeak", "member", ids.get(1));
        mod.call("answerInvitation", "accept", true);
        assertThat(host.call("makeModerator", "member", ids.get(1)).get("type").asText()).isEqualTo("ack");

        List<Callable<Void>> actors = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            WsClient ws = clients.get(i);
            boolean moderator = i < 2;
            var random = new Random(42 + i);
            actors.add(() -> {
                for (int n = 0; n < ACTIONS; n++) {
                    long target = ids.get(2 + random.nextInt(LISTENERS));
                    JsonNode answer = moderator ? switch (random.nextInt(6)) {
                        case 0 -> ws.call("inviteToSpeak", "member", target);
                        case 1 -> ws.call("moveToAudience", "member", target);
                        case 2 -> ws.call("setMuted", "member", target, "muted", true);
                        case 3 -> ws.call("setMuted", "muted", random.nextBoolean());
                        case 4 -> ws.call("setHandRaising", "enabled", random.nextInt(4) != 0);
                        default -> ws.call("editTitle", "title", "Race " + random.nextInt(100));
                    } : switch (random.nextInt(4)) {
                        case 0 -> ws.call("raiseHand");
                        case 1 -> ws.call("lowerHand");
                        case 2 -> ws.call("answerInvitation", "accept", random.nextBoolean());
                        default -> ws.call("setMuted", "muted", random.nextBoolean());
                    };
                    assertThat(answer.get("type").asText()).isIn("ack", "error");
                    if (answer.get("type").asText().equals("error")) {
                        assertThat(answer.get("code").asText()).isNotEqualTo("unavailable").isNotEqualTo("bad_message");
                    }
                }
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(actors.size())) {
            for (Future<Void> f : pool.invokeAll(actors)) {
                f.get();
            }
        }
        long finalVersion = host.call("lowerHand").get("version").asLong();
        for (int i = 0; i < clients.size(); i++) {
            while (states.get(i).version < finalVersion) {
                states.get(i).apply(clients.get(i).awaitType("delta"));
            }
        }
        try (var fresh = WsClient.connect(parley.baseUrl(), members.get(0))) {
            fresh.awaitType("hello");
            fresh.send("join", "room", room);
            String server = ClientRoomState.fromSnapshot(fresh.awaitType("snapshot")).canonical();
            for (ClientRoomState s : states) {
                assertThat(s.canonical()).isEqualTo(server);
            }
        }
        assertThat(finalVersion).as("the race produced real changes").isGreaterThan(20);
        clients.forEach(WsClient::close);
    }
}
