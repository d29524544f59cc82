package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.testing.ApiClient;
import org.parley.testing.ApiClient.Response;
import org.parley.testing.TestParley;

/**
 * The quality bar for every API client: bad input gets a clear 4xx {@code application/problem+json}
 * (never a 500), and changes nothing. Each test compares the network's visible state before and after.
 */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = ApiClient.Members.PASSWORD;
    private static final List<String> WRITES = List.of("signUp", "logIn", "updateMe", "changePassword",
            "createInvite", "follow", "unfollow", "revokeInvite", "logOut");

    /** A write operation: its caller ({@code null}: a fresh browser each time) and a body it accepts. */
    record Op(String method, String path, ApiClient caller, Map<String, Object> validBody) {}

    TestParley parley;
    ApiClient alice;      // administrator, follows bob, holds a pending invitation
    ApiClient aliceOther; // alice's second session: the target of logOut attempts
    ApiClient bob;
    ApiClient anonymous;
    String pendingCode;
    Map<String, Op> ops;
    List<String> stateBefore;

    @BeforeAll
    void start() {
        parley = TestParley.start();
        alice = client();
        alice.signUp(parley.createAdminInviteCode(), "alice", "Alice Admin");
        bob = client();
        bob.signUp(alice.createInviteCode(), "bob", "Bob Member");
        aliceOther = client();
        assertThat(aliceOther.post("/api/session", body("username", "alice", "password", PASSWORD)).status()).isEqualTo(200);
        anonymous = client();
        pendingCode = alice.createInviteCode();
        assertThat(alice.put("/api/members/bob/follow", null).status()).isEqualTo(204);
        ops = Map.of(
                "signUp", new Op("POST", "/api/accounts", null, body("inviteCode", pendingCode, "username", "newcomer",
                        "displayName", "New Comer", "password", "another long password")),
                "logIn", new Op("POST", "/api/session", null, body("username", "alice", "password", PASSWORD)),
                "updateMe", new Op("PATCH", "/api/me", alice, body("displayName", "Changed", "bio", "changed")),
                "changePassword", new Op("PUT", "/api/me/password", alice,
                        body("currentPassword", PASSWORD, "newPassword", "another long password")),
                "createInvite", new Op("POST", "/api/invites", bob, body()),
                "follow", new Op("PUT", "/api/members/alice/follow", bob, null),
                "unfollow", new Op("DELETE", "/api/members/bob/follow", alice, null),
                "revokeInvite", new Op("DELETE", "/api/invites/" + pendingCode, alice, null),
                "logOut", new Op("DELETE", "/api/session", aliceOther, null));
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @BeforeEach
    void rememberState() {
        stateBefore = state();
    }

    @AfterEach
    void nothingChanged() {
        List<String> after = state();
        List<String> changed = IntStream.range(0, after.size()).filter(i -> !after.get(i).equals(stateBefore.get(i)))
                .mapToObj(i -> stateBefore.get(i) + "\n    became " + after.get(i)).toList();
        assertThat(changed).as("what members can see changed").isEmpty();
    }

    static Stream<Arguments> malformedBodies() {
        String big = "{\"bio\":\"" + "x".repeat(70_000) + "\"}";
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        Stream<Object[]> cases = Stream.of(
                new Object[] {"not JSON", "application/json", "{\"username\": ", 400, "malformed_json"},
                new Object[] {"a JSON array", "application/json", "[{}]", 400, "malformed_json"},
                new Object[] {"a JSON string", "application/json", "\"alice\"", 400, "malformed_json"},
                new Object[] {"a JSON number", "application/json", "42", 400, "malformed_json"},
                new Object[] {"JSON null", "application/json", "null", 400, "malformed_json"},
                new Object[] {"nesting 5000 deep", "application/json", deep, 400, "malformed_json"},
                new Object[] {"a duplicate key", "application/json", "{\"username\":\"a\",\"username\":\"b\"}", 400, "malformed_json"},
                new Object[] {"text/plain", "text/plain", "VALID", 415, "unsupported_media_type"},
                new Object[] {"a form", "application/x-www-form-urlencoded", "username=alice&password=x", 415, "unsupported_media_type"},
                new Object[] {"no Content-Type", null, "VALID", 415, "unsupported_media_type"},
                new Object[] {"over 64 KiB", "application/json", big, 413, "payload_too_large"},
                new Object[] {"an unknown field", "application/json", "VALID+admin", 400, "validation"});
        return cases.flatMap(c -> WRITES.stream().map(op -> arguments(op, c[0], c[1], c[2], c[3], c[4])));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("malformedBodies")
    void a_body_that_is_not_a_json_object_of_known_fields_is_refused(String op, String what, String contentType, String raw,
                                                      int status, String code) {
        Map<String, Object> valid = validBody(op);
        if (raw.equals("VALID+admin")) {
            valid.put("admin", true); // mass assignment must be named, not ignored
            assertField(send(op, json(valid), contentType), "admin", "unknown_field");
        } else {
            assertProblem(send(op, raw.equals("VALID") ? json(valid) : raw, contentType), status, code);
        }
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                bad("signUp", "username as a number", b -> b.put("username", 42), "username", "invalid_type"),
                bad("signUp", "username as an object", b -> b.put("username", Map.of("a", 1)), "username", "invalid_type"),
                bad("signUp", "username of 31", b -> b.put("username", "u".repeat(31)), "username", "invalid_format"),
                bad("signUp", "username with a space", b -> b.put("username", "ada l"), "username", "invalid_format"),
                bad("signUp", "username in Cyrillic", b -> b.put("username", "аdmin"), "username", "invalid_format"),
                bad("signUp", "username null", b -> b.put("username", null), "username", "required"),
                bad("signUp", "displayName of 51", b -> b.put("displayName", "d".repeat(51)), "displayName", "too_long"),
                bad("signUp", "displayName as a list", b -> b.put("displayName", List.of("a")), "displayName", "invalid_type"),
                bad("signUp", "displayName with a bell", b -> b.put("displayName", "Ada\u0007"), "displayName", "invalid_format"),
                bad("signUp", "displayName with a bidi override", b -> b.put("displayName", "\u202Eada"), "displayName", "invalid_format"),
                bad("signUp", "password of 129", b -> b.put("password", "p".repeat(129)), "password", "too_long"),
                bad("signUp", "password of 7", b -> b.put("password", "p".repeat(7)), "password", "too_short"),
                bad("signUp", "password as a boolean", b -> b.put("password", true), "password", "invalid_type"),
                bad("signUp", "no inviteCode", b -> b.remove("inviteCode"), "inviteCode", "required"),
                bad("signUp", "inviteCode as a number", b -> b.put("inviteCode", 7), "inviteCode", "invalid_type"),
                bad("signUp", "inviteCode with a slash", b -> b.put("inviteCode", "../x"), "inviteCode", "invalid_format"),
                bad("logIn", "username as a number", b -> b.put("username", 1), "username", "invalid_type"),
                bad("logIn", "password as an object", b -> b.put("password", Map.of()), "password", "invalid_type"),
                bad("logIn", "no password", b -> b.remove("password"), "password", "required"),
                bad("logIn", "no username", b -> b.remove("username"), "username", "required"),
                bad("logIn", "password of 129", b -> b.put("password", "p".repeat(129)), "password", "too_long"),
                bad("updateMe", "displayName as a number", b -> b.put("displayName", 5), "displayName", "invalid_type"),
                bad("updateMe", "bio as an object", b -> b.put("bio", Map.of("text", "hi")), "bio", "invalid_type"),
                bad("updateMe", "displayName of 51", b -> b.put("displayName", "d".repeat(51)), "displayName", "too_long"),
                bad("updateMe", "bio of 301", b -> b.put("bio", "b".repeat(301)), "bio", "too_long"),
                bad("updateMe", "a blank displayName", b -> b.put("displayName", "   "), "displayName", "too_short"),
                bad("updateMe", "displayName null", b -> b.put("displayName", null), "displayName", "required"),
                bad("updateMe", "displayName with RLO", b -> b.put("displayName", "evil\u202Egpj.exe"), "displayName", "invalid_format"),
                bad("updateMe", "displayName with FSI", b -> b.put("displayName", "a\u2068b"), "displayName", "invalid_format"),
                bad("updateMe", "displayName with NUL", b -> b.put("displayName", "a\u0000b"), "displayName", "invalid_format"),
                bad("updateMe", "displayName with a newline", b -> b.put("displayName", "a\nb"), "displayName", "invalid_format"),
                bad("updateMe", "displayName with U+2028", b -> b.put("displayName", "a\u2028b"), "displayName", "invalid_format"),
                bad("updateMe", "bio with ESC", b -> b.put("bio", "\u001B[31mred"), "bio", "invalid_format"),
                bad("updateMe", "bio with LRO", b -> b.put("bio", "a\u202Db"), "bio", "invalid_format"),
                bad("changePassword", "newPassword of 129", b -> b.put("newPassword", "p".repeat(129)), "newPassword", "too_long"),
                bad("changePassword", "newPassword of 7", b -> b.put("newPassword", "p".repeat(7)), "newPassword", "too_short"),
                bad("changePassword", "no newPassword", b -> b.remove("newPassword"), "newPassword", "required"),
                bad("changePassword", "currentPassword as a number", b -> b.put("currentPassword", 1), "currentPassword", "invalid_type"),
                bad("createInvite", "a code of my choosing", b -> b.put("code", "MINE"), "code", "unknown_field"));
    }

    private static Arguments bad(String op, String what, Consumer<Map<String, Object>> change, String field, String fieldCode) {
        return arguments(op, what, change, field, fieldCode);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("badFields")
    void a_bad_field_is_named_with_a_stable_code(String op, String what, Consumer<Map<String, Object>> change,
                                                String field, String fieldCode) {
        Map<String, Object> body = validBody(op);
        change.accept(body);
        assertField(send(op, json(body), "application/json"), field, fieldCode);
    }

    @Test
    void every_bad_field_is_named_at_once_and_a_lone_surrogate_is_refused() {
        var r = send("updateMe", "{\"displayName\": 1, \"bio\": \"\\ud800\", \"extra\": 0}", "application/json");
        assertProblem(r, 400, "validation");
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("displayName", "bio", "extra");
    }

    @Test
    void wrong_passwords_and_unknown_names_are_refused_without_naming_which() {
        assertProblem(send("logIn", json(body("username", "alice", "password", "wrong password")), "application/json"),
                401, "invalid_credentials");
        assertProblem(send("logIn", json(body("username", "u".repeat(31), "password", PASSWORD)), "application/json"),
                401, "invalid_credentials");
        var r = send("changePassword", json(body("currentPassword", "wrong password", "newPassword", "whatever it is")),
                "application/json");
        assertProblem(r, 403, "wrong_password");
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("currentPassword");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /api/nope", "POST, /api/nope", "GET, /api/members", "GET, /api/members/alice/nope",
            "GET, /api/invites/x/y", "DELETE, /api/me/password/x"})
    void an_unknown_api_path_is_a_not_found_problem(String method, String path) {
        assertProblem(alice.send(method, path, null, Map.of()), 404, "not_found");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PATCH, /api/invites", "PUT, /api/me", "POST, /api/me", "GET, /api/session", "PUT, /api/accounts",
            "POST, /api/members/bob/follow", "PUT, /api/members/bob", "GET, /api/me/password"})
    void a_wrong_method_is_a_method_not_allowed_problem(String method, String path) {
        assertProblem(alice.send(method, path, null, Map.of()), 405, "method_not_allowed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"limit=0, limit", "limit=101, limit", "limit=abc, limit", "limit=-5, limit", "limit=1.5, limit",
            "limit=, limit", "limit=99999999999, limit", "offset=-1, offset", "offset=abc, offset", "offset=1e3, offset"})
    void bad_paging_names_the_parameter(String query, String field) {
        for (String list : List.of("followers", "following")) {
            assertField(alice.get("/api/members/alice/" + list + "?" + query), field, null);
        }
        var both = alice.get("/api/members/bob/followers?limit=0&offset=-1");
        assertProblem(both, 400, "validation");
        assertThat(both.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("limit", "offset");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"..%2F..", "alice%2Fbob", "%2e%2e%2fapi", "alice%20", "al%25ice", "-1",
            "alice.json", "%C3%A9lodie", "%F0%9F%8E%99", "%E2%80%AEecila", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "LONG"})
    void a_path_that_cannot_name_a_member_or_invitation_is_not_found(String name) {
        String segment = name.equals("LONG") ? "a".repeat(2_000) : name;
        for (String path : List.of("/api/members/%s", "/api/members/%s/followers", "/api/members/%s/following")) {
            assertProblem(alice.get(path.formatted(segment)), 404, "not_found");
        }
        assertProblem(bob.put("/api/members/" + segment + "/follow", null), 404, "not_found");
        assertProblem(alice.delete("/api/members/" + segment + "/follow"), 404, "not_found");
        assertProblem(anonymous.get("/api/invites/" + segment), 404, "invite_not_found");
        assertProblem(alice.delete("/api/invites/" + segment), 404, "invite_not_found");
    }

    @ParameterizedTest(name = "/api/members/{0}")
    @ValueSource(strings = {"alice%00", "%C3%28", "a-20000-character-name"})
    void a_request_the_http_layer_refuses_still_gets_a_problem(String segment) {
        var r = alice.get("/api/members/" + (segment.startsWith("a-") ? "a".repeat(20_000) : segment));
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        assertProblem(r, r.status(), r.code());
    }

    static Stream<Arguments> sessionOnly() {
        return Stream.of(arguments("logOut", "DELETE", "/api/session", null), arguments("getMe", "GET", "/api/me", null),
                arguments("updateMe", "PATCH", "/api/me", Map.of("displayName", "Intruder")),
                arguments("changePassword", "PUT", "/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "x".repeat(12))),
                arguments("getProfile", "GET", "/api/members/alice", null),
                arguments("listFollowers", "GET", "/api/members/alice/followers", null),
                arguments("listFollowing", "GET", "/api/members/alice/following", null),
                arguments("follow", "PUT", "/api/members/alice/follow", null),
                arguments("unfollow", "DELETE", "/api/members/bob/follow", null),
                arguments("createInvite", "POST", "/api/invites", null), arguments("listInvites", "GET", "/api/invites", null),
                arguments("revokeInvite", "DELETE", "/api/invites/PENDING", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionOnly")
    void a_session_only_operation_without_a_session_is_unauthenticated(String op, String method, String path, Object body)
            throws Exception {
        String target = path.replace("PENDING", pendingCode);
        assertProblem(anonymous.send(method, target, body, Map.of()), 401, "unauthenticated");
        // A made-up or absurdly long session cookie is no session either.
        var http = HttpClient.newHttpClient();
        for (String forged : List.of("forged", "f".repeat(4_000))) {
            var request = HttpRequest.newBuilder(URI.create(parley.baseUrl() + target))
                    .header("Cookie", "parley_session=" + forged + "; parley_csrf=t").header("X-CSRF-Token", "t")
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : json(body))).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Response send(String opName, String content, String contentType) {
        Op op = ops.get(opName);
        ApiClient caller = op.caller() == null ? client() : op.caller();
        return caller.sendRaw(op.method(), op.path(), content, contentType, Map.of(), true);
    }

    private Map<String, Object> validBody(String op) {
        Map<String, Object> valid = ops.get(op).validBody();
        return valid == null ? new LinkedHashMap<>() : new LinkedHashMap<>(valid);
    }

    /** Everything a bad request could have changed, as members and visitors see it. */
    private List<String> state() {
        return Stream.of(alice.get("/api/me"), aliceOther.get("/api/me"), bob.get("/api/me"), anonymous.get("/api/me"),
                        alice.get("/api/invites"), bob.get("/api/invites"), anonymous.get("/api/invites/" + pendingCode),
                        alice.get("/api/members/alice/followers"), alice.get("/api/members/bob/followers"),
                        alice.get("/api/members/newcomer")) // a changed password would also end aliceOther's session
                .map(r -> r.status() + " " + r.raw()).toList();
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        var json = r.json();
        assertThat(json.path("type").asText()).isEqualTo("urn:parley:problem:" + code);
        assertThat(json.path("title").asText()).isNotBlank();
        assertThat(json.path("status").asInt()).isEqualTo(status);
        assertThat(json.path("detail").asText()).isNotBlank();
        assertThat(json.path("code").asText()).isEqualTo(code);
    }

    /** A 400 validation problem naming {@code field} (with {@code fieldCode}, unless null). */
    static void assertField(Response r, String field, String fieldCode) {
        assertProblem(r, 400, "validation");
        var error = r.json().path("errors").findParents("field").stream()
                .filter(e -> e.get("field").asText().equals(field)).findFirst();
        assertThat(error).as("errors[] names %s in %s", field, r).isPresent();
        assertThat(error.get().path("detail").asText()).isNotBlank();
        if (fieldCode != null) {
            assertThat(error.get().path("code").asText()).isEqualTo(fieldCode);
        }
    }

    private ApiClient client() {
        return new ApiClient(parley.baseUrl());
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
