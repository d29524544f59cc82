package org.parley.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.ApiClient.Response;
import org.parley.testing.TestParley;

/** Following and unfollowing, as the two members, their profiles and their lists show it. */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowApiTest {

    TestParley parley;
    ApiClient founder;
    final AtomicInteger names = new AtomicInteger();

    /** A signed-in member: their browser and the username they chose. */
    record Member(ApiClient client, String username) {
        Response follow(Member other) {
            return client.put("/api/members/" + other.username + "/follow", null);
        }

        Response unfollow(Member other) {
            return client.delete("/api/members/" + other.username + "/follow");
        }

        JsonNode profileOf(Member other) {
            return client.get("/api/members/" + other.username).json();
        }

        JsonNode me() {
            return client.get("/api/me").json();
        }
    }

    @BeforeAll
    void start() {
        parley = TestParley.start();
        founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder", "Founder");
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @Test
    void following_someone_shows_on_both_profiles_and_on_getMe() {
        Member ada = member("Ada"), bea = member("Bea");
        assertThat(ada.follow(bea).status()).isEqualTo(204);

        assertThat(ada.me().get("followingCount").asInt()).isEqualTo(1);
        assertThat(ada.me().get("followerCount").asInt()).isZero();
        assertThat(bea.me().get("followerCount").asInt()).isEqualTo(1);
        assertThat(bea.me().get("followingCount").asInt()).isZero();

        JsonNode beaSeenByAda = ada.profileOf(bea);
        assertThat(beaSeenByAda.get("followerCount").asInt()).isEqualTo(1);
        assertThat(beaSeenByAda.get("followedByMe").asBoolean()).isTrue();
        assertThat(beaSeenByAda.get("followsMe").asBoolean()).isFalse();
        JsonNode adaSeenByBea = bea.profileOf(ada);
        assertThat(adaSeenByBea.get("followingCount").asInt()).isEqualTo(1);
        assertThat(adaSeenByBea.get("followedByMe").asBoolean()).isFalse();
        assertThat(adaSeenByBea.get("followsMe").asBoolean()).isTrue();

        assertThat(bea.follow(ada).status()).as("following back").isEqualTo(204);
        assertThat(ada.profileOf(bea).get("followsMe").asBoolean()).isTrue();
        assertThat(ada.profileOf(bea).get("followedByMe").asBoolean()).isTrue();
    }

    @Test
    void following_and_unfollowing_twice_is_harmless() {
        Member ada = member("Ada"), bea = member("Bea");
        assertThat(ada.follow(bea).status()).isEqualTo(204);
        assertThat(ada.follow(bea).status()).isEqualTo(204);
        assertThat(bea.me().get("followerCount").asInt()).isEqualTo(1);
        assertThat(names(ada.client.get("/api/members/" + bea.username + "/followers"))).containsExactly(ada.username);

        assertThat(ada.unfollow(bea).status()).isEqualTo(204);
        assertThat(ada.unfollow(bea).status()).isEqualTo(204);
        assertThat(bea.me().get("followerCount").asInt()).isZero();
        assertThat(ada.me().get("followingCount").asInt()).isZero();
        assertThat(ada.profileOf(bea).get("followedByMe").asBoolean()).isFalse();
        assertThat(list(ada, bea, "followers").get("total").asInt()).isZero();
        assertThat(bea.unfollow(ada).status()).as("unfollowing someone never followed").isEqualTo(204);
    }

    @Test
    void lists_show_the_newest_relationship_first_with_a_total() {
        Member star = member("Star"), b = member("B"), c = member("C"), d = member("D");
        // Followed in another order than they joined, so "newest" cannot be confused with member age.
        for (Member fan : List.of(d, b, c)) {
            assertThat(fan.follow(star).status()).isEqualTo(204);
        }
        JsonNode followers = list(star, star, "followers");
        assertThat(followers.get("total").asInt()).isEqualTo(3);
        assertThat(names(followers)).containsExactly(c.username, b.username, d.username);
        assertThat(followers.get("items").get(0).get("displayName").asText()).isEqualTo("C");

        for (Member idol : List.of(c, d, b)) {
            assertThat(star.follow(idol).status()).isEqualTo(204);
        }
        JsonNode following = list(d, star, "following");
        assertThat(following.get("total").asInt()).isEqualTo(3);
        assertThat(names(following)).containsExactly(b.username, d.username, c.username);

        star.unfollow(d);
        d.unfollow(star);
        d.follow(star); // following again counts as new
        assertThat(names(list(star, star, "followers"))).containsExactly(d.username, c.username, b.username);
        assertThat(names(list(star, star, "following"))).containsExactly(b.username, c.username);
    }

    @Test
    void pages_of_a_list_add_up_to_the_whole_list() {
        Member star = member("Star");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Member fan = member("Fan");
            fan.follow(star);
            expected.add(0, fan.username);
        }
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            JsonNode page = star.client.get("/api/members/" + star.username + "/followers?limit=2&offset=" + offset).json();
            assertThat(page.get("total").asInt()).as("total is the whole list, not the page").isEqualTo(5);
            assertThat(page.get("items").size()).isEqualTo(offset < 4 ? 2 : 1);
            paged.addAll(names(page));
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        JsonNode beyond = star.client.get("/api/members/" + star.username + "/followers?offset=10").json();
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asInt()).isEqualTo(5);
        assertThat(names(star.client.get("/api/members/" + star.username + "/followers?limit=100"))).hasSize(5);
    }

    @Test
    void list_items_say_whether_the_viewer_follows_each_member() {
        Member star = member("Star"), b = member("B"), c = member("C"), viewer = member("Viewer");
        b.follow(star);
        c.follow(star);
        viewer.follow(star);
        viewer.follow(b);

        JsonNode seenByViewer = list(viewer, star, "followers");
        assertThat(flag(seenByViewer, b)).isTrue();
        assertThat(flag(seenByViewer, c)).isFalse();
        assertThat(flag(seenByViewer, viewer)).as("nobody follows themselves").isFalse();

        JsonNode seenByB = list(b, star, "followers");
        assertThat(flag(seenByB, viewer)).isFalse();
        assertThat(flag(seenByB, b)).isFalse();
        assertThat(flag(list(c, viewer, "following"), star)).isTrue();
        assertThat(flag(list(c, viewer, "following"), b)).isFalse();
    }

    @Test
    void following_yourself_is_refused_in_any_letter_case() {
        Member ada = member("Ada");
        for (String name : List.of(ada.username, ada.username.toUpperCase())) {
            var r = ada.client.put("/api/members/" + name + "/follow", null);
            assertThat(r.status()).as(r.toString()).isEqualTo(422);
            assertThat(r.code()).isEqualTo("cannot_follow_self");
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(ada.me().get("followerCount").asInt()).isZero();
        assertThat(ada.me().get("followingCount").asInt()).isZero();
        assertThat(ada.profileOf(ada).get("followedByMe").asBoolean()).isFalse();
        assertThat(ada.unfollow(ada).status()).as("unfollowing yourself is a harmless no-op").isEqualTo(204);
    }

    @Test
    void an_unknown_member_cannot_be_followed_or_listed() {
        Member ada = member("Ada");
        for (Response r : List.of(ada.client.put("/api/members/nobody_here/follow", null),
                ada.client.delete("/api/members/nobody_here/follow"), ada.client.get("/api/members/nobody_here/followers"),
                ada.client.get("/api/members/nobody_here/following"), ada.client.get("/api/members/nobody_here"))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("not_found");
        }
        assertThat(ada.me().get("followingCount").asInt()).isZero();
    }

    @Test
    void usernames_in_paths_are_case_insensitive_and_shown_as_typed() {
        Member ada = member("Ada"), bea = member("Bea");
        String shouting = bea.username.toUpperCase(), whispering = bea.username.toLowerCase();
        assertThat(ada.client.put("/api/members/" + shouting + "/follow", null).status()).isEqualTo(204);
        assertThat(ada.client.put("/api/members/" + whispering + "/follow", null).status()).isEqualTo(204);
        assertThat(bea.me().get("followerCount").asInt()).as("one member, however spelled").isEqualTo(1);
        JsonNode followers = ada.client.get("/api/members/" + whispering + "/followers").json();
        assertThat(names(followers)).containsExactly(ada.username);
        assertThat(names(ada.client.get("/api/members/" + ada.username.toUpperCase() + "/following")))
                .containsExactly(bea.username);
        assertThat(ada.client.get("/api/members/" + shouting).json().get("username").asText()).isEqualTo(bea.username);
        assertThat(ada.client.delete("/api/members/" + shouting + "/follow").status()).isEqualTo(204);
        assertThat(bea.me().get("followerCount").asInt()).isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A new member invited by the founder, with a mixed-case username so case handling shows. */
    private Member member(String displayName) {
        var client = new ApiClient(parley.baseUrl());
        String username = displayName + "_" + names.incrementAndGet() + "x";
        client.signUp(founder.createInviteCode(), username, displayName);
        return new Member(client, username);
    }

    private static JsonNode list(Member viewer, Member of, String which) {
        var r = viewer.client.get("/api/members/" + of.username + "/" + which);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> names(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return names(r.json());
    }

    private static List<String> names(JsonNode memberList) {
        return memberList.get("items").findValuesAsText("username");
    }

    private static boolean flag(JsonNode memberList, Member who) {
        for (JsonNode item : memberList.get("items")) {
            if (item.get("username").asText().equals(who.username)) {
                return item.get("followedByMe").asBoolean();
            }
        }
        throw new AssertionError(who.username + " is not in " + memberList);
    }
}
