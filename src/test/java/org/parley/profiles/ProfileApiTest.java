package org.parley.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Who a member is: their own view ({@code getMe}, {@code updateMe}) and what others see ({@code getProfile}). */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileApiTest {

    private static final List<String> ME_FIELDS = List.of("id", "username", "displayName", "bio", "memberSince",
            "invitedBy", "admin", "followerCount", "followingCount", "invitesRemaining", "language",
            "avatarUrl", "languages", "organization"); // "verified" and "operatedBy" only when they apply
    private static final List<String> PROFILE_FIELDS = List.of("id", "username", "displayName", "bio", "memberSince",
            "invitedBy", "admin", "followerCount", "followingCount", "followedByMe", "followsMe", "isMe", "blockedByMe",
            "invited", "avatarUrl", "organization"); // "verified" and "delegateRole" only when they apply

    TestParley parley;
    ApiClient founder;
    final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    void start() {
        parley = TestParley.start();
        founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder", "Ada Founder");
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @Test
    void getMe_describes_the_signed_in_member_and_matches_what_sign_up_returned() {
        var client = new ApiClient(parley.baseUrl());
        Instant before = Instant.now();
        JsonNode signedUp = client.signUp(founder.createInviteCode(), "Grace_" + names.incrementAndGet(), "Grace Hopper");
        JsonNode me = client.get("/api/me").json();

        assertThat(fieldNames(me)).containsExactlyInAnyOrderElementsOf(ME_FIELDS);
        assertThat(me).as("getMe and the sign-up answer agree").isEqualTo(signedUp);
        assertThat(me.get("id").isIntegralNumber()).isTrue();
        assertThat(me.get("username").asText()).isEqualTo(signedUp.get("username").asText()).startsWith("Grace_");
        assertThat(me.get("displayName").asText()).isEqualTo("Grace Hopper");
        assertThat(me.get("bio").asText()).isEmpty();
        assertThat(me.get("invitedBy").get("username").asText()).isEqualTo("founder");
        assertThat(me.get("invitedBy").get("displayName").asText()).isEqualTo("Ada Founder");
        assertThat(me.get("admin").asBoolean()).isFalse();
        assertThat(me.get("followerCount").asInt()).isZero();
        assertThat(me.get("followingCount").asInt()).isZero();
        assertThat(me.get("invitesRemaining").asInt()).isEqualTo(2);
        assertThat(instant(me.get("memberSince"))).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
    }

    @Test
    void updateMe_trims_the_display_name_and_keeps_newlines_in_the_bio() {
        var ada = member();
        String bio = "Line one\nLine two\n\n" + "x".repeat(280);
        var r = ada.patch("/api/me", Map.of("displayName", "  \tAda Lovelace  ", "bio", bio));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(r.json().get("bio").asText()).isEqualTo(bio);
        assertThat(ada.get("/api/me").json()).as("the answer is what is stored").isEqualTo(r.json());

        var crlf = ada.patch("/api/me", Map.of("bio", "one\r\ntwo"));
        assertThat(crlf.json().get("bio").asText()).as("Windows line ends become newlines").isEqualTo("one\ntwo");
        var longest = ada.patch("/api/me", Map.of("bio", "a".repeat(300)));
        assertThat(longest.status()).as(longest.toString()).isEqualTo(200);
        assertThat(longest.json().get("bio").asText()).hasSize(300);
        assertThat(ada.patch("/api/me", Map.of("bio", "a".repeat(301))).status()).isEqualTo(400);
    }

    @Test
    void limits_count_characters_as_people_do_not_utf16_units() {
        var ada = member();
        String name = "\uD83C\uDF99".repeat(50);  // 50 microphones: 50 characters, 100 UTF-16 units
        String bio = "Zoë 🎙 ".repeat(50);           // 300 characters with emoji and accents
        var r = ada.patch("/api/me", Map.of("displayName", name, "bio", bio.strip()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(ada.get("/api/me").json().get("displayName").asText()).isEqualTo(name);
        assertThat(founder.get("/api/members/" + username(ada)).json().get("bio").asText()).isEqualTo(bio.strip());
    }

    @Test
    void bio_null_clears_it_and_partial_updates_leave_other_fields_alone() {
        var ada = member();
        ada.patch("/api/me", Map.of("displayName", "Ada", "bio", "Mathematician"));

        var nameOnly = ada.patch("/api/me", Map.of("displayName", "Countess"));
        assertThat(nameOnly.json().get("bio").asText()).isEqualTo("Mathematician");
        var bioOnly = ada.patch("/api/me", Map.of("bio", "Poet of science"));
        assertThat(bioOnly.json().get("displayName").asText()).isEqualTo("Countess");
        var nothing = ada.patch("/api/me", Map.of());
        assertThat(nothing.status()).as(nothing.toString()).isEqualTo(200);
        assertThat(nothing.json().get("displayName").asText()).isEqualTo("Countess");
        assertThat(nothing.json().get("bio").asText()).isEqualTo("Poet of science");

        var cleared = ada.send("PATCH", "/api/me", "{\"bio\": null}", Map.of());
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("bio").asText()).isEmpty();
        assertThat(cleared.json().get("displayName").asText()).isEqualTo("Countess");
        assertThat(ada.get("/api/me").json().get("bio").asText()).isEmpty();
    }

    @Test
    void a_change_is_visible_to_other_members_at_once() {
        var ada = member();
        String username = username(ada);
        var other = member();
        ada.patch("/api/me", Map.of("displayName", "Ada Byron", "bio", "Notes on the\nAnalytical Engine"));
        JsonNode seen = other.get("/api/members/" + username).json();
        assertThat(seen.get("displayName").asText()).isEqualTo("Ada Byron");
        assertThat(seen.get("bio").asText()).isEqualTo("Notes on the\nAnalytical Engine");
        JsonNode inviter = founder.get("/api/members/founder").json();
        assertThat(inviter.get("invited").findValuesAsText("displayName")).contains("Ada Byron");
    }

    @Test
    void a_profile_shows_who_invited_whom_oldest_first() {
        var inviter = member();
        String inviterName = username(inviter);
        List<String> invitees = new ArrayList<>();
        for (int i = 0; i < 2; i++) { // a member's whole quota
            var invitee = new ApiClient(parley.baseUrl());
            String name = "Invitee_" + names.incrementAndGet();
            invitee.signUp(inviter.createInviteCode(), name, "Invitee " + i);
            invitees.add(name);
        }
        JsonNode profile = founder.get("/api/members/" + inviterName).json();
        assertThat(fieldNames(profile)).containsExactlyInAnyOrderElementsOf(PROFILE_FIELDS);
        assertThat(profile.get("invited").findValuesAsText("username")).containsExactlyElementsOf(invitees);
        assertThat(profile.get("invited").get(0).get("displayName").asText()).isEqualTo("Invitee 0");
        assertThat(profile.get("invitedBy").get("username").asText()).isEqualTo("founder");
        assertThat(profile.get("isMe").asBoolean()).isFalse();
        assertThat(profile.get("admin").asBoolean()).isFalse();
        assertThat(instant(profile.get("memberSince"))).isCloseTo(Instant.now(), within(2, ChronoUnit.MINUTES));

        JsonNode invitee = founder.get("/api/members/" + invitees.get(1)).json();
        assertThat(invitee.get("invitedBy").get("username").asText()).isEqualTo(inviterName);
        assertThat(invitee.get("invited")).isEmpty();
    }

    @Test
    void a_founding_member_is_an_administrator_invited_by_nobody() {
        var member = member();
        JsonNode founderProfile = member.get("/api/members/FOUNDER").json();
        assertThat(founderProfile.get("username").asText()).isEqualTo("founder");
        assertThat(founderProfile.get("invitedBy").isNull()).isTrue();
        assertThat(founderProfile.get("admin").asBoolean()).isTrue();
        assertThat(founderProfile.get("invited").findValuesAsText("username")).contains(username(member));
        assertThat(founder.get("/api/me").json().get("invitesRemaining").isNull()).isTrue();
    }

    @Test
    void your_own_profile_says_it_is_you() {
        var ada = member();
        JsonNode own = ada.get("/api/members/" + username(ada).toLowerCase()).json();
        assertThat(own.get("isMe").asBoolean()).isTrue();
        assertThat(own.get("followedByMe").asBoolean()).isFalse();
        assertThat(own.get("followsMe").asBoolean()).isFalse();
        assertThat(own.get("displayName").asText()).isEqualTo(ada.get("/api/me").json().get("displayName").asText());
        assertThat(own.get("memberSince").asText()).isEqualTo(ada.get("/api/me").json().get("memberSince").asText());
    }

    @Test
    void profiles_need_a_session() {
        var stranger = new ApiClient(parley.baseUrl());
        for (Response r : List.of(stranger.get("/api/me"), stranger.get("/api/members/founder"),
                stranger.patch("/api/me", Map.of("bio", "anonymous graffiti")))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("unauthenticated");
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        var member = member();
        assertThat(member.delete("/api/session").status()).isEqualTo(204);
        assertThat(member.get("/api/members/founder").status()).as("not after logging out either").isEqualTo(401);
        assertThat(founder.get("/api/members/founder").json().get("bio").asText()).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private ApiClient member() {
        var client = new ApiClient(parley.baseUrl());
        client.signUp(founder.createInviteCode(), "Member_" + names.incrementAndGet(), "A Member");
        return client;
    }

    private static String username(ApiClient member) {
        return member.get("/api/me").json().get("username").asText();
    }

    private static Instant instant(JsonNode value) {
        assertThat(value.asText()).as("ISO-8601 instant in UTC").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        return Instant.parse(value.asText());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
