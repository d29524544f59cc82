package org.parley.clubs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.parley.testing.TestParley;

@Tag("db")
@Timeout(90)
class ClubsApiTest {

    TestParley parley;
    ApiClient ada;
    ApiClient bob;
    ApiClient cat;

    @BeforeEach
    void start() {
        parley = TestParley.start();
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

    static Map<String, Object> club(String slug, String policy) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Engines " + slug);
        body.put("slug", slug);
        body.put("description", "We talk about engines.\nEvery week.");
        body.put("rules", "Be kind.");
        body.put("topics", List.of("Engines", "Steam"));
        body.put("languages", List.of("en", "ro"));
        body.put("joinPolicy", policy);
        return body;
    }

    @Test
    void a_member_founds_a_club_and_everyone_finds_it_by_slug_or_id() {
        var created = ada.post("/api/clubs", club("Steam-Engines", "open"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.get("slug").asText()).isEqualTo("steam-engines");
        assertThat(c.get("url").asText()).isEqualTo("/c/steam-engines");
        assertThat(c.get("you").get("role").asText()).isEqualTo("founder");
        assertThat(c.get("memberCount").asInt()).isEqualTo(1);
        assertThat(c.get("topics").toString()).isEqualTo("[\"Engines\",\"Steam\"]");
        assertThat(c.get("languages").toString()).isEqualTo("[\"en\",\"ro\"]");

        JsonNode bySlug = bob.get("/api/clubs/steam-engines").json();
        assertThat(bySlug.get("name").asText()).isEqualTo("Engines Steam-Engines");
        assertThat(bySlug.get("you").get("role").isNull()).isTrue();
        assertThat(bob.get("/api/clubs/" + c.get("id").asText()).json().get("slug").asText()).isEqualTo("steam-engines");
        assertThat(bob.get("/api/clubs/nothing-here").code()).isEqualTo("club_not_found");

        var taken = bob.post("/api/clubs", club("steam-engines", "open"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("club_slug_taken");
        assertThat(ids(ada.get("/api/clubs/mine").json())).containsExactly("steam-engines");
        assertThat(ada.get("/api/members/ada/clubs").json().get("items").get(0).get("role").asText()).isEqualTo("founder");
    }

    @Test
    void bad_input_is_a_problem_with_a_reason_per_field() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", " ");
        bad.put("slug", "a--b");
        bad.put("topics", List.of("x".repeat(31)));
        bad.put("languages", List.of("english"));
        bad.put("joinPolicy", "whoever");
        var r = ada.post("/api/clubs", bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(fieldCodes(r.json())).containsEntry("name", "too_short").containsEntry("slug", "invalid_format")
                .containsEntry("topics", "invalid_value").containsEntry("languages", "invalid_value")
                .containsEntry("joinPolicy", "invalid_value");
        assertThat(fieldCodes(ada.post("/api/clubs", club("new", "open")).json())).containsEntry("slug", "reserved");
        assertThat(fieldCodes(ada.post("/api/clubs", Map.of("name", "x")).json()))
                .containsEntry("slug", "required").containsEntry("joinPolicy", "required");
        assertThat(new ApiClient(parley.baseUrl()).get("/api/clubs/mine").status()).isEqualTo(401);
        ada.post("/api/clubs", club("engines", "open"));
        assertThat(ada.put("/api/clubs/engines/members/bob/role", Map.of("role", "king")).status()).isEqualTo(400);
        assertThat(ada.get("/api/clubs/engines/members?limit=0").status()).isEqualTo(400);
    }

    @Test
    void by_approval_a_join_is_a_request_that_an_admin_approves_or_denies() {
        ada.post("/api/clubs", club("engines", "approval"));
        var asked = bob.post("/api/clubs/engines/join", null);
        assertThat(asked.status()).isEqualTo(202);
        assertThat(asked.json().get("you").get("requested").asBoolean()).isTrue();
        assertThat(asked.json().get("you").get("role").isNull()).isTrue();
        cat.post("/api/clubs/engines/join", null);

        JsonNode requests = ada.get("/api/clubs/engines/requests").json();
        assertThat(requests.get("items")).extracting(n -> n.get("username").asText()).containsExactly("bob", "cat");
        assertThat(bob.get("/api/clubs/engines/requests").code()).isEqualTo("club_admins_only");

        assertThat(ada.post("/api/clubs/engines/requests/bob", Map.of("approve", true)).status()).isEqualTo(204);
        assertThat(ada.post("/api/clubs/engines/requests/cat", Map.of("approve", false)).status()).isEqualTo(204);
        assertThat(ada.post("/api/clubs/engines/requests/cat", Map.of("approve", true)).code()).isEqualTo("no_club_request");
        assertThat(bob.get("/api/clubs/engines").json().get("you").get("role").asText()).isEqualTo("member");
        assertThat(cat.get("/api/clubs/engines").json().get("you").get("role").isNull()).isTrue();
        assertThat(ada.get("/api/clubs/engines/requests").json().get("items")).isEmpty();
    }

    @Test
    void by_invitation_only_invited_members_join_and_a_ban_keeps_one_out_for_good() {
        ada.post("/api/clubs", club("engines", "invitation"));
        assertThat(bob.post("/api/clubs/engines/join", null).code()).isEqualTo("club_invitation_only");
        assertThat(ada.put("/api/clubs/engines/invitations/bob", null).status()).isEqualTo(204);
        assertThat(bob.get("/api/clubs/engines").json().get("you").get("invited").asBoolean()).isTrue();
        assertThat(bob.post("/api/clubs/engines/join", null).status()).isEqualTo(200);

        assertThat(ada.put("/api/clubs/engines/bans/bob", null).status()).isEqualTo(204);
        JsonNode seen = bob.get("/api/clubs/engines").json();
        assertThat(seen.get("you").get("banned").asBoolean()).isTrue();
        assertThat(seen.get("you").get("role").isNull()).isTrue();
        assertThat(ada.put("/api/clubs/engines/invitations/bob", null).code()).isEqualTo("banned_from_club");
        assertThat(bob.post("/api/clubs/engines/join", null).code()).isEqualTo("banned_from_club");
        assertThat(bob.put("/api/clubs/engines/follow", null).code()).isEqualTo("banned_from_club");
        assertThat(ada.get("/api/clubs/engines/bans").json().get("items").get(0).get("username").asText()).isEqualTo("bob");

        assertThat(ada.delete("/api/clubs/engines/bans/bob").status()).isEqualTo(204);
        assertThat(bob.post("/api/clubs/engines/join", null).code()).isEqualTo("club_invitation_only");
    }

    @Test
    void members_are_listed_leaders_first_and_paged() {
        ada.post("/api/clubs", club("engines", "open"));
        bob.post("/api/clubs/engines/join", null);
        cat.post("/api/clubs/engines/join", null);
        ada.put("/api/clubs/engines/members/cat/role", Map.of("role", "leader"));
        JsonNode page = ada.get("/api/clubs/engines/members").json();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("items")).extracting(n -> n.get("username").asText() + ":" + n.get("role").asText())
                .containsExactly("ada:founder", "cat:leader", "bob:member");
        JsonNode second = bob.get("/api/clubs/engines/members?limit=2&offset=2").json();
        assertThat(second.get("items")).extracting(n -> n.get("username").asText()).containsExactly("bob");
    }

    @Test
    void the_founder_hands_founding_over_before_leaving_and_a_club_always_keeps_one() {
        ada.post("/api/clubs", club("engines", "open"));
        bob.post("/api/clubs/engines/join", null);
        assertThat(ada.post("/api/clubs/engines/leave", null).code()).isEqualTo("founder_must_hand_over");
        assertThat(ada.put("/api/clubs/engines/members/bob/role", Map.of("role", "founder")).status()).isEqualTo(200);
        assertThat(bob.get("/api/clubs/engines").json().get("you").get("role").asText()).isEqualTo("founder");
        assertThat(ada.get("/api/clubs/engines").json().get("you").get("role").asText()).isEqualTo("admin");
        assertThat(ada.put("/api/clubs/engines/members/bob/role", Map.of("role", "member")).code()).isEqualTo("club_role_too_low");
        assertThat(ada.post("/api/clubs/engines/leave", null).status()).isEqualTo(204);
        assertThat(ada.get("/api/clubs/engines").json().get("you").get("role").isNull()).isTrue();
        assertThat(bob.get("/api/clubs/engines/members").json().get("items").get(0).get("role").asText()).isEqualTo("founder");
    }

    @Test
    void admins_edit_the_club_and_followers_are_counted() {
        ada.post("/api/clubs", club("engines", "open"));
        var edited = ada.patch("/api/clubs/engines", Map.of("name", "Steam", "joinPolicy", "approval", "topics", List.of("Boilers")));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("name").asText()).isEqualTo("Steam");
        assertThat(edited.json().get("joinPolicy").asText()).isEqualTo("approval");
        assertThat(edited.json().get("description").asText()).isEqualTo("We talk about engines.\nEvery week.");
        assertThat(bob.patch("/api/clubs/engines", Map.of("name", "Mine")).code()).isEqualTo("club_admins_only");
        assertThat(bob.put("/api/clubs/engines/follow", null).status()).isEqualTo(204);
        JsonNode seen = bob.get("/api/clubs/engines").json();
        assertThat(seen.get("followerCount").asInt()).isEqualTo(1);
        assertThat(seen.get("you").get("following").asBoolean()).isTrue();
        assertThat(bob.delete("/api/clubs/engines/follow").status()).isEqualTo(204);
        assertThat(bob.get("/api/clubs/engines").json().get("followerCount").asInt()).isZero();
    }

    @Test
    void admins_set_the_clubs_photo_which_is_re_encoded_and_served_to_members() throws Exception {
        ada.post("/api/clubs", club("engines", "open"));
        var image = new java.awt.image.BufferedImage(300, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        assertThat(bob.sendBytes("PUT", "/api/clubs/engines/photo", out.toByteArray(), "image/png").code())
                .isEqualTo("club_admins_only");
        assertThat(ada.sendBytes("PUT", "/api/clubs/engines/photo", "hello".getBytes(), "image/png").code())
                .isEqualTo("not_an_image");
        var uploaded = ada.sendBytes("PUT", "/api/clubs/engines/photo", out.toByteArray(), "image/png");
        assertThat(uploaded.status()).isEqualTo(200);
        String url = uploaded.json().get("photoUrl").asText();
        assertThat(url).matches("/api/clubs/[A-Za-z0-9_-]+/photo/[0-9a-f]{16}");
        var served = bob.getBytes(url + "?size=96", Map.of());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        var decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served.body()));
        assertThat(decoded.getWidth()).isEqualTo(96);
        assertThat(decoded.getHeight()).isEqualTo(96);
    }

    @Test
    void a_club_invitation_link_signs_a_new_person_up_into_the_club_and_lets_a_member_join_directly() {
        bob.post("/api/clubs", club("engines", "invitation"));
        assertThat(cat.post("/api/clubs/engines/invite-links", null).code()).isEqualTo("club_admins_only");
        var made = bob.post("/api/clubs/engines/invite-links", null);
        assertThat(made.status()).isEqualTo(201);
        String code = made.json().get("code").asText();
        assertThat(made.json().get("url").asText()).isEqualTo("/invite/" + code);
        assertThat(new ApiClient(parley.baseUrl()).get("/api/club-links/" + code).json().get("slug").asText()).isEqualTo("engines");

        var dan = new ApiClient(parley.baseUrl());
        dan.signUp(code, "dan", "Dan Brown");
        assertThat(dan.get("/api/clubs/engines").json().get("you").get("role").asText()).isEqualTo("member");
        assertThat(cat.post("/api/club-links/" + code, null).json().get("you").get("role").asText()).isEqualTo("member");

        // Counted against bob's own invitations: two per member, so the second link is his last.
        assertThat(bob.post("/api/clubs/engines/invite-links", null).status()).isEqualTo(201);
        assertThat(bob.post("/api/clubs/engines/invite-links", null).code()).isEqualTo("invite_quota_exhausted");
        assertThat(cat.post("/api/club-links/nope", null).status()).isEqualTo(404);
    }

    @Test
    void a_leaders_scheduled_event_belongs_to_the_club_and_its_page_lists_it() {
        ada.post("/api/clubs", club("engines", "open"));
        bob.post("/api/clubs/engines/join", null);
        String event = bob.post("/api/events", Map.of("title", "Boiler night", "type", "open", "lengthMinutes", 60,
                "startsAt", java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString())).json().get("id").asText();
        assertThat(bob.put("/api/clubs/engines/events/" + event, null).code()).isEqualTo("club_leaders_only");
        ada.put("/api/clubs/engines/members/bob/role", Map.of("role", "leader"));
        assertThat(bob.put("/api/clubs/engines/events/" + event, null).status()).isEqualTo(204);
        assertThat(ada.put("/api/clubs/engines/events/" + event, null).code()).as("only its hosts put it in").isEqualTo("event_not_found");
        JsonNode listed = cat.get("/api/clubs/engines/events").json().get("items");
        assertThat(listed).extracting(n -> n.get("title").asText()).containsExactly("Boiler night");
        assertThat(listed.get(0).get("url").asText()).isEqualTo("/events/" + event);
        bob.post("/api/events/" + event + "/cancel", null);
        assertThat(cat.get("/api/clubs/engines/events").json().get("items")).isEmpty();
    }

    @Test
    void a_founder_who_deletes_their_account_leaves_the_club_to_its_longest_standing_admin() {
        bob.post("/api/clubs", club("engines", "open"));
        ada.post("/api/clubs/engines/join", null);
        cat.post("/api/clubs/engines/join", null);
        bob.put("/api/clubs/engines/members/cat/role", Map.of("role", "admin"));
        bob.put("/api/clubs/engines/follow", null);
        assertThat(bob.send("DELETE", "/api/me", Map.of("password", ApiClient.Members.PASSWORD), Map.of()).status()).isEqualTo(204);
        JsonNode club = ada.get("/api/clubs/engines").json();
        assertThat(club.get("memberCount").asInt()).isEqualTo(2);
        assertThat(club.get("followerCount").asInt()).isZero();
        assertThat(ada.get("/api/clubs/engines/members").json().get("items"))
                .extracting(n -> n.get("username").asText() + ":" + n.get("role").asText())
                .containsExactly("cat:founder", "ada:member");
    }

    static List<String> ids(JsonNode list) {
        List<String> slugs = new ArrayList<>();
        list.get("items").forEach(n -> slugs.add(n.get("slug").asText()));
        return slugs;
    }

    static Map<String, String> fieldCodes(JsonNode problem) {
        Map<String, String> codes = new HashMap<>();
        problem.get("errors").forEach(e -> codes.put(e.get("field").asText(), e.get("code").asText()));
        return codes;
    }
}
