package org.parley.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The public HTTP API as the load test uses it (docs/api.md): sign-up, log-in, invitations, rooms and
 * {@code /metrics}. Cookies are handled by hand per {@link Member}: the session cookie, and the CSRF
 * cookie echoed in {@code X-CSRF-Token} on writes (double submit). One shared {@link HttpClient}.
 */
final class ParleyHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SESSION = "parley_session";
    static final String CSRF = "parley_csrf";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The server answered 429: the operator must raise the limit (message says how). */
    static final class RateLimited extends RuntimeException {
        RateLimited(String what, String retryAfter) {
            super(what + " was rate-limited by the server (429, retry after " + retryAfter + " s). Sign-ups and "
                    + "log-ins are limited per IP address: restart the server with a higher limit for load tests, "
                    + "e.g. PARLEY_AUTH_ATTEMPTS_PER_IP=100000 ./parley (members created so far are cached and reused)");
        }
    }

    /** Anything else unexpected from the server, with its status and problem code. */
    static final class ApiFailure extends RuntimeException {
        final int status;

        ApiFailure(String what, int status, String body) {
            super(what + " failed: HTTP " + status + " " + (body.length() > 300 ? body.substring(0, 300) : body));
            this.status = status;
        }
    }

    record Reply(int status, JsonNode json, Map<String, String> cookies, String raw, String retryAfter) {}

    final URI base;
    final HttpClient client;

    ParleyHttp(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    Reply get(String path, Member member, Map<String, String> headers) throws IOException, InterruptedException {
        return send("GET", path, null, member, headers);
    }

    Reply send(String method, String path, Object body, Member member, Map<String, String> headers)
            throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        String text = body == null ? null : JSON.writeValueAsString(body);
        builder.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            builder.header("Content-Type", "application/json");
        }
        if (member != null) {
            String cookie = member.cookieHeader();
            if (!cookie.isEmpty()) {
                builder.header("Cookie", cookie);
            }
            if (!method.equals("GET") && member.csrf != null) {
                builder.header("X-CSRF-Token", member.csrf);
            }
        }
        headers.forEach(builder::header);
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> cookies = new java.util.HashMap<>();
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            int eq = setCookie.indexOf('=');
            int semi = setCookie.indexOf(';');
            if (eq > 0) {
                cookies.put(setCookie.substring(0, eq).strip(), setCookie.substring(eq + 1, semi < 0 ? setCookie.length() : semi));
            }
        }
        JsonNode json = null;
        String raw = response.body() == null ? "" : response.body();
        if (raw.startsWith("{") || raw.startsWith("[")) {
            json = JSON.readTree(raw);
        }
        if (member != null) {
            member.absorb(cookies);
        }
        return new Reply(response.statusCode(), json, cookies, raw,
                response.headers().firstValue("Retry-After").orElse("?"));
    }

    /** Any API GET hands out the CSRF cookie a first write needs. */
    void ensureCsrf(Member member) throws IOException, InterruptedException {
        if (member.csrf == null) {
            get("/api/me", member, Map.of());
        }
    }

    /** RFC 9457 problem to an exception; 429 gets the operator's hint. */
    static Reply expect(String what, Reply reply, int... ok) {
        for (int status : ok) {
            if (reply.status() == status) {
                return reply;
            }
        }
        if (reply.status() == 429) {
            throw new RateLimited(what, reply.retryAfter());
        }
        throw new ApiFailure(what, reply.status(), reply.raw());
    }

    void signUp(Member member, String inviteCode) throws IOException, InterruptedException {
        ensureCsrf(member);
        var reply = send("POST", "/api/accounts", Map.of("inviteCode", inviteCode, "username", member.username,
                "displayName", member.username, "password", member.password), member, Map.of());
        expect("sign-up of " + member.username, reply, 201);
        member.id = reply.json().path("id").asLong();
    }

    void logIn(Member member) throws IOException, InterruptedException {
        member.session = null;
        ensureCsrf(member);
        var reply = send("POST", "/api/session", Map.of("username", member.username, "password", member.password),
                member, Map.of());
        expect("log-in of " + member.username, reply, 200);
        member.id = reply.json().path("id").asLong();
    }

    /** True when the member's cached session still works (and refreshes its id). */
    boolean sessionValid(Member member) throws IOException, InterruptedException {
        if (member.session == null) {
            return false;
        }
        var reply = get("/api/me", member, Map.of());
        if (reply.status() == 200) {
            member.id = reply.json().path("id").asLong();
            return true;
        }
        return false;
    }

    String createInvite(Member admin) throws IOException, InterruptedException {
        ensureCsrf(admin);
        var reply = expect("creating an invitation", send("POST", "/api/invites", null, admin, Map.of()), 201);
        return reply.json().path("code").asText();
    }

    String createRoom(Member moderator, String title) throws IOException, InterruptedException {
        ensureCsrf(moderator);
        var reply = expect("creating the room", send("POST", "/api/rooms", Map.of("title", title, "type", "open"),
                moderator, Map.of()), 201);
        return reply.json().path("id").asText();
    }

    /** {@code GET /healthz}: fails with a clear message when nothing Parley-like answers. */
    void checkReachable() throws IOException, InterruptedException {
        Reply reply = get("/healthz", null, Map.of());
        if (reply.status() != 200 || reply.json() == null || !reply.json().has("status")) {
            throw new ApiFailure("GET " + base + "/healthz (is this a running Parley server?)", reply.status(), reply.raw());
        }
    }

    /** Prometheus text of {@code /metrics}, or null when the server does not let us read it. */
    String metrics(String token) {
        try {
            var headers = token == null || token.isEmpty() ? Map.<String, String>of() : Map.of("Authorization", "Bearer " + token);
            Reply reply = get("/metrics", null, headers);
            return reply.status() == 200 ? reply.raw() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

}
