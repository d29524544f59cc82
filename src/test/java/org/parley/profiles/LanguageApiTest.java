package org.parley.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

/** The interface language a member saves with {@code updateMe} (issue 14) and reads back in {@code Me}. */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguageApiTest {

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
    void a_new_member_follows_the_browser_until_they_choose() {
        var grace = member();
        assertThat(grace.get("/api/me").json().get("language").isNull()).isTrue();
    }

    @Test
    void a_chosen_language_is_saved_returned_and_kept_by_other_changes() {
        var grace = member();
        var chosen = grace.patch("/api/me", Map.of("language", "ro"));
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
        assertThat(chosen.json().get("language").asText()).isEqualTo("ro");

        grace.patch("/api/me", Map.of("bio", "Admiral"));
        assertThat(grace.get("/api/me").json().get("language").asText()).as("a change without the field keeps it")
                .isEqualTo("ro");
        var again = new ApiClient(parley.baseUrl());
        assertThat(again.post("/api/session", Map.of("username", username(grace), "password", ApiClient.Members.PASSWORD))
                .json().get("language").asText()).as("logging in elsewhere returns it").isEqualTo("ro");
    }

    @Test
    void null_goes_back_to_following_the_browser() {
        var grace = member();
        grace.patch("/api/me", Map.of("language", "ru"));
        var cleared = grace.send("PATCH", "/api/me", "{\"language\": null}", Map.of());
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("language").isNull()).isTrue();
        assertThat(grace.get("/api/me").json().get("language").isNull()).isTrue();
    }

    @Test
    void a_language_parley_has_no_catalogue_for_is_a_field_error_and_changes_nothing() {
        var grace = member();
        grace.patch("/api/me", Map.of("language", "de"));
        for (String body : new String[] {"{\"language\": \"fr\"}", "{\"language\": \"DE\"}", "{\"language\": \"de-DE\"}",
                "{\"language\": \"\"}", "{\"language\": 7, \"bio\": \"x\"}"}) {
            var refused = grace.send("PATCH", "/api/me", body, Map.of());
            assertThat(refused.status()).as(body + " " + refused).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("validation");
            var error = refused.json().get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("language");
            assertThat(error.get("code").asText()).isIn("invalid_value", "invalid_type");
        }
        var me = grace.get("/api/me").json();
        assertThat(me.get("language").asText()).isEqualTo("de");
        assertThat(me.get("bio").asText()).isEmpty();
    }

    private ApiClient member() {
        var client = new ApiClient(parley.baseUrl());
        client.signUp(founder.createInviteCode(), "lang_" + names.incrementAndGet(), "Grace Hopper");
        return client;
    }

    private static String username(ApiClient member) {
        return member.get("/api/me").json().get("username").asText();
    }
}
