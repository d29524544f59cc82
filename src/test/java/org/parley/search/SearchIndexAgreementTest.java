package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.MutableClock;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/**
 * The index kept in step by events says what an index rebuilt from the database says: after a
 * sequence of sign-ups, profile edits, follows, blocks, rooms started and ended and events created,
 * edited and cancelled, every member's answers to every query are the same from both.
 */
@Tag("db")
@Timeout(120)
class SearchIndexAgreementTest {

    static final List<String> QUERIES = List.of("ada", "bob", "kitchen", "quantum", "tea", "coffee", "rob", "lucene",
            "mari", "marie", "curie", "radium", "pat", "ro", "de", "stevns");

    @Test
    void the_live_index_answers_as_a_freshly_rebuilt_one_does_after_many_changes() {
        var clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (var parley = TestParley.start(Map.of(), clock)) {
            var ada = new ApiClient(parley.baseUrl());
            ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
            List<ApiClient> all = new ArrayList<>(List.of(ada));
            var bob = join(parley, ada, all, "bob", "Bob Kahn");
            var cat = join(parley, ada, all, "cat", "Cat Stevens");
            var marie = join(parley, ada, all, "marie", "Marie Curie");
            var pat = join(parley, ada, all, "pat", "Pat Number");

            bob.patch("/api/me", Map.of("displayName", "Robert Kahn", "bio", "Packets and Lucene"));
            marie.patch("/api/me", Map.of("bio", "Radium, polonium"));
            marie.patch("/api/me", Map.of("bio", "Radium only"));
            bob.put("/api/members/marie/follow", null);
            marie.put("/api/members/pat/follow", null);
            cat.put("/api/members/bob/block", null);
            pat.put("/api/members/ada/block", null);
            pat.delete("/api/members/ada/block");

            String open = room(ada, "Open kitchen", "open", List.of());
            room(ada, "Closed kitchen", "closed", List.of("bob"));
            room(marie, "Radium kitchen", "social", List.of());
            String ended = room(pat, "Pat's kitchen", "open", List.of());
            try (var ws = WsClient.connect(parley.baseUrl(), pat)) {
                ws.awaitType("hello");
                ws.send("join", "room", ended);
                ws.awaitType("snapshot");
                ws.awaitType("ack");
                ws.call("endRoom");
            }

            String tea = ada.post("/api/events", event(clock, "Quantum tea", "open")).json().get("id").asText();
            ada.post("/api/events", event(clock, "Quantum board", "closed"));
            String cancelled = marie.post("/api/events", event(clock, "Radium hour", "social")).json().get("id").asText();
            ada.patch("/api/events/" + tea, Map.of("title", "Quantum coffee"));
            marie.post("/api/events/" + cancelled + "/cancel", null);

            Search live = parley.server().search();
            try (Search fresh = live.rebuilt()) {
                assertThat(fresh.size()).isEqualTo(live.size());
                int nonEmpty = 0;
                for (ApiClient who : all) {
                    long id = who.get("/api/me").json().get("id").asLong();
                    for (String q : QUERIES) {
                        var a = answers(live.find(id, q, null, 0, 50));
                        var b = answers(fresh.find(id, q, null, 0, 50));
                        assertThat(a).as("%s searching %s", id, q).isEqualTo(b);
                        nonEmpty += a.isEmpty() ? 0 : 1;
                    }
                }
                assertThat(nonEmpty).as("the comparison compared something").isGreaterThan(QUERIES.size());
            }
            assertThat(open).isNotBlank();
        }
    }

    static ApiClient join(TestParley parley, ApiClient inviter, List<ApiClient> all, String username, String name) {
        var c = new ApiClient(parley.baseUrl());
        c.signUp(inviter.createInviteCode(), username, name);
        all.add(c);
        return c;
    }

    static String room(ApiClient host, String title, String type, List<String> members) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "description", "Lucene talk", "language", "ro",
                "type", type));
        if (!members.isEmpty()) {
            body.put("members", members);
        }
        var r = host.post("/api/rooms", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static Map<String, Object> event(MutableClock clock, String title, String type) {
        return Map.of("title", title, "description", "Tea for two", "startsAt",
                clock.instant().plus(Duration.ofDays(1)).toString(), "lengthMinutes", 60, "language", "de", "type", type);
    }

    /** Per kind, what was found and what it shows, in id order (scores may tie differently). */
    static Map<String, Map<String, Map<String, String>>> answers(List<Search.Group> groups) {
        Map<String, Map<String, Map<String, String>>> out = new TreeMap<>();
        for (Search.Group g : groups) {
            Map<String, Map<String, String>> items = new TreeMap<>();
            g.items().forEach(r -> items.put(r.id(), new TreeMap<>(r.shown())));
            out.put(g.kind(), items);
        }
        return out;
    }
}
