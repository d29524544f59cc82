package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.BadInputApiTest.assertProblem;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.testing.ApiClient;
import org.parley.testing.ApiClient.Response;
import org.parley.testing.TestParley;

/**
 * Cookie-authenticated writes need the double-submit token (bound to the session once signed in) and
 * a same-site Origin; the cookies carry the attributes docs/api.md promises.
 */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfApiTest {

    private static final String PASSWORD = ApiClient.Members.PASSWORD;
    private static final HttpClient RAW = HttpClient.newHttpClient(); // no cookie jar: every header by hand

    TestParley parley;
    ApiClient founder;
    final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    void start() {
        parley = TestParley.start();
        founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder", "Founder");
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {"PATCH|/api/me|{\"bio\":\"pwned\"}", "POST|/api/invites|",
            "PUT|/api/members/founder/follow|", "DELETE|/api/session|",
            "PUT|/api/me/password|{\"currentPassword\":\"correct horse battery\",\"newPassword\":\"attacker chosen\"}"})
    void a_write_without_the_token_header_is_refused_and_changes_nothing(String method, String path, String body) {
        ApiClient member = newMember();
        var before = member.get("/api/me").raw();
        var r = member.sendRaw(method, path, body, body == null ? null : "application/json", Map.of(), false);
        assertProblem(r, 403, "csrf_invalid");
        assertThat(member.get("/api/me").raw()).as("still signed in, nothing changed").isEqualTo(before);
        assertThat(member.get("/api/invites").json().get("items")).isEmpty();
    }

    @Test
    void signing_up_or_in_without_the_token_is_refused() {
        String code = founder.createInviteCode();
        var guest = new ApiClient(parley.baseUrl());
        var signUp = guest.sendRaw("POST", "/api/accounts", "{\"inviteCode\":\"" + code + "\",\"username\":\"tokenless\","
                + "\"displayName\":\"T\",\"password\":\"" + PASSWORD + "\"}", "application/json", Map.of(), false);
        assertProblem(signUp, 403, "csrf_invalid");
        assertThat(guest.get("/api/invites/" + code).json().get("status").asText()).isEqualTo("pending");
        var logIn = guest.sendRaw("POST", "/api/session", "{\"username\":\"founder\",\"password\":\"" + PASSWORD + "\"}",
                "application/json", Map.of(), false);
        assertProblem(logIn, 403, "csrf_invalid");
        assertThat(guest.get("/api/me").status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "token \"{0}\"")
    @ValueSource(strings = {"wrong", "", "OTHER_SESSION", "PRE_LOGIN"})
    void a_wrong_token_is_refused(String token) {
        var member = new ApiClient(parley.baseUrl());
        member.get("/api/me");
        String preLogin = member.cookie("parley_csrf");
        member.signUp(founder.createInviteCode(), "wrong_token_" + names.incrementAndGet(), "Member");
        String sent = switch (token) {
            case "OTHER_SESSION" -> founder.cookie("parley_csrf");
            case "PRE_LOGIN" -> preLogin;
            default -> token;
        };
        var r = member.sendRaw("PATCH", "/api/me", "{\"bio\":\"pwned\"}", "application/json", Map.of("X-CSRF-Token", sent), false);
        assertProblem(r, 403, "csrf_invalid");
        assertThat(member.get("/api/me").json().get("bio").asText()).isEmpty();
    }

    @ParameterizedTest(name = "Origin: {0}")
    @ValueSource(strings = {"https://evil.example", "http://127.0.0.1", "http://127.0.0.1:PORT.evil.example",
            "http://localhost.evil.example:PORT", "not a url"})
    void a_cross_site_origin_is_refused_even_with_the_right_token(String origin) {
        ApiClient member = newMember();
        var headers = Map.of("Origin", origin.replace("PORT", String.valueOf(parley.port())));
        assertProblem(member.send("PATCH", "/api/me", Map.of("bio", "pwned"), headers), 403, "csrf_invalid");
        assertThat(member.get("/api/me").json().get("bio").asText()).isEmpty();
        var guest = new ApiClient(parley.baseUrl());
        assertProblem(guest.send("POST", "/api/session", Map.of("username", "founder", "password", PASSWORD), headers),
                403, "csrf_invalid");
        assertThat(guest.get("/api/me").status()).as("no log-in planted from another site").isEqualTo(401);
    }

    @Test
    void a_same_origin_request_with_the_token_is_accepted() {
        ApiClient member = newMember();
        var r = member.send("PATCH", "/api/me", Map.of("bio", "hello"), Map.of("Origin", parley.baseUrl()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(member.get("/api/me").json().get("bio").asText()).isEqualTo("hello");
    }

    @Test
    void after_log_in_only_the_new_session_token_works() throws Exception {
        ApiClient member = newMember();
        String username = member.get("/api/me").json().get("username").asText();
        var browser = new ApiClient(parley.baseUrl());
        browser.get("/api/me");
        String before = browser.cookie("parley_csrf");
        assertThat(browser.post("/api/session", Map.of("username", username, "password", PASSWORD)).status()).isEqualTo(200);
        String after = browser.cookie("parley_csrf");
        assertThat(after).isNotNull().isNotEqualTo(before);

        var old = browser.sendRaw("PATCH", "/api/me", "{\"bio\":\"old token\"}", "application/json", Map.of("X-CSRF-Token", before), false);
        assertProblem(old, 403, "csrf_invalid");
        // A cookie planted by an attacker (e.g. from a sibling subdomain) does not help either: the session decides.
        String session = browser.cookie("parley_session");
        var planted = raw("PATCH", "/api/me", "{\"bio\":\"planted\"}", "Cookie", "parley_session=" + session
                + "; parley_csrf=planted", "X-CSRF-Token", "planted", "Content-Type", "application/json");
        assertProblem(planted, 403, "csrf_invalid");

        var fresh = browser.sendRaw("PATCH", "/api/me", "{\"bio\":\"new token\"}", "application/json", Map.of("X-CSRF-Token", after), false);
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(browser.get("/api/me").json().get("bio").asText()).isEqualTo("new token");
    }

    @Test
    void reads_need_no_token() {
        ApiClient member = newMember();
        for (String path : List.of("/api/me", "/api/members/founder", "/api/members/founder/followers",
                "/api/members/founder/following", "/api/invites", "/healthz", "/api/openapi.json")) {
            var r = member.sendRaw("GET", path, null, null, Map.of(), false);
            assertThat(r.status()).as(path + " " + r).isEqualTo(200);
        }
    }

    @Test
    void over_plain_http_the_session_cookie_is_http_only_and_lax_but_not_secure() {
        var first = new ApiClient(parley.baseUrl()).get("/api/me");
        assertThat(attributes(first.headers(), "parley_csrf")).contains("samesite=lax").doesNotContain("httponly", "secure");

        var guest = new ApiClient(parley.baseUrl());
        var signUp = guest.post("/api/accounts", Map.of("inviteCode", founder.createInviteCode(), "username",
                "cookies" + names.incrementAndGet(), "displayName", "Cookie Monster", "password", PASSWORD));
        assertThat(signUp.status()).isEqualTo(201);
        assertThat(attributes(signUp.headers(), "parley_session")).contains("httponly", "samesite=lax", "path=/")
                .doesNotContain("secure").anyMatch(a -> a.matches("max-age=[1-9][0-9]*"));
        assertThat(attributes(signUp.headers(), "parley_csrf")).contains("samesite=lax", "path=/")
                .doesNotContain("httponly", "secure");

        var logOut = guest.delete("/api/session");
        assertThat(logOut.status()).isEqualTo(204);
        assertThat(attributes(logOut.headers(), "parley_session")).contains("max-age=0", "httponly");
        assertThat(guest.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void behind_an_https_public_url_every_cookie_is_secure() throws Exception {
        try (var https = TestParley.start(Map.of("PARLEY_PUBLIC_URL", "https://parley.example"))) {
            var first = raw(https, "GET", "/api/me", null);
            assertThat(attributes(first.headers(), "parley_csrf")).contains("secure").doesNotContain("httponly");
            String token = cookieValue(first.headers(), "parley_csrf");

            // The proxy forwards the browser's Origin, which is the public URL, not the Host we are reached on.
            var signUp = raw(https, "POST", "/api/accounts", "{\"inviteCode\":\"" + https.createAdminInviteCode()
                            + "\",\"username\":\"secure\",\"displayName\":\"Secure\",\"password\":\"" + PASSWORD + "\"}",
                    "Cookie", "parley_csrf=" + token, "X-CSRF-Token", token, "Content-Type", "application/json",
                    "Origin", "https://parley.example");
            assertThat(signUp.status()).as(signUp.toString()).isEqualTo(201);
            assertThat(attributes(signUp.headers(), "parley_session")).contains("secure", "httponly", "samesite=lax");
            assertThat(attributes(signUp.headers(), "parley_csrf")).contains("secure", "samesite=lax").doesNotContain("httponly");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private ApiClient newMember() {
        var member = new ApiClient(parley.baseUrl());
        member.signUp(founder.createInviteCode(), "member" + names.incrementAndGet(), "A Member");
        return member;
    }

    /** The lower-cased attributes of the Set-Cookie header for {@code name}, without its value. */
    private static List<String> attributes(HttpHeaders headers, String name) {
        String header = headers.allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + headers.map()));
        return Arrays.stream(header.split(";")).skip(1).map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static String cookieValue(HttpHeaders headers, String name) {
        return headers.allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "="))
                .map(h -> h.substring(name.length() + 1, h.indexOf(';'))).findFirst().orElseThrow();
    }

    private Response raw(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        return raw(parley, method, path, body, headers);
    }

    private static Response raw(TestParley server, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        var response = RAW.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers(), response.body());
    }
}
