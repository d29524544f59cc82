package org.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.ApiClient.Response;
import org.parley.testing.TestParley;

/**
 * Password guessing locks an account for browsers the account never signed in with, and only for
 * them: the owner's browser, known by its device cookie, still signs in.
 */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountLockoutApiTest {

    static final String PASSWORD = ApiClient.Members.PASSWORD;
    static final int FAILURES = 3;
    /** No cookie jar: every cookie is sent by hand, as a forger would. */
    static final HttpClient RAW = HttpClient.newHttpClient();

    TestParley parley;

    @BeforeAll
    void start() {
        parley = TestParley.start(Map.of("PARLEY_AUTH_FAILURES_PER_ACCOUNT", String.valueOf(FAILURES)));
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @Test
    void an_attacker_who_locks_an_account_does_not_lock_its_owner_out_of_their_own_browser() {
        var owner = member(parley, "owner1");
        assertThat(owner.delete("/api/session").status()).isEqualTo(204);

        lockOut(parley, "owner1");
        var stranger = logIn(new ApiClient(parley.baseUrl()), "owner1", PASSWORD);
        assertThat(stranger.status()).as("the right password from an unknown browser").isEqualTo(429);
        assertThat(stranger.code()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(stranger.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 600);

        assertThat(logIn(owner, "owner1", PASSWORD).status()).as("the owner's browser").isEqualTo(200);
        assertThat(owner.get("/api/me").json().get("username").asText()).isEqualTo("owner1");
    }

    @Test
    void the_owners_own_wrong_passwords_count_against_their_browser_only() {
        var owner = member(parley, "owner2");
        assertThat(owner.delete("/api/session").status()).isEqualTo(204);
        for (int i = 0; i < FAILURES; i++) {
            assertThat(logIn(owner, "owner2", "typo " + i).status()).isEqualTo(401);
        }
        assertThat(logIn(owner, "owner2", PASSWORD).status()).as("this browser's budget is spent").isEqualTo(429);

        var laptop = new ApiClient(parley.baseUrl());
        assertThat(logIn(laptop, "owner2", PASSWORD).status()).as("the account itself is not locked").isEqualTo(200);
    }

    @Test
    void a_forged_or_another_members_device_cookie_does_not_get_past_the_lock() throws Exception {
        var owner = member(parley, "owner3");
        var other = member(parley, "other3");
        String genuine = owner.cookie("parley_device");
        String othersCookie = other.cookie("parley_device");
        assertThat(genuine).isNotNull().isNotEqualTo(othersCookie);
        String[] parts = genuine.split("\\.");
        String[] otherParts = othersCookie.split("\\.");
        char last = parts[3].charAt(parts[3].length() - 1);
        String flipped = parts[0] + "." + parts[1] + "." + parts[2] + "."
                + parts[3].substring(0, parts[3].length() - 1) + (last == 'A' ? 'B' : 'A');
        char middle = parts[3].charAt(20);
        String alteredMac = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3].substring(0, 20)
                + (middle == 'A' ? 'B' : 'A') + parts[3].substring(21);
        String othersDeviceAsOwners = parts[0] + "." + parts[1] + "." + otherParts[2] + "." + otherParts[3];
        String newDeviceUnsigned = parts[0] + "." + parts[1] + ".AAAAAAAAAAAAAAAAAAAAAA." + parts[3];

        lockOut(parley, "owner3");
        for (String forged : new String[] {othersCookie, alteredMac, flipped, othersDeviceAsOwners, newDeviceUnsigned, "v1.1.x.y", "x"}) {
            var r = rawLogIn(forged, "owner3", PASSWORD);
            assertThat(r.status()).as(forged).isEqualTo(429);
        }
        assertThat(rawLogIn(genuine, "owner3", PASSWORD).status()).as("the genuine cookie, sent the same way").isEqualTo(200);
    }

    @Test
    void the_owner_can_still_change_their_password_while_the_account_is_locked() {
        var owner = member(parley, "owner4");
        lockOut(parley, "owner4");
        var r = owner.put("/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "a brand new passphrase"));
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    @Test
    void the_device_cookie_is_long_lived_http_only_and_same_site_lax_and_secure_over_https() {
        var plain = new ApiClient(parley.baseUrl()).post("/api/accounts", Map.of("inviteCode", parley.createAdminInviteCode(),
                "username", "cookie5", "displayName", "Cookie", "password", PASSWORD));
        String device = deviceSetCookie(plain);
        assertThat(device).contains("Max-Age=31536000").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/")
                .doesNotContain("Secure");

        try (var https = TestParley.start(Map.of("PARLEY_PUBLIC_URL", "https://parley.example.org"))) {
            // By hand: a cookie jar would not send the Secure CSRF cookie back over this test's plain HTTP.
            var r = rawPost(https, "/api/accounts", "", "{\"inviteCode\":\"" + https.createAdminInviteCode()
                    + "\",\"username\":\"cookie6\",\"displayName\":\"Cookie\",\"password\":\"" + PASSWORD + "\"}");
            assertThat(deviceSetCookie(r)).contains("; Secure").contains("HttpOnly");
        }
    }

    @Test
    void the_device_key_is_made_once_for_the_owner_only_and_devices_are_known_after_a_restart() throws IOException {
        try (var own = TestParley.start(Map.of("PARLEY_AUTH_FAILURES_PER_ACCOUNT", String.valueOf(FAILURES)))) {
            var keyFile = own.dataDir().resolve("device-key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            String key = Files.readString(keyFile);
            var owner = member(own, "owner7");

            own.restart();
            assertThat(Files.readString(keyFile)).isEqualTo(key);
            lockOut(own, "owner7");
            var ownerAgain = new ApiClient(own.baseUrl());
            assertThat(rawLogIn(own, owner.cookie("parley_device"), "owner7", PASSWORD).status()).isEqualTo(200);
            assertThat(logIn(ownerAgain, "owner7", PASSWORD).status()).isEqualTo(429);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A new member, signed up (and so holding a device cookie) in a browser of their own. */
    private static ApiClient member(TestParley server, String username) {
        var client = new ApiClient(server.baseUrl());
        client.signUp(server.createAdminInviteCode(), username, username);
        assertThat(client.cookie("parley_device")).as("sign-up hands out a device cookie").isNotNull();
        return client;
    }

    /** Wrong passwords from a browser that never signed in, until the account is locked for such browsers. */
    private static void lockOut(TestParley server, String username) {
        var attacker = new ApiClient(server.baseUrl());
        for (int i = 0; i < FAILURES; i++) {
            assertThat(logIn(attacker, username, "guess " + i).status()).isEqualTo(401);
        }
        assertThat(logIn(attacker, username, "guess again").status()).isEqualTo(429);
    }

    private static Response logIn(ApiClient client, String username, String password) {
        return client.post("/api/session", Map.of("username", username, "password", password));
    }

    private Response rawLogIn(String deviceCookie, String username, String password) throws IOException {
        return rawLogIn(parley, deviceCookie, username, password);
    }

    private static Response rawLogIn(TestParley server, String deviceCookie, String username, String password) {
        return rawPost(server, "/api/session", "; parley_device=" + deviceCookie,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    /** A POST with an anonymous double-submit CSRF pair and {@code moreCookies}. */
    private static Response rawPost(TestParley server, String path, String moreCookies, String json) {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Cookie", "parley_csrf=t" + moreCookies).header("X-CSRF-Token", "t")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            var response = RAW.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String deviceSetCookie(Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("parley_device="))
                .findFirst().orElseThrow(() -> new AssertionError("no device cookie in " + r.headers()));
    }
}
