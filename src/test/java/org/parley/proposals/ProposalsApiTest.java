package org.parley.proposals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Proposals over HTTP: the story (a member proposes to an organization, its delegate asks, accepts,
 * the event has both hosts), who may see and do what, bad input, other times, declines, expiry and lists.
 */
@Tag("db")
@Timeout(90)
class ProposalsApiTest {

    MutableClock clock;
    TestParley parley;
    /** The proposer. */
    ApiClient ada;
    /** Owns the organization "office" and acts as it. */
    ApiClient dan;
    /** Another member. */
    ApiClient eve;
    /** A member ada blocks. */
    ApiClient mal;
    ApiClient signedOut;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        parley = TestParley.start(Map.of(), clock);
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        dan = member("dan", "Dan Delegate");
        eve = member("eve", "Eve Other");
        mal = member("mal", "Mal Blocked");
        signedOut = new ApiClient(parley.baseUrl());
        assertThat(dan.post("/api/organizations", Map.of("username", "office", "displayName", "Press Office")).status())
                .isEqualTo(201);
        ada.put("/api/members/mal/block", null);
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    private ApiClient member(String username, String displayName) {
        var client = new ApiClient(parley.baseUrl());
        client.signUp(ada.createInviteCode(), username, displayName);
        return client;
    }

    private ApiClient signIn(String username) {
        var client = new ApiClient(parley.baseUrl());
        client.post("/api/session", Map.of("username", username, "password", ApiClient.Members.PASSWORD));
        return client;
    }

    private Map<String, Object> proposal(boolean open, String... recipients) {
        Map<String, Object> body = new HashMap<>();
        body.put("topic", "Energy prices this winter");
        body.put("description", "A public conversation about what households will pay.");
        body.put("format", "Interview, then listeners' questions");
        body.put("languages", List.of("en", "ro"));
        body.put("guests", "Nobody else");
        body.put("audience", "Anyone who pays a heating bill");
        body.put("note", "Would you like to join me? Vă aștept cu drag.");
        body.put("recipients", List.of(recipients));
        body.put("times", List.of(time(Duration.ofDays(2), 60), time(Duration.ofDays(3), 45)));
        body.put("public", open);
        return body;
    }

    private Map<String, Object> time(Duration in, int minutes) {
        return Map.of("startsAt", clock.instant().plus(in).toString(), "lengthMinutes", minutes);
    }

    private String create(Map<String, Object> body) {
        var created = ada.post("/api/proposals", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void actAsOffice() {
        assertThat(dan.put("/api/session/acting", Map.of("organization", "office")).status()).isEqualTo(200);
    }

    @Test
    void a_delegate_acting_as_the_organization_asks_then_accepts_and_it_becomes_an_event_with_both_sides_hosting() throws Exception {
        String id = create(proposal(true, "office"));
        JsonNode made = ada.get("/api/proposals/" + id).json();
        assertThat(made.get("status").asText()).isEqualTo("open");
        assertThat(made.get("visibility").asText()).isEqualTo("public");
        assertThat(made.get("recording").asText()).isEqualTo("none");
        assertThat(made.get("note").asText()).contains("Vă aștept");
        assertThat(made.get("recipients").get(0).get("organization").asBoolean()).isTrue();
        assertThat(made.get("expiresAt").asText()).isEqualTo(clock.instant().plus(ProposalsConfig.DEFAULT_EXPIRY).toString());

        actAsOffice();
        assertThat(kinds(awaitKind(dan, "proposal_received"))).contains("proposal_received");
        var asked = dan.post("/api/proposals/" + id + "/messages", Map.of("text", "What exactly is proposed?"));
        assertThat(asked.status()).isEqualTo(201);
        assertThat(asked.json().get("thread").get(0).get("author").get("username").asText()).isEqualTo("office");
        assertThat(kinds(awaitKind(ada, "proposal_question"))).contains("proposal_question");
        ada.post("/api/proposals/" + id + "/messages", Map.of("text", "Forty-five minutes, in English, with questions."));
        assertThat(kinds(awaitKind(dan, "proposal_question"))).contains("proposal_question");

        long second = made.get("times").get(1).get("id").asLong();
        var accepted = dan.post("/api/proposals/" + id + "/answer", Map.of("action", "accept", "timeId", second));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
        assertThat(accepted.json().get("acceptedTimeId").asLong()).isEqualTo(second);
        String eventUrl = accepted.json().get("event").get("url").asText();
        JsonNode event = ada.get("/api" + eventUrl).json();
        assertThat(event.get("startsAt").asText()).isEqualTo(made.get("times").get(1).get("startsAt").asText());
        assertThat(event.get("lengthMinutes").asInt()).isEqualTo(45);
        assertThat(event.get("title").asText()).isEqualTo("Energy prices this winter");
        assertThat(event.get("hosts")).hasSize(2);
        event.get("hosts").forEach(h -> assertThat(h.get("accepted").asBoolean()).isTrue());
        assertThat(usernames(event.get("hosts"))).containsExactly("ada", "office");
        JsonNode adaAnswered = awaitKind(ada, "proposal_answered");
        assertThat(adaAnswered.get("items").get(0).get("proposal").get("id").asText()).isEqualTo(id);

        List<String> steps = new ArrayList<>();
        accepted.json().get("history").forEach(s -> steps.add(s.get("kind").asText() + ":" + s.get("actor").get("username").asText()));
        assertThat(steps).containsExactly("proposed:ada", "accepted:office");
        assertThat(dan.post("/api/proposals/" + id + "/answer", Map.of("action", "decline")).code()).isEqualTo("already_answered");
    }

    @Test
    void who_sees_and_does_what_on_a_private_proposal() {
        String id = create(proposal(false, "office"));
        String path = "/api/proposals/" + id;
        // the proposer and the organization's delegate (not acting as it) see it; nobody else does
        assertThat(ada.get(path).status()).isEqualTo(200);
        JsonNode asDelegate = dan.get(path).json();
        assertThat(asDelegate.get("you").get("delegateOf").asText()).isEqualTo("office");
        assertThat(asDelegate.get("you").get("canAnswer").asBoolean()).isFalse();
        assertThat(eve.get(path).code()).isEqualTo("proposal_not_found");
        assertThat(mal.get(path).status()).isEqualTo(404);
        assertThat(signedOut.get(path).status()).isEqualTo(401);
        long time = asDelegate.get("times").get(0).get("id").asLong();
        Map<String, Object> accept = Map.of("action", "accept", "timeId", time);
        // answering is the recipient's: a delegate answers by acting as the organization
        assertThat(dan.post(path + "/answer", accept).code()).isEqualTo("not_proposal_recipient");
        assertThat(eve.post(path + "/answer", accept).status()).isEqualTo(404);
        assertThat(mal.post(path + "/messages", Map.of("text", "hi")).status()).isEqualTo(404);
        assertThat(signedOut.post(path + "/answer", accept).status()).isIn(401, 403);
        assertThat(ada.post(path + "/answer", accept).code()).isEqualTo("not_their_time");
        assertThat(dan.post(path + "/messages", Map.of("text", "As myself")).code()).isEqualTo("not_proposal_party");
        actAsOffice();
        assertThat(dan.get(path).json().get("you").get("canAnswer").asBoolean()).isTrue();
        assertThat(dan.post(path + "/answer", accept).json().get("status").asText()).isEqualTo("accepted");
    }

    @Test
    void a_public_proposal_is_seen_by_members_but_answered_only_by_its_recipient_and_a_private_reason_stays_private() {
        String id = create(proposal(true, "eve", "office"));
        String path = "/api/proposals/" + id;
        var other = member("oli", "Oli Other");
        assertThat(other.get(path).status()).isEqualTo(200);
        assertThat(mal.get(path).status()).as("blocked by the proposer").isEqualTo(404);
        assertThat(signedOut.get(path).status()).isEqualTo(401);
        assertThat(other.post(path + "/answer", Map.of("action", "decline")).code()).isEqualTo("not_proposal_recipient");
        assertThat(other.post(path + "/messages", Map.of("text", "Me too!")).code()).isEqualTo("not_proposal_party");

        var declined = eve.post(path + "/answer", Map.of("action", "decline", "reason", "I am away that week", "reasonPublic", false));
        assertThat(declined.json().get("status").asText()).as("office has not answered").isEqualTo("open");
        assertThat(reasons(ada.get(path).json())).containsExactly("I am away that week");
        assertThat(reasons(other.get(path).json())).isEmpty();
        actAsOffice();
        dan.post(path + "/answer", Map.of("action", "decline", "reason", "Not our topic", "reasonPublic", true));
        JsonNode seen = other.get(path).json();
        assertThat(seen.get("status").asText()).isEqualTo("declined");
        assertThat(reasons(seen)).containsExactly("Not our topic");
    }

    @Test
    void bad_proposals_are_problems_with_field_errors() {
        var none = ada.post("/api/proposals", Map.of("topic", " "));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(fieldCodes(none.json())).containsEntry("topic", "too_short").containsEntry("times", "required")
                .containsEntry("recipients", "required");

        var self = proposal(true, "ada");
        assertThat(fieldCodes(ada.post("/api/proposals", self).json())).containsEntry("recipients", "invalid_value");
        assertThat(ada.post("/api/proposals", proposal(true, "nobody")).json().get("detail").asText()).contains("nobody");
        assertThat(ada.post("/api/proposals", proposal(true, "mal")).status()).as("a blocked pair").isEqualTo(400);
        assertThat(mal.post("/api/proposals", proposal(true, "ada")).status()).as("blocked the other way").isEqualTo(400);
        var past = proposal(true, "eve");
        past.put("times", List.of(time(Duration.ofHours(-1), 60)));
        assertThat(fieldCodes(ada.post("/api/proposals", past).json())).containsEntry("times", "in_the_past");
        var many = proposal(true, "eve", "dan", "mal", "office", "oli", "zed");
        assertThat(fieldCodes(ada.post("/api/proposals", many).json())).containsEntry("recipients", "invalid_type");
        var manyTimes = proposal(true, "eve");
        List<Object> six = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            six.add(time(Duration.ofDays(i), 60));
        }
        manyTimes.put("times", six);
        assertThat(fieldCodes(ada.post("/api/proposals", manyTimes).json())).containsEntry("times", "invalid_type");
        var long_ = proposal(true, "eve");
        long_.put("topic", "x".repeat(121));
        long_.put("note", "y".repeat(1001));
        long_.put("languages", List.of("english"));
        long_.put("expiresAt", clock.instant().plus(Duration.ofDays(61)).toString());
        assertThat(fieldCodes(ada.post("/api/proposals", long_).json())).containsEntry("topic", "too_long")
                .containsEntry("note", "too_long").containsEntry("languages", "invalid_value")
                .containsEntry("expiresAt", "too_far_ahead");
        assertThat(signedOut.post("/api/proposals", proposal(true, "eve")).status()).isIn(401, 403);
        assertThat(ada.get("/api/proposals/nope").status()).isEqualTo(404);
    }

    @Test
    void a_recipient_proposes_another_time_which_the_proposer_accepts() throws Exception {
        String id = create(proposal(true, "eve"));
        String path = "/api/proposals/" + id;
        var counter = eve.post(path + "/answer", Map.of("action", "counter",
                "startsAt", clock.instant().plus(Duration.ofDays(5)).toString(), "lengthMinutes", 30));
        assertThat(counter.status()).as(counter.toString()).isEqualTo(200);
        JsonNode times = counter.json().get("times");
        assertThat(times).hasSize(3);
        assertThat(times.get(2).get("proposedBy").asText()).isEqualTo("eve");
        assertThat(kinds(awaitKind(ada, "proposal_answered"))).contains("proposal_answered");
        assertThat(ada.post(path + "/answer", Map.of("action", "accept", "timeId", times.get(0).get("id").asLong())).code())
                .as("the proposer's own time is the recipient's to accept").isEqualTo("not_their_time");
        var accepted = ada.post(path + "/answer", Map.of("action", "accept", "timeId", times.get(2).get("id").asLong()));
        assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
        JsonNode event = eve.get("/api" + accepted.json().get("event").get("url").asText()).json();
        assertThat(event.get("lengthMinutes").asInt()).isEqualTo(30);
        assertThat(usernames(event.get("hosts"))).containsExactly("ada", "eve");
        assertThat(kinds(awaitKind(eve, "proposal_answered"))).contains("proposal_answered");
    }

    @Test
    void an_unanswered_proposal_expires_and_the_expiry_survives_a_restart() throws Exception {
        var body = proposal(false, "eve");
        body.put("expiresAt", clock.instant().plus(Duration.ofDays(1)).toString());
        String id = create(body);
        parley.restart();
        ada = signIn("ada");
        eve = signIn("eve");
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        long time = eve.get("/api/proposals/" + id).json().get("times").get(0).get("id").asLong();
        assertThat(eve.post("/api/proposals/" + id + "/answer", Map.of("action", "accept", "timeId", time)).code())
                .isEqualTo("proposal_expired");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode seen;
        do {
            Thread.sleep(200);
            seen = ada.get("/api/proposals/" + id).json();
        } while (seen.get("history").size() < 2 && System.nanoTime() < deadline);
        assertThat(seen.get("status").asText()).isEqualTo("expired");
        assertThat(seen.get("history").get(1).get("kind").asText()).isEqualTo("expired");
        assertThat(ada.get("/api/proposals?status=expired").json().get("proposals")).hasSize(1);
    }

    @Test
    void lists_show_my_sent_and_received_a_members_public_ones_and_the_public_ones_of_people_i_follow() {
        String open = create(proposal(true, "eve"));
        String closed = create(proposal(false, "eve"));
        assertThat(ids(ada.get("/api/proposals?box=sent").json())).containsExactlyInAnyOrder(open, closed);
        assertThat(ids(ada.get("/api/proposals?box=received").json())).isEmpty();
        assertThat(ids(eve.get("/api/proposals?box=received&status=open").json())).containsExactlyInAnyOrder(open, closed);
        var oli = member("oli", "Oli Other");
        assertThat(ids(oli.get("/api/proposals?member=eve").json())).containsExactly(open);
        assertThat(ids(oli.get("/api/proposals?box=following").json())).isEmpty();
        oli.put("/api/members/ada/follow", null);
        assertThat(ids(oli.get("/api/proposals?box=following").json())).containsExactly(open);
        mal.put("/api/members/eve/follow", null);
        assertThat(ids(mal.get("/api/proposals?member=eve").json())).as("a block with the proposer hides it").isEmpty();
        assertThat(ids(mal.get("/api/proposals?box=following").json())).isEmpty();
        assertThat(oli.get("/api/proposals?box=bogus").status()).isEqualTo(400);
        assertThat(oli.get("/api/proposals?member=nobody").status()).isEqualTo(404);
    }

    @Test
    void a_delegate_acting_as_the_organization_hears_of_a_proposal_live_and_the_proposer_hears_the_answer() throws Exception {
        actAsOffice();
        try (WsClient office = WsClient.connect(parley.baseUrl(), dan);
             WsClient proposer = WsClient.connect(parley.baseUrl(), ada)) {
            String id = create(proposal(true, "office"));
            JsonNode received = office.await(m -> m.path("type").asText().equals("notification"));
            assertThat(received.get("notification").get("kind").asText()).isEqualTo("proposal_received");
            assertThat(received.get("notification").get("proposal").get("id").asText()).isEqualTo(id);
            assertThat(received.get("notification").get("actor").get("username").asText()).isEqualTo("ada");
            dan.post("/api/proposals/" + id + "/answer", Map.of("action", "decline", "reason", "Not this winter"));
            JsonNode answered = proposer.await(m -> m.path("type").asText().equals("notification"));
            assertThat(answered.get("notification").get("kind").asText()).isEqualTo("proposal_answered");
            assertThat(answered.get("notification").get("actor").get("username").asText()).isEqualTo("office");
        }
    }

    @Test
    void writes_without_the_csrf_token_are_refused_and_change_nothing() throws Exception {
        String id = create(proposal(false, "eve"));
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(proposal(false, "eve"));
        var made = ada.sendRaw("POST", "/api/proposals", json, "application/json", Map.of(), false);
        assertThat(made.status()).isEqualTo(403);
        assertThat(made.code()).isEqualTo("csrf_invalid");
        var declined = eve.sendRaw("POST", "/api/proposals/" + id + "/answer", "{\"action\":\"decline\"}",
                "application/json", Map.of(), false);
        assertThat(declined.code()).isEqualTo("csrf_invalid");
        var asked = eve.sendRaw("POST", "/api/proposals/" + id + "/messages", "{\"text\":\"hi\"}", "application/json",
                Map.of(), false);
        assertThat(asked.code()).isEqualTo("csrf_invalid");
        JsonNode seen = eve.get("/api/proposals/" + id).json();
        assertThat(seen.get("status").asText()).isEqualTo("open");
        assertThat(seen.get("thread")).isEmpty();
        assertThat(ids(ada.get("/api/proposals?box=sent").json())).containsExactly(id);
    }

    @Test
    void deleting_an_account_takes_the_proposals_it_made_and_its_words_on_others() {
        String made = create(proposal(true, "eve"));
        var mine = eve.post("/api/proposals", Map.of("topic", "Eve's idea", "recipients", List.of("ada"), "public", true,
                "times", List.of(time(Duration.ofDays(2), 30))));
        String received = mine.json().get("id").asText();
        ada.post("/api/proposals/" + received + "/messages", Map.of("text", "Tell me more"));
        ada.post("/api/proposals/" + received + "/answer", Map.of("action", "decline", "reason", "Busy", "reasonPublic", true));
        var deleted = ada.send("DELETE", "/api/me", Map.of("password", ApiClient.Members.PASSWORD), Map.of());
        assertThat(deleted.status()).as(deleted.toString()).isLessThan(300);
        assertThat(eve.get("/api/proposals/" + made).status()).as("the proposal Ada made is gone").isEqualTo(404);
        JsonNode left = eve.get("/api/proposals/" + received).json();
        assertThat(left.get("thread")).as("her message went with her").isEmpty();
        assertThat(reasons(left)).as("and her reason").isEmpty();
        assertThat(left.get("history")).hasSize(2);
    }

    @Test
    void making_proposals_is_rate_limited() {
        for (int i = 0; i < ProposalsApi.CREATES_PER_WINDOW; i++) {
            create(proposal(false, "eve"));
        }
        var refused = ada.post("/api/proposals", proposal(false, "eve"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
    }

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("proposals").forEach(p -> out.add(p.get("id").asText()));
        return out;
    }

    static List<String> usernames(JsonNode hosts) {
        List<String> out = new ArrayList<>();
        hosts.forEach(h -> out.add(h.get("username").asText()));
        return out;
    }

    static List<String> reasons(JsonNode proposal) {
        List<String> out = new ArrayList<>();
        proposal.get("history").forEach(s -> {
            if (s.has("reason")) {
                out.add(s.get("reason").asText());
            }
        });
        return out;
    }

    static Map<String, String> fieldCodes(JsonNode problem) {
        Map<String, String> out = new HashMap<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> out.putIfAbsent(e.get("field").asText(), e.get("code").asText()));
        }
        return out;
    }

    static List<String> kinds(JsonNode page) {
        List<String> kinds = new ArrayList<>();
        page.get("items").forEach(n -> kinds.add(n.get("kind").asText()));
        return kinds;
    }

    /** The member's notifications once one of {@code kind} is there (they are stored off the request's thread). */
    static JsonNode awaitKind(ApiClient member, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode page = member.get("/api/notifications").json();
            if (kinds(page).contains(kind) || System.nanoTime() > deadline) {
                return page;
            }
            Thread.sleep(50);
        }
    }
}
