package org.parley.invites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

@Tag("db")
@Timeout(60)
class SignUpApiTest {

    TestParley parley;
    ApiClient founder;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder", "Ada Founder");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void a_founding_member_is_an_administrator_invited_by_nobody() {
        var me = founder.get("/api/me").json();
        assertThat(me.get("username").asText()).isEqualTo("founder");
        assertThat(me.get("admin").asBoolean()).isTrue();
        assertThat(me.get("invitedBy").isNull()).isTrue();
        assertThat(me.get("invitesRemaining").isNull()).as("administrators have unlimited invitations").isTrue();
    }

    @Test
    void a_member_invited_by_another_shows_who_invited_them_and_gets_two_invitations() {
        String code = founder.createInviteCode();
        var guest = new ApiClient(parley.baseUrl());
        var preview = guest.get("/api/invites/" + code);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("inviter").get("displayName").asText()).isEqualTo("Ada Founder");
        assertThat(preview.json().get("status").asText()).isEqualTo("pending");

        var me = guest.signUp(code, "Grace_H", "Grace Hopper");
        assertThat(me.get("invitedBy").get("username").asText()).isEqualTo("founder");
        assertThat(me.get("admin").asBoolean()).isFalse();
        assertThat(me.get("invitesRemaining").asInt()).isEqualTo(2);

        var profile = founder.get("/api/members/grace_h").json();
        assertThat(profile.get("username").asText()).as("shown as typed, found case-insensitively").isEqualTo("Grace_H");
        assertThat(profile.get("invitedBy").get("displayName").asText()).isEqualTo("Ada Founder");
        assertThat(founder.get("/api/members/founder").json().get("invited").get(0).get("username").asText())
                .isEqualTo("Grace_H");
    }

    @Test
    void nobody_signs_up_without_a_valid_invitation() {
        var stranger = new ApiClient(parley.baseUrl());
        var r = stranger.post("/api/accounts", Map.of("inviteCode", "AAAAAAAAAAAAAAAAAAAAAA", "username", "mallory",
                "displayName", "Mallory", "password", "long enough password"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("invite_not_found");
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(stranger.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void an_invitation_works_once_only() {
        String code = founder.createInviteCode();
        new ApiClient(parley.baseUrl()).signUp(code, "first", "First");
        var second = new ApiClient(parley.baseUrl());
        var r = second.post("/api/accounts", Map.of("inviteCode", code, "username", "second",
                "displayName", "Second", "password", "long enough password"));
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.code()).isEqualTo("invite_used");
        assertThat(second.get("/api/invites/" + code).json().get("status").asText()).isEqualTo("used");
    }

    @Test
    void two_people_racing_for_one_invitation_produce_exactly_one_member() throws Exception {
        String code = founder.createInviteCode();
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "racer" + i;
            attempts.add(() -> new ApiClient(parley.baseUrl()).post("/api/accounts", Map.of("inviteCode", code,
                    "username", name, "displayName", name, "password", "long enough password")).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (Future<Integer> f : pool.invokeAll(attempts)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsOnlyOnce(201).allMatch(s -> s == 201 || s == 410);
        assertThat(founder.get("/api/members/founder").json().get("invited")).hasSize(1);
    }

    @Test
    void a_username_is_unique_regardless_of_case() {
        var r = new ApiClient(parley.baseUrl()).post("/api/accounts", Map.of("inviteCode", founder.createInviteCode(),
                "username", "FOUNDER", "displayName", "Impostor", "password", "long enough password"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("username_taken");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("username");
    }

    @Test
    void limits_count_characters_as_people_do_so_fifty_emoji_make_a_valid_display_name() {
        String fifty = "\uD83C\uDF99".repeat(50); // 🎙 is one character, two UTF-16 units
        var me = new ApiClient(parley.baseUrl()).signUp(founder.createInviteCode(), "emoji_fan", fifty);
        assertThat(me.get("displayName").asText()).isEqualTo(fifty);

        var r = new ApiClient(parley.baseUrl()).post("/api/accounts", Map.of("inviteCode", founder.createInviteCode(),
                "username", "emoji_fan2", "displayName", fifty + "\uD83C\uDF99", "password", "long enough password"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("code").asText()).isEqualTo("too_long");
    }

    @Test
    void sign_up_names_every_bad_field_at_once() {
        var r = new ApiClient(parley.baseUrl()).post("/api/accounts", Map.of("inviteCode", founder.createInviteCode(),
                "username", "no spaces!", "displayName", "   ", "password", "short"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("validation");
        assertThat(r.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("username", "displayName", "password");
    }
}
