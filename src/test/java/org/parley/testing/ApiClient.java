package org.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * An HTTP client that behaves like the web client: it keeps cookies and echoes the CSRF cookie in
 * the {@code X-CSRF-Token} header on writes. One instance is one browser.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public record Response(int status, HttpHeaders headers, String raw) {
        public JsonNode json() {
            try {
                return raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
            } catch (IOException e) {
                throw new AssertionError("Response is not JSON: " + raw, e);
            }
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** The problem's {@code code}, for error responses. */
        public String code() {
            return json().path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** Sends {@code body} (an object serialised as JSON, a String sent as it is, or null). */
    public Response send(String method, String path, Object body, Map<String, String> headers) {
        String content;
        try {
            content = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return sendRaw(method, path, content, content == null ? null : "application/json", headers, true);
    }

    public Response sendRaw(String method, String path, String body, String contentType, Map<String, String> headers,
                            boolean withCsrf) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (withCsrf && !"GET".equals(method)) {
            ensureCsrfCookie();
            String token = cookie("parley_csrf");
            if (token != null) {
                builder.header("X-CSRF-Token", token);
            }
        }
        headers.forEach(builder::header);
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends raw bytes (an image upload) with the CSRF header, like the web client's fetch of a Blob. */
    public Response sendBytes(String method, String path, byte[] body, String contentType) {
        ensureCsrfCookie();
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        String token = cookie("parley_csrf");
        if (token != null) {
            builder.header("X-CSRF-Token", token);
        }
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A GET whose body is bytes (an image), with extra request headers. */
    public HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20)).GET();
        headers.forEach(builder::header);
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("Request failed: GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Like a browser's first page load: any API GET hands out the CSRF cookie. */
    private void ensureCsrfCookie() {
        if (cookie("parley_csrf") == null) {
            get("/api/me");
        }
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst().orElse(null);
    }

    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    /** Signs up through an invitation code; asserts success and returns the {@code Me} body. */
    public JsonNode signUp(String inviteCode, String username, String displayName) {
        Response r = post("/api/accounts", Map.of("inviteCode", inviteCode, "username", username,
                "displayName", displayName, "password", Members.PASSWORD));
        if (r.status() != 201) {
            throw new AssertionError("sign-up failed: " + r);
        }
        return r.json();
    }

    public String createInviteCode() {
        Response r = post("/api/invites", null);
        if (r.status() != 201) {
            throw new AssertionError("createInvite failed: " + r);
        }
        return r.json().get("code").asText();
    }

    /** Test data helpers. */
    public static final class Members {
        public static final String PASSWORD = "correct horse battery";

        private Members() {}
    }
}
