package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

@Tag("db")
@Timeout(90)
class SearchApiTest {

    MutableClock clock;
    TestParley parley;
    ApiClient ada;
    ApiClient bob;
    ApiClient cat;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        parley = TestParley.start(Map.of(), clock);
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        bob = new ApiClient(parley.baseUrl());
        bob.signUp(ada.createInviteCode(), "bob", "Bob Kahn");
        cat = new ApiClient(parley.baseUrl());
        cat.signUp(ada.createInviteCode(), "cat", "Cat Stevens");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    ApiClient member(String username, String displayName, String bio) {
        var client = new ApiClient(parley.baseUrl());
        client.signUp(ada.createInviteCode(), username, displayName);
        if (bio != null) {
            assertThat(client.patch("/api/me", Map.of("bio", bio)).status()).isEqualTo(200);
        }
        return client;
    }

    static ApiClient.Response search(ApiClient who, String q, String extra) {
        return who.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + (extra == null ? "" : "&" + extra));
    }

    /** The ids (usernames for members) found of one kind, in order. */
    static List<String> found(ApiClient who, String q, String kind) {
        var r = search(who, q, "kind=" + kind + "&limit=50");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode g : r.json().get("groups")) {
            for (JsonNode item : g.get("items")) {
                out.add(kind.equals("member") ? item.get("shown").get("username").asText() : item.get("id").asText());
            }
        }
        return out;
    }

    @Test
    void members_are_found_by_prefix_with_a_typo_and_without_accents_case_or_their_script() {
        member("elon_m", "Elon Musk", "Rockets and cars");
        member("vlad", "Vladimir Putin", null);
        member("ioana", "Ioana Popescu", "Vorbesc românește și puțin franceză");
        member("volodya", "Владимир Ёлкин", "Говорю по-русски");
        member("juergen", "Jürgen Großmann", "Straßenbahn fan");
        member("dirk", "Dirk van der Ĳssel", "Ik spreek Nederlands");

        assertThat(found(bob, "elon mu", "member")).containsExactly("elon_m");
        assertThat(found(bob, "ELON", "member")).containsExactly("elon_m");
        assertThat(found(bob, "putn", "member")).containsExactly("vlad");
        assertThat(found(bob, "Vladmir", "member")).containsExactly("vlad");
        assertThat(found(bob, "romaneste", "member")).containsExactly("ioana");
        assertThat(found(bob, "ROMÂNEŞTE", "member")).as("s-cedilla, as old keyboards type it").containsExactly("ioana");
        assertThat(found(bob, "владимир", "member")).containsExactly("volodya");
        assertThat(found(bob, "елкин", "member")).as("ё typed as е").containsExactly("volodya");
        assertThat(found(bob, "влад", "member")).containsExactly("volodya");
        assertThat(found(bob, "grossmann", "member")).containsExactly("juergen");
        assertThat(found(bob, "jurgen", "member")).containsExactly("juergen");
        assertThat(found(bob, "Juergen", "member")).containsExactly("juergen");
        assertThat(found(bob, "strassenbahn", "member")).containsExactly("juergen");
        assertThat(found(bob, "ijssel", "member")).containsExactly("dirk");
        assertThat(found(bob, "nederlands", "member")).containsExactly("dirk");
        assertThat(found(bob, "zzzz", "member")).isEmpty();
    }

    @Test
    void people_the_searcher_follows_come_first_then_those_they_follow_then_the_rest() {
        member("sam", "Sam", "Sam sam sam");
        member("sam_two", "Sam Two", null);
        var three = member("sam_three", "Sam Three", null);
        bob.put("/api/members/sam_three/follow", null);
        three.put("/api/members/sam_two/follow", null);

        assertThat(found(bob, "sam", "member")).containsExactly("sam_three", "sam_two", "sam");
        assertThat(found(cat, "sam", "member")).startsWith("sam").containsExactlyInAnyOrder("sam", "sam_two", "sam_three");
    }

    @Test
    void a_block_hides_both_members_from_each_other_until_it_is_lifted() {
        assertThat(found(cat, "bob", "member")).containsExactly("bob");
        assertThat(bob.put("/api/members/cat/block", null).status()).isEqualTo(204);
        assertThat(found(cat, "bob", "member")).isEmpty();
        assertThat(found(bob, "cat", "member")).isEmpty();
        assertThat(found(ada, "bob", "member")).containsExactly("bob");
        bob.delete("/api/members/cat/block");
        assertThat(found(cat, "bob kahn", "member")).containsExactly("bob");
        assertThat(found(bob, "stevens", "member")).containsExactly("cat");
    }

    @Test
    void a_profile_edit_is_found_at_once_and_the_old_name_is_not() {
        assertThat(bob.patch("/api/me", Map.of("displayName", "Robert Elliot", "bio", "Packets, mostly")).status())
                .isEqualTo(200);
        assertThat(found(cat, "robert", "member")).containsExactly("bob");
        assertThat(found(cat, "packets", "member")).containsExactly("bob");
        assertThat(found(cat, "kahn", "member")).isEmpty();
    }

    @Test
    void a_deleted_account_is_never_found_again() {
        var zed = member("zed", "Zed Shaw", "Leaving soon");
        assertThat(found(bob, "zed", "member")).containsExactly("zed");
        var deleted = zed.send("DELETE", "/api/me", Map.of("password", ApiClient.Members.PASSWORD), Map.of());
        assertThat(deleted.status()).as(deleted.toString()).isBetween(200, 204);
        assertThat(found(bob, "zed", "member")).isEmpty();
        assertThat(found(bob, "leaving", "member")).isEmpty();
        try (Search fresh = parley.server().search().rebuilt()) {
            long bobId = bob.get("/api/me").json().get("id").asLong();
            assertThat(fresh.find(bobId, "zed", "member", 0, 5).get(0).items()).as("nor after a rebuild").isEmpty();
        }
    }

    String room(ApiClient host, String title, String type, List<String> members) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "Talking about Lucene");
        body.put("language", "ro");
        body.put("type", type);
        if (!members.isEmpty()) {
            body.put("members", members);
        }
        var r = host.post("/api/rooms", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void closed_rooms_are_found_only_by_those_admitted_and_ended_rooms_disappear() {
        String open = room(ada, "Open kitchen", "open", List.of());
        String closed = room(ada, "Closed kitchen", "closed", List.of("bob"));
        assertThat(found(bob, "kitchen", "room")).containsExactlyInAnyOrder(open, closed);
        assertThat(found(cat, "kitchen", "room")).containsExactly(open);
        assertThat(found(cat, "lucene", "room")).containsExactly(open);
        assertThat(found(cat, "ro", "room")).as("by its language").containsExactly(open);
        assertThat(found(ada, "kitchen", "room")).containsExactlyInAnyOrder(open, closed);

        // Nobody in a block with a moderator finds the room.
        cat.put("/api/members/ada/block", null);
        assertThat(found(cat, "kitchen", "room")).isEmpty();
        cat.delete("/api/members/ada/block");

        try (var ws = WsClient.connect(parley.baseUrl(), ada)) {
            ws.awaitType("hello");
            ws.send("join", "room", open);
            ws.awaitType("snapshot");
            ws.awaitType("ack");
            assertThat(ws.call("endRoom").path("type").asText()).isEqualTo("ack");
        }
        assertThat(found(bob, "kitchen", "room")).containsExactly(closed);
    }

    @Test
    void social_rooms_are_found_by_those_the_stage_follows() {
        String social = room(ada, "Friends only", "social", List.of());
        assertThat(found(bob, "friends", "room")).isEmpty();
        ada.put("/api/members/bob/follow", null);
        assertThat(found(bob, "friends", "room")).containsExactly(social);
    }

    Map<String, Object> event(String title, String type) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "Qubits and a cup");
        body.put("startsAt", clock.instant().plus(Duration.ofDays(2)).toString());
        body.put("lengthMinutes", 60);
        body.put("language", "de");
        body.put("type", type);
        return body;
    }

    @Test
    void upcoming_events_follow_their_edits_and_cancels_and_closed_ones_stay_their_hosts() {
        String open = ada.post("/api/events", event("Quantum tea", "open")).json().get("id").asText();
        String closed = ada.post("/api/events", event("Quantum board", "closed")).json().get("id").asText();
        assertThat(found(bob, "quantum", "event")).containsExactly(open);
        assertThat(found(ada, "quantum", "event")).containsExactlyInAnyOrder(open, closed);
        assertThat(found(bob, "qubits", "event")).containsExactly(open);

        assertThat(ada.patch("/api/events/" + open, Map.of("title", "Quantum coffee")).status()).isEqualTo(200);
        assertThat(found(bob, "coffee", "event")).containsExactly(open);
        assertThat(found(bob, "tea", "event")).isEmpty();

        bob.put("/api/members/ada/block", null);
        assertThat(found(bob, "quantum", "event")).isEmpty();
        bob.delete("/api/members/ada/block");

        assertThat(ada.post("/api/events/" + open + "/cancel", null).status()).isEqualTo(200);
        assertThat(found(bob, "quantum", "event")).isEmpty();
        assertThat(found(ada, "quantum", "event")).containsExactly(closed);
    }

    @Test
    void results_come_grouped_by_kind_and_one_kind_pages() {
        for (int i = 1; i <= 7; i++) {
            member("pat" + i, "Pat Number " + i, null);
        }
        room(ada, "Pat's room", "open", List.of());
        JsonNode all = search(bob, "pat", null).json();
        assertThat(all.get("q").asText()).isEqualTo("pat");
        assertThat(all.get("groups").get(0).get("kind").asText()).isEqualTo("member");
        assertThat(all.get("groups").get(0).get("items")).hasSize(5);
        assertThat(all.get("groups").get(0).get("next").asInt()).isEqualTo(5);
        assertThat(all.get("groups").get(1).get("kind").asText()).isEqualTo("room");
        assertThat(all.get("groups").get(1).get("items").get(0).get("shown").get("title").asText()).isEqualTo("Pat's room");

        List<String> pages = new ArrayList<>();
        JsonNode page = search(bob, "pat", "kind=member&limit=3").json().get("groups").get(0);
        page.get("items").forEach(i -> pages.add(i.get("shown").get("username").asText()));
        assertThat(page.get("next").asInt()).isEqualTo(3);
        page = search(bob, "pat", "kind=member&limit=3&offset=3").json().get("groups").get(0);
        page.get("items").forEach(i -> pages.add(i.get("shown").get("username").asText()));
        page = search(bob, "pat", "kind=member&limit=3&offset=6").json().get("groups").get(0);
        page.get("items").forEach(i -> pages.add(i.get("shown").get("username").asText()));
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(pages).containsExactlyInAnyOrder("pat1", "pat2", "pat3", "pat4", "pat5", "pat6", "pat7");

        JsonNode clubs = search(bob, "pat", "kind=club").json().get("groups");
        assertThat(clubs).hasSize(1);
        assertThat(clubs.get(0).get("items")).isEmpty();
    }

    @Test
    void bad_queries_are_400_problems_and_strangers_401() {
        Map<String, String> cases = Map.of(
                "", "q",
                "q=", "q",
                "q=%20%20", "q",
                "q=%E2%80%8B%E2%80%8B", "q",
                "q=" + "a".repeat(101), "q",
                "q=a%0Ab", "q",
                "q=ada&kind=spaceship", "kind",
                "q=ada&limit=0", "limit",
                "q=ada&kind=member&offset=x", "offset",
                "q=ada&offset=5", "offset");
        cases.forEach((query, field) -> {
            var r = bob.get("/api/search?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asText()).as(query).isEqualTo(field);
        });
        assertThat(new ApiClient(parley.baseUrl()).get("/api/search?q=ada").status()).isEqualTo(401);
        assertThat(search(bob, "!!!", null).json().get("groups")).isEmpty();
    }

    @Test
    void a_session_typing_too_fast_is_told_to_wait() {
        int limit = SearchConfig.defaults().perSession();
        for (int i = 0; i < limit; i++) {
            assertThat(search(cat, "a" + i, null).status()).isEqualTo(200);
        }
        var refused = search(cat, "ada", null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(search(bob, "ada", null).status()).as("another session has its own budget").isEqualTo(200);
    }
}
