package org.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.MutableClock;
import org.parley.testing.TestParley;

@Tag("db")
@Timeout(90)
class SessionApiTest {

    static final String PASSWORD = ApiClient.Members.PASSWORD;
    MutableClock clock = MutableClock.startingNow();
    TestParley parley;

    @BeforeEach
    void start() {
        parley = TestParley.start(Map.of(), clock);
        new ApiClient(parley.baseUrl()).signUp(parley.createAdminInviteCode(), "ada", "Ada");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    ApiClient logIn(String username, String password) {
        var client = new ApiClient(parley.baseUrl());
        var r = client.post("/api/session", Map.of("username", username, "password", password));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return client;
    }

    @Test
    void a_member_logs_in_with_any_casing_of_their_username_and_logs_out() {
        var client = logIn("ADA", PASSWORD);
        assertThat(client.get("/api/me").json().get("username").asText()).isEqualTo("ada");

        assertThat(client.delete("/api/session").status()).isEqualTo(204);
        assertThat(client.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_answer() {
        var wrong = new ApiClient(parley.baseUrl()).post("/api/session", Map.of("username", "ada", "password", "not my password"));
        var unknown = new ApiClient(parley.baseUrl()).post("/api/session", Map.of("username", "nobody", "password", "not my password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_credentials").isEqualTo(unknown.code());
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void a_logged_out_session_cookie_is_dead_even_if_replayed() {
        var client = logIn("ada", PASSWORD);
        String stolen = client.cookie("parley_session");
        client.delete("/api/session");

        var replay = new ApiClient(parley.baseUrl()).sendRaw("GET", "/api/me", null, null,
                Map.of("Cookie", "parley_session=" + stolen), false);
        assertThat(replay.status()).isEqualTo(401);
    }

    @Test
    void sessions_survive_a_server_restart() {
        var client = logIn("ada", PASSWORD);
        String cookie = client.cookie("parley_session");
        parley.restart();

        var after = new ApiClient(parley.baseUrl()).sendRaw("GET", "/api/me", null, null,
                Map.of("Cookie", "parley_session=" + cookie), false);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("username").asText()).isEqualTo("ada");
    }

    @Test
    void an_unused_session_expires_after_thirty_days_but_use_keeps_it_alive() {
        var idle = logIn("ada", PASSWORD);
        var busy = logIn("ada", PASSWORD);
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofDays(10));
            assertThat(busy.get("/api/me").status()).isEqualTo(200);
        }
        assertThat(idle.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void changing_the_password_ends_other_sessions_and_needs_the_current_one() {
        var laptop = logIn("ada", PASSWORD);
        var phone = logIn("ada", PASSWORD);

        var wrong = laptop.put("/api/me/password", Map.of("currentPassword", "guess guess", "newPassword", "a new passphrase"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.code()).isEqualTo("wrong_password");

        var ok = laptop.put("/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "a new passphrase"));
        assertThat(ok.status()).isEqualTo(204);
        assertThat(laptop.get("/api/me").status()).as("the session that changed it stays").isEqualTo(200);
        assertThat(phone.get("/api/me").status()).as("others are signed out").isEqualTo(401);

        assertThat(new ApiClient(parley.baseUrl()).post("/api/session",
                Map.of("username", "ada", "password", PASSWORD)).status()).isEqualTo(401);
        logIn("ada", "a new passphrase");
    }

    @Test
    void a_new_password_must_follow_the_rules() {
        var client = logIn("ada", PASSWORD);
        var r = client.put("/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "short"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");
        assertThat(r.json().get("errors").get(0).get("code").asText()).isEqualTo("too_short");
    }

    @Test
    void password_guessing_against_one_account_is_slowed_down() {
        try (var limited = TestParley.start(Map.of("PARLEY_AUTH_FAILURES_PER_ACCOUNT", "3"))) {
            new ApiClient(limited.baseUrl()).signUp(limited.createAdminInviteCode(), "target", "Target");
            var attacker = new ApiClient(limited.baseUrl());
            for (int i = 0; i < 3; i++) {
                assertThat(attacker.post("/api/session", Map.of("username", "target", "password", "guess " + i)).status())
                        .isEqualTo(401);
            }
            var blocked = attacker.post("/api/session", Map.of("username", "TARGET", "password", PASSWORD));
            assertThat(blocked.status()).isEqualTo(429);
            assertThat(blocked.code()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(blocked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 600);
        }
    }

    @Test
    void many_attempts_from_one_address_are_refused() {
        try (var limited = TestParley.start(Map.of("PARLEY_AUTH_ATTEMPTS_PER_IP", "5"))) {
            var client = new ApiClient(limited.baseUrl());
            int refused = 0;
            for (int i = 0; i < 8; i++) {
                var r = client.post("/api/session", Map.of("username", "user" + i, "password", "whatever123"));
                if (r.status() == 429) {
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(3);
            var signUp = client.post("/api/accounts", Map.of("inviteCode", limited.createAdminInviteCode(),
                    "username", "x_user", "displayName", "X", "password", "long enough password"));
            assertThat(signUp.status()).as("sign-up shares the per-address budget").isEqualTo(429);
        }
    }
}
