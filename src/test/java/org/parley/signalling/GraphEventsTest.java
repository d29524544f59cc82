package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.events.BlockChanged;
import org.parley.events.Event;
import org.parley.events.FollowChanged;
import org.parley.events.MemberJoined;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/**
 * Joining, following and blocking are domain events (events.MemberJoined, FollowChanged, BlockChanged),
 * published once committed; a follow or a block refreshes the hallway of the two members concerned, and
 * of nobody else.
 */
@Tag("db")
@Timeout(60)
class GraphEventsTest {

    TestParley parley;
    ApiClient ada;
    ApiClient bob;
    ApiClient cat;
    long adaId;
    long bobId;
    final List<Event> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        parley = TestParley.start();
        var bus = parley.server().events();
        bus.subscribe(MemberJoined.class, published::add);
        bus.subscribe(FollowChanged.class, published::add);
        bus.subscribe(BlockChanged.class, published::add);
        ada = new ApiClient(parley.baseUrl());
        adaId = ada.signUp(parley.createAdminInviteCode(), "ada", "Ada").get("id").asLong();
        bob = new ApiClient(parley.baseUrl());
        bobId = bob.signUp(ada.createInviteCode(), "bob", "Bob").get("id").asLong();
        cat = new ApiClient(parley.baseUrl());
        cat.signUp(parley.createAdminInviteCode(), "cat", "Cat");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void a_sign_up_is_published_with_who_invited_the_new_member() {
        assertThat(published).contains(new MemberJoined(adaId, null), new MemberJoined(bobId, adaId));
    }

    @Test
    void a_follow_and_an_unfollow_are_published_once_and_a_repeated_follow_not_at_all() {
        published.clear();
        ada.put("/api/members/bob/follow", null);
        ada.put("/api/members/bob/follow", null);
        ada.delete("/api/members/bob/follow");
        ada.delete("/api/members/bob/follow");
        assertThat(published).containsExactly(new FollowChanged(adaId, bobId, true), new FollowChanged(adaId, bobId, false));
    }

    @Test
    void a_follow_refreshes_the_hallways_of_the_two_members_and_nobody_else() throws Exception {
        try (WsClient b = WsClient.connect(parley.baseUrl(), bob); WsClient c = WsClient.connect(parley.baseUrl(), cat)) {
            b.call("subscribeHallway");
            c.call("subscribeHallway");
            ada.put("/api/members/bob/follow", null);
            b.awaitType("hallwayChanged");
            Thread.sleep(2 * HallwayNotices.INTERVAL.toMillis()); // the notice would have been sent by now
            assertThat(c.drain()).noneMatch(m -> m.path("type").asText().equals("hallwayChanged"));
        }
    }

    @Test
    void a_block_refreshes_the_hallways_of_both_members() {
        try (WsClient a = WsClient.connect(parley.baseUrl(), ada); WsClient b = WsClient.connect(parley.baseUrl(), bob)) {
            a.call("subscribeHallway");
            b.call("subscribeHallway");
            bob.put("/api/members/ada/block", null);
            a.awaitType("hallwayChanged");
            b.awaitType("hallwayChanged");
            assertThat(published).contains(new BlockChanged(bobId, adaId, true));
        }
    }
}
