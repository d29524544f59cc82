package org.parley.invites;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

@Tag("db")
@Timeout(60)
class UsernameCheckApiTest {

    TestParley parley;
    ApiClient founder;
    ApiClient guest;
    String code;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder", "Ada Founder");
        code = founder.createInviteCode();
        guest = new ApiClient(parley.baseUrl());
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void a_free_username_is_available_and_a_taken_one_is_not_whatever_its_case() {
        var free = guest.get("/api/invites/" + code + "/usernames/grace");
        assertThat(free.status()).isEqualTo(200);
        assertThat(free.json().get("available").asBoolean()).isTrue();
        assertThat(free.json().get("reason").isNull()).isTrue();
        assertThat(free.headers().firstValue("Cache-Control")).hasValue("no-store");

        var taken = guest.get("/api/invites/" + code + "/usernames/FOUNDER");
        assertThat(taken.json().get("available").asBoolean()).isFalse();
        assertThat(taken.json().get("reason").asText()).isEqualTo("username_taken");
    }

    @Test
    void a_username_that_breaks_the_rules_says_which_rule() {
        var shortName = guest.get("/api/invites/" + code + "/usernames/ab");
        assertThat(shortName.status()).isEqualTo(200);
        assertThat(shortName.json().get("available").asBoolean()).isFalse();
        assertThat(shortName.json().get("reason").asText()).isEqualTo("invalid_format");
        assertThat(guest.get("/api/invites/" + code + "/usernames/a%20b").json().get("reason").asText())
                .isEqualTo("invalid_format");
    }

    @Test
    void only_the_holder_of_a_pending_invitation_may_ask() {
        var unknown = guest.get("/api/invites/AAAAAAAAAAAAAAAAAAAAAA/usernames/founder");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("invite_not_found");

        guest.signUp(code, "grace", "Grace Hopper");
        var used = new ApiClient(parley.baseUrl()).get("/api/invites/" + code + "/usernames/someone");
        assertThat(used.status()).isEqualTo(410);
        assertThat(used.code()).isEqualTo("invite_used");
    }

    @Test
    void checking_has_a_budget_of_its_own_that_does_not_spend_sign_up_attempts() {
        int allowed = InvitesApi.USERNAME_CHECKS_PER_WINDOW;
        for (int i = 0; i < allowed; i++) {
            assertThat(guest.get("/api/invites/" + code + "/usernames/name" + i).status()).as("check " + i).isEqualTo(200);
        }
        var refused = guest.get("/api/invites/" + code + "/usernames/onemore");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");

        assertThat(guest.signUp(code, "grace", "Grace Hopper").get("username").asText())
                .as("sign-up still allowed").isEqualTo("grace");
    }
}
