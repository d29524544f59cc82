package org.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.MutableClock;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/** The signed-in devices list: what it shows, and that ending a device ends it at once, sockets too. */
@Tag("db")
@Timeout(90)
class SignedInDevicesApiTest {

    static final String FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0";
    static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    MutableClock clock = MutableClock.startingNow();
    TestParley parley;

    @AfterEach
    void stop() {
        parley.close();
    }

    void start(Map<String, String> settings) {
        parley = TestParley.start(settings, clock);
        new ApiClient(parley.baseUrl()).signUp(parley.createAdminInviteCode(), "ada", "Ada");
    }

    ApiClient logIn(String username, String userAgent) {
        var client = new ApiClient(parley.baseUrl());
        var r = client.send("POST", "/api/session", Map.of("username", username, "password", ApiClient.Members.PASSWORD),
                Map.of("User-Agent", userAgent));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return client;
    }

    static List<JsonNode> sessions(ApiClient client) {
        var r = client.get("/api/sessions");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("sessions").forEach(out::add);
        return out;
    }

    @Test
    void the_list_names_each_devices_browser_and_system_marks_this_one_and_keeps_no_network_by_default() {
        start(Map.of());
        var phone = logIn("ada", FIREFOX_ANDROID);
        clock.advance(Duration.ofMinutes(1));
        logIn("ADA", CHROME_WINDOWS);

        List<JsonNode> list = sessions(phone);

        // The sign-up's session, the phone and the PC.
        assertThat(list).hasSize(3);
        JsonNode mine = list.stream().filter(s -> s.get("current").asBoolean()).findFirst().orElseThrow();
        assertThat(mine.get("browser").asText()).isEqualTo("Firefox");
        assertThat(mine.get("os").asText()).isEqualTo("Android");
        assertThat(list).filteredOn(s -> s.get("browser").asText().equals("Chrome"))
                .singleElement().satisfies(s -> assertThat(s.get("os").asText()).isEqualTo("Windows"));
        assertThat(list).allSatisfy(s -> {
            assertThat(s.get("network").isNull()).isTrue();
            assertThat(s.get("signedInAt").asText()).isNotBlank();
            assertThat(s.get("lastUsedAt").asText()).isNotBlank();
            assertThat(s.get("id").asText()).hasSize(20);
        });
        assertThat(list).filteredOn(s -> s.get("current").asBoolean()).hasSize(1);
        // Nobody else's devices, and not for the signed out.
        assertThat(new ApiClient(parley.baseUrl()).get("/api/sessions").status()).isEqualTo(401);
    }

    @Test
    void an_operator_who_allows_it_shows_the_network_cut_to_its_slash_24() {
        start(Map.of("PARLEY_SESSION_NETWORKS", "true"));
        var phone = logIn("ada", FIREFOX_ANDROID);
        JsonNode mine = sessions(phone).stream().filter(s -> s.get("current").asBoolean()).findFirst().orElseThrow();
        assertThat(mine.get("network").asText()).isEqualTo("127.0.0.0/24");
    }

    @Test
    void last_used_is_written_at_most_once_per_interval() {
        start(Map.of());
        var phone = logIn("ada", FIREFOX_ANDROID);
        String first = mine(phone).get("lastUsedAt").asText();
        clock.advance(AccountsConfig.LAST_USED_INTERVAL.minusMinutes(1));
        assertThat(mine(phone).get("lastUsedAt").asText()).isEqualTo(first);
        clock.advance(Duration.ofMinutes(2));
        phone.get("/api/me");
        assertThat(mine(phone).get("lastUsedAt").asText()).isNotEqualTo(first);
    }

    static JsonNode mine(ApiClient client) {
        return sessions(client).stream().filter(s -> s.get("current").asBoolean()).findFirst().orElseThrow();
    }

    @Test
    void ending_another_device_logs_it_out_at_once_and_closes_its_socket_with_4401() {
        start(Map.of());
        var phone = logIn("ada", FIREFOX_ANDROID);
        var pc = logIn("ada", CHROME_WINDOWS);
        try (var pcSocket = WsClient.connect(parley.baseUrl(), pc); var phoneSocket = WsClient.connect(parley.baseUrl(), phone)) {
            pcSocket.awaitType("hello");
            phoneSocket.awaitType("hello");
            String pcId = mine(pc).get("id").asText();

            assertThat(phone.delete("/api/sessions/" + pcId).status()).isEqualTo(204);

            assertThat(pcSocket.awaitClose().code()).isEqualTo(4401);
            assertThat(pc.get("/api/me").status()).isEqualTo(401);
            assertThat(phone.get("/api/me").status()).isEqualTo(200);
            assertThat(phoneSocket.isClosed()).isFalse();
            assertThat(sessions(phone)).noneMatch(s -> s.get("id").asText().equals(pcId));
            // Ended is ended: again is 404, and so is an id that is not one of mine.
            assertThat(phone.delete("/api/sessions/" + pcId).code()).isEqualTo("session_not_found");
        }
    }

    @Test
    void a_member_cannot_end_someone_elses_session() {
        start(Map.of());
        var ada = logIn("ada", FIREFOX_ANDROID);
        var bob = new ApiClient(parley.baseUrl());
        bob.signUp(ada.createInviteCode(), "bob", "Bob");
        String bobsId = mine(bob).get("id").asText();

        assertThat(ada.delete("/api/sessions/" + bobsId).status()).isEqualTo(404);
        assertThat(bob.get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void log_out_everywhere_else_keeps_only_this_device() {
        start(Map.of());
        var phone = logIn("ada", FIREFOX_ANDROID);
        var pc = logIn("ada", CHROME_WINDOWS);
        try (var pcSocket = WsClient.connect(parley.baseUrl(), pc)) {
            pcSocket.awaitType("hello");

            var r = phone.post("/api/sessions/end-others", null);

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("ended").asInt()).isEqualTo(2); // the PC and the sign-up's session
            assertThat(pcSocket.awaitClose().code()).isEqualTo(4401);
            assertThat(pc.get("/api/me").status()).isEqualTo(401);
            assertThat(sessions(phone)).singleElement().satisfies(s -> assertThat(s.get("current").asBoolean()).isTrue());
        }
    }

    @Test
    void a_delegates_acting_as_an_organization_ends_with_the_session() {
        start(Map.of());
        var ada = logIn("ada", FIREFOX_ANDROID);
        var laptop = logIn("ada", CHROME_WINDOWS);
        assertThat(ada.post("/api/organizations", Map.of("username", "energy", "displayName", "Ministry of Energy"))
                .status()).isEqualTo(201);
        assertThat(laptop.put("/api/session/acting", Map.of("organization", "energy")).status()).isLessThan(300);
        assertThat(laptop.get("/api/me").json().get("username").asText()).isEqualTo("energy");
        String laptopId = mine(laptop).get("id").asText(); // a person's devices, even while acting

        assertThat(ada.delete("/api/sessions/" + laptopId).status()).isEqualTo(204);

        assertThat(laptop.get("/api/me").status()).isEqualTo(401);
        // Signing in again is the person, not the organization.
        var again = new ApiClient(parley.baseUrl());
        again.post("/api/session", Map.of("username", "ada", "password", ApiClient.Members.PASSWORD));
        assertThat(again.get("/api/me").json().get("username").asText()).isEqualTo("ada");
    }
}
