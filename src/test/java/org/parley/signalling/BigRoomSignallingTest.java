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
import org.parley.testing.Crowd;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/**
 * A room whose audience is bigger than the page every client holds (docs/protocol.md, "What a client
 * holds"): the stage, the hands and the first 50 listeners in full, the rest as a count — and every
 * client still ends with exactly what a fresh snapshot says.
 */
@Tag("db")
@Timeout(120)
class BigRoomSignallingTest {

    /** RoomView.AUDIENCE_PAGE: the listeners every client holds in full. */
    static final int PAGE = 50;
    static final int CROWD = PAGE + 6;

    TestParley parley;
    ApiClient host;
    long hostId;
    String room;
    WsClient hostWs;
    ClientRoomState hostState;
    List<Crowd.Member> crowd;
    final List<WsClient> sockets = new ArrayList<>();
    final List<ClientRoomState> states = new ArrayList<>();

    @BeforeEach
    void start() {
        parley = TestParley.start(Map.of("PARLEY_PRESENCE_GRACE_SECONDS", "600"));
        host = new ApiClient(parley.baseUrl());
        hostId = host.signUp(parley.createAdminInviteCode(), "host", "Host").get("id").asLong();
        room = host.post("/api/rooms", Map.of("title", "Town hall", "type", "open")).json().get("id").asText();
        hostWs = WsClient.connect(parley.baseUrl(), host);
        hostWs.awaitType("hello");
        hostState = join(hostWs, room);
        crowd = Crowd.signedIn(parley, "crowd", CROWD);
        for (Crowd.Member m : crowd) {
            WsClient ws = Crowd.connect(parley, m);
            sockets.add(ws);
            states.add(join(ws, room));
        }
    }

    @AfterEach
    void stop() {
        sockets.forEach(WsClient::close);
        hostWs.close();
        parley.close();
    }

    static ClientRoomState join(WsClient ws, String room) {
        ws.send("join", "room", room);
        JsonNode snapshot = ws.awaitType("snapshot");
        ws.awaitType("ack");
        assertThat(snapshot.get("you").get("username").asText()).as("the joiner's own entry").isNotBlank();
        return ClientRoomState.fromSnapshot(snapshot);
    }

    /** The room's version now: the host is on stage and hears every batch at once. */
    long version() {
        return hostWs.call("lowerHand").get("version").asLong();
    }

    /** Every client applies its deltas up to {@code version} (audience churn comes within a second). */
    void everyoneCatchesUp(long version) {
        RoomSignallingTest.catchUp(hostWs, hostState, version);
        for (int i = 0; i < sockets.size(); i++) {
            if (states.get(i) != null) {
                RoomSignallingTest.catchUp(sockets.get(i), states.get(i), version);
            }
        }
    }

    String freshSnapshot() {
        try (var fresh = WsClient.connect(parley.baseUrl(), host)) {
            fresh.awaitType("hello");
            return join(fresh, room).canonical();
        }
    }

    void everyoneAgreesWithAFreshSnapshot() {
        long v = version();
        everyoneCatchesUp(v);
        String server = freshSnapshot();
        assertThat(hostState.canonical()).isEqualTo(server);
        for (ClientRoomState s : states) {
            if (s != null) {
                assertThat(s.canonical()).isEqualTo(server);
            }
        }
    }

    @Test
    void a_big_audience_is_counted_and_every_client_holds_the_stage_and_the_first_page_in_full() {
        everyoneAgreesWithAFreshSnapshot();
        assertThat(hostState.listenerCount).isEqualTo(CROWD);
        assertThat(hostState.participants).as("the host and the first page of listeners").hasSize(1 + PAGE)
                .containsKeys(hostId, crowd.get(0).id(), crowd.get(PAGE - 1).id()).doesNotContainKey(crowd.get(PAGE).id());
        // A late listener's snapshot still names them.
        try (var again = Crowd.connect(parley, crowd.getLast())) {
            again.send("join", "room", room);
            assertThat(again.awaitType("snapshot").get("you").get("memberId").asLong()).isEqualTo(crowd.getLast().id());
        }
    }

    @Test
    void a_hand_raised_beyond_the_page_comes_into_view_for_everyone_and_goes_when_lowered() {
        Crowd.Member late = crowd.getLast();
        WsClient lateWs = sockets.getLast();
        long raised = lateWs.call("raiseHand").get("version").asLong();
        RoomSignallingTest.catchUp(hostWs, hostState, raised);
        assertThat(hostState.participants.get(late.id()).get("handOrder").asLong()).as("the host sees the hand").isPositive();
        RoomSignallingTest.catchUp(lateWs, states.getLast(), raised);
        assertThat(states.getLast().participants).as("the raiser holds itself now").containsKey(late.id());
        everyoneAgreesWithAFreshSnapshot();

        long invited = hostWs.call("inviteToSpeak", "member", late.id()).get("version").asLong();
        RoomSignallingTest.catchUp(lateWs, states.getLast(), invited);
        assertThat(states.getLast().participants.get(late.id()).get("invitedToSpeak").asBoolean()).isTrue();
        lateWs.call("answerInvitation", "accept", false);
        lateWs.call("lowerHand");
        everyoneAgreesWithAFreshSnapshot();
        assertThat(hostState.participants).as("back among the counted").doesNotContainKey(late.id());
        assertThat(hostState.listenerCount).isEqualTo(CROWD);
    }

    @Test
    void when_an_early_listener_leaves_the_next_one_moves_into_the_page() {
        sockets.getFirst().call("leave");
        states.set(0, null);
        everyoneAgreesWithAFreshSnapshot();
        assertThat(hostState.listenerCount).isEqualTo(CROWD - 1);
        assertThat(hostState.participants).doesNotContainKey(crowd.get(0).id()).containsKey(crowd.get(PAGE).id())
                .hasSize(1 + PAGE);
    }

    @Test
    void a_burst_of_joins_reaches_a_listener_as_a_few_summarised_deltas_and_the_stage_as_it_happens() throws Exception {
        List<Crowd.Member> burst = Crowd.signedIn(parley, "burst", 30);
        WsClient listener = sockets.getFirst();
        everyoneCatchesUp(version());
        List<Callable<WsClient>> joins = new ArrayList<>();
        for (Crowd.Member m : burst) {
            joins.add(() -> {
                WsClient ws = Crowd.connect(parley, m);
                join(ws, room);
                return ws;
            });
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<WsClient> f : pool.invokeAll(joins)) {
                sockets.add(f.get());
                states.add(null); // not followed here
            }
        }
        long v = version();
        int listenerDeltas = 0;
        while (states.getFirst().version < v) {
            states.getFirst().apply(listener.awaitType("delta"));
            listenerDeltas++;
        }
        int hostDeltas = 0;
        while (hostState.version < v) {
            hostState.apply(hostWs.awaitType("delta"));
            hostDeltas++;
        }
        assertThat(listenerDeltas).as("30 joins, summarised for the audience").isLessThanOrEqualTo(10);
        assertThat(hostDeltas).as("the stage hears each batch").isGreaterThanOrEqualTo(listenerDeltas);
        assertThat(states.getFirst().listenerCount).isEqualTo(CROWD + 30);
        assertThat(states.getFirst().canonical()).isEqualTo(freshSnapshot());
    }

    @Test
    void a_removed_listener_and_their_other_tab_are_told_they_are_out() {
        Crowd.Member target = crowd.getLast();
        try (var otherTab = Crowd.connect(parley, target)) {
            join(otherTab, room);
            assertThat(hostWs.call("remove", "member", target.id()).get("type").asText()).isEqualTo("ack");
            for (WsClient ws : List.of(sockets.getLast(), otherTab)) {
                JsonNode left = ws.awaitType("left");
                assertThat(left.get("reason").asText()).isEqualTo("removed");
                assertThat(left.get("room").asText()).isEqualTo(room);
            }
            assertThat(otherTab.call("join", "room", room).get("code").asText()).isEqualTo("removed_from_room");
        }
        states.set(states.size() - 1, null);
        everyoneAgreesWithAFreshSnapshot();
    }

    @Test
    void leaving_in_one_tab_tells_the_other_tab_and_the_leaving_one_hears_its_ack() {
        Crowd.Member member = crowd.get(3);
        try (var otherTab = Crowd.connect(parley, member)) {
            join(otherTab, room);
            WsClient leaving = sockets.get(3);
            assertThat(leaving.call("leave").get("type").asText()).isEqualTo("ack");
            assertThat(otherTab.awaitType("left").get("reason").asText()).isEqualTo("left");
            assertThat(leaving.drain()).noneMatch(m -> m.path("type").asText().equals("left"));
        }
        states.set(3, null);
        everyoneAgreesWithAFreshSnapshot();
    }

    @Test
    void a_listener_resuming_gets_one_delta_covering_the_batches_it_missed() {
        WsClient gone = sockets.getLast();
        ClientRoomState state = states.getLast();
        long since = state.version;
        gone.abort();
        states.set(states.size() - 1, null);
        hostWs.call("editTitle", "title", "Town hall, later");
        for (Crowd.Member m : Crowd.signedIn(parley, "later", 4)) {
            WsClient ws = Crowd.connect(parley, m);
            join(ws, room);
            sockets.add(ws);
            states.add(null);
        }
        try (var back = Crowd.connect(parley, crowd.getLast())) {
            back.send("join", "room", room, "since", since);
            JsonNode first = back.await(m -> !m.path("type").asText().equals("ack"));
            assertThat(first.get("type").asText()).as("a delta, not a snapshot").isEqualTo("delta");
            assertThat(first.get("from").asLong()).isEqualTo(since + 1);
            state.apply(first);
            long ack = back.awaitType("ack").get("version").asLong();
            RoomSignallingTest.catchUp(back, state, ack);
            assertThat(state.title).isEqualTo("Town hall, later");
            assertThat(state.canonical()).isEqualTo(freshSnapshot());
        }
    }

    @Test
    void who_is_speaking_reaches_every_connection_in_the_room_with_the_latest_word_last() {
        // The media server reports speaking changes from its packet thread; the room fans them out
        // (MediaSignals#speaking), and a newer notice replaces one not sent yet.
        var live = parley.server().rooms().get(room).orElseThrow();
        live.notice("{\"type\":\"speaking\",\"room\":\"" + room + "\",\"members\":[" + hostId + "]}");
        live.notice("{\"type\":\"speaking\",\"room\":\"" + room + "\",\"members\":[]}");
        for (WsClient ws : sockets) {
            JsonNode last;
            do {
                last = ws.awaitType("speaking");
            } while (last.get("members").size() != 0);
            assertThat(last.get("room").asText()).isEqualTo(room);
        }
    }

    @Test
    void clients_of_a_big_room_acting_at_once_all_end_with_what_a_fresh_snapshot_says() throws Exception {
        // Listeners in the page and beyond it; a few of them also resynchronise now and then.
        List<Integer> acting = new ArrayList<>(List.of(0, 8, 16, 24, 32, 40, 48));
        for (int i = PAGE; i < CROWD; i++) {
            acting.add(i);
        }
        List<Callable<Void>> actors = new ArrayList<>();
        for (int index : acting) {
            var random = new Random(7 + index);
            boolean resyncs = index % 16 == 0;
            actors.add(() -> {
                for (int n = 0; n < 12; n++) {
                    WsClient ws = sockets.get(index);
                    JsonNode answer = switch (random.nextInt(resyncs ? 5 : 4)) {
                        case 0, 1 -> ws.call("raiseHand");
                        case 2 -> ws.call("lowerHand");
                        case 3 -> ws.call("answerInvitation", "accept", random.nextBoolean());
                        default -> ws.call("join", "room", room, "since", 0); // a resync: a snapshot
                    };
                    assertThat(answer.get("type").asText()).isIn("ack", "error");
                }
                return null;
            });
        }
        var hostRandom = new Random(3);
        actors.add(() -> {
            for (int n = 0; n < 20; n++) {
                Crowd.Member target = crowd.get(acting.get(hostRandom.nextInt(acting.size())));
                switch (hostRandom.nextInt(4)) {
                    case 0 -> hostWs.call("inviteToSpeak", "member", target.id());
                    case 1 -> hostWs.call("moveToAudience", "member", target.id());
                    case 2 -> hostWs.call("setHandRaising", "enabled", hostRandom.nextInt(3) != 0);
                    default -> hostWs.call("setMuted", "member", target.id(), "muted", true);
                }
            }
            hostWs.call("setHandRaising", "enabled", true);
            return null;
        });
        // The clients that resynchronise rebuild their state from what the server sends them then.
        for (int index : acting) {
            if (index % 16 == 0) {
                states.set(index, null);
            }
        }
        try (var pool = Executors.newFixedThreadPool(actors.size())) {
            for (Future<Void> f : pool.invokeAll(actors)) {
                f.get();
            }
        }
        everyoneAgreesWithAFreshSnapshot();
        assertThat(hostState.version).as("the race produced real changes").isGreaterThan(CROWD + 20);
    }
}
