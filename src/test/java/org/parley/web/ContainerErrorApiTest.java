package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.testing.TestParley;

/**
 * Requests that Jetty or Javalin refuse before any Parley route runs still get an RFC 9457 problem:
 * sent byte for byte over a socket, since no real HTTP client would send most of them.
 */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerErrorApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** An anonymous caller's double-submit pair (any value works until signed in), so writes get past CSRF. */
    private static final String CSRF = "Cookie: parley_csrf=t\r\nX-CSRF-Token: t\r\n";

    TestParley parley;

    @BeforeAll
    void start() {
        parley = TestParley.start();
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    static Stream<Arguments> refusals() {
        Stream<Arguments> badPaths = METHODS.stream().flatMap(method -> Stream.of(
                refusal(method + " with a bad percent escape", method + " /api/members/%zz", "", 400, "bad_request"),
                refusal(method + " with bad UTF-8 in the path", method + " /api/members/%C3%28/follow", "", 400, "bad_request"),
                refusal(method + " with a NUL in the path", method + " /api/members/a%00", "", 400, "bad_request"),
                refusal(method + " with an overlong encoding", method + " /api/invites/%C0%AF", "", 400, "bad_request"),
                refusal(method + " with a lone surrogate", method + " /u/%ED%A0%80", "", 400, "bad_request")));
        Stream<Arguments> others = Stream.of(
                refusal("a Host with a space", "GET /api/me", "Host: a b\r\n", 400, "bad_request"),
                refusal("an unclosed IPv6 Host", "GET /api/me", "Host: [::1\r\n", 400, "bad_request"),
                refusal("two Hosts", "GET /api/me", "Host: b\r\n", 400, "bad_request"),
                raw("no Host at all", "GET /api/me HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "bad_request"),
                refusal("a header of 20,000 bytes", "GET /api/me", "X-Big: " + "a".repeat(20_000) + "\r\n", 431, "headers_too_large"),
                refusal("3,000 headers", "GET /api/me", "X-Many: v\r\n".repeat(3_000), 431, "headers_too_large"),
                refusal("a URI of 20,000 bytes", "GET /api/members/" + "a".repeat(20_000), "", 414, "uri_too_long"),
                refusal("a method nobody knows", "BREW /api/me", "", 405, "method_not_allowed"),
                refusal("TRACE", "TRACE /api/me", "", 405, "method_not_allowed"),
                refusal("a lower-case method", "get /api/me", "", 405, "method_not_allowed"),
                refusal("an unknown API path", "DELETE /api/no/such/thing", CSRF, 404, "not_found"),
                refusal("OPTIONS *", "OPTIONS *", "", 404, "not_found"),
                refusal("a wrong method", "PATCH /api/invites", CSRF + "Content-Length: 0\r\n", 405, "method_not_allowed"),
                refusal("a body over 64 KiB", "POST /api/session", CSRF + "Content-Type: application/json\r\n"
                        + "Content-Length: 70000\r\n", "{\"password\":\"" + "x".repeat(69_985) + "\"}", 413, "payload_too_large"),
                refusal("a chunked body over 64 KiB", "POST /api/session", CSRF + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n", ("4000\r\n" + "a".repeat(0x4000) + "\r\n").repeat(5) + "0\r\n\r\n",
                        413, "payload_too_large"),
                refusal("a broken chunk", "POST /api/session", CSRF + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n", "ZZ\r\n\r\n", 400, "bad_request"),
                refusal("Content-Length and chunked both", "POST /api/session", "Content-Length: 3\r\n"
                        + "Transfer-Encoding: chunked\r\n", "0\r\n\r\n", 400, "bad_request"),
                refusal("a Content-Length that is not a number", "POST /api/session", "Content-Length: abc\r\n", 400, "bad_request"),
                refusal("a folded header", "GET /api/me", "X-A: a\r\n b\r\n", 400, "bad_request"),
                refusal("a control character in a cookie", "GET /api/me", "Cookie: parley_session=\u0001\r\n", 400, "bad_request"),
                raw("HTTP/2.5", "GET /api/me HTTP/2.5\r\nHost: x\r\nConnection: close\r\n\r\n", 505, "http_version_not_supported"),
                raw("a request line of garbage", "GARBAGE\r\n\r\n", 400, "bad_request"),
                refusal("a WebSocket upgrade without a session", "GET /ws", "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n", 401, "unauthenticated"),
                refusal("a cross-site WebSocket upgrade", "GET /ws", "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Origin: https://evil.example\r\n", 403, "csrf_invalid"));
        return Stream.concat(badPaths, others);
    }

    private static Arguments refusal(String what, String requestLine, String headers, int status, String code) {
        return refusal(what, requestLine, headers, "", status, code);
    }

    /** {@code requestLine} is method and target; Host (first, so a second one is a duplicate) and close are added. */
    private static Arguments refusal(String what, String requestLine, String headers, String body, int status, String code) {
        return raw(what, requestLine + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n" + body,
                status, code);
    }

    private static Arguments raw(String what, String request, int status, String code) {
        return arguments(what, request, status, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void every_refusal_is_a_problem_even_when_the_container_answers_by_itself(String what, String request, int status,
                                                                             String code) throws IOException {
        var r = RawHttp.send(parley.port(), request);

        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
        assertThat(r.header("X-Content-Type-Options")).as("even the container's own pages are not sniffed").isEqualTo("nosniff");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("status").asInt()).as(r.toString()).isEqualTo(status);
        assertThat(problem.path("title").asText()).as(r.toString()).isNotBlank();
        assertThat(problem.path("detail").asText()).as(r.toString()).isNotBlank();
        assertThat(problem.path("type").asText()).isEqualTo("urn:parley:problem:" + code);
        assertThat(problem.path("code").asText()).isEqualTo(code);
    }

    @Test
    void a_refused_head_request_says_problem_but_carries_no_body() {
        // RFC 9110 §9.3.2: HEAD answers as GET would, without content. (A request line Jetty cannot
        // parse at all, /api/members/%zz, is answered before the method is known, body included,
        // and the connection closed.)
        var r = RawHttp.send(parley.port(), "HEAD /api/members/%C3%28 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).isEmpty();
    }
}
