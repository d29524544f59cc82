package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

/** HSTS (RFC 6797) exactly when people reach Parley over HTTPS, on every kind of response. */
@Tag("db")
@Timeout(60)
class StrictTransportSecurityTest {

    /** Pages, API answers and refusals of every origin: routes, static files, Javalin and Jetty. */
    static final List<String> PATHS = List.of("/", "/app.js", "/healthz", "/api/me", "/api/no/such/thing", "/u/ada");

    /** Requests Jetty answers by itself, and a refused WebSocket upgrade. */
    static final List<String> RAW = List.of(
            "GET /api/members/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            "DELETE /api/members/%C3%28 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            "GET /api/me HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
            "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nConnection: close\r\n\r\n");

    @Test
    void behind_an_https_address_every_response_tells_browsers_to_come_back_only_over_https_for_a_year() {
        try (var parley = TestParley.start(Map.of("PARLEY_PUBLIC_URL", "https://parley.example.org"))) {
            var client = new ApiClient(parley.baseUrl());
            for (String path : PATHS) {
                var r = client.get(path);
                assertThat(r.headers().allValues("Strict-Transport-Security")).as(path).containsExactly("max-age=31536000");
            }
            for (String request : RAW) {
                var r = RawHttp.send(parley.port(), request);
                assertThat(r.status()).as(request).isBetween(400, 499);
                assertThat(r.header("Strict-Transport-Security")).as(r.toString()).isEqualTo("max-age=31536000");
            }
        }
    }

    @Test
    void over_plain_http_no_response_carries_hsts() {
        for (Map<String, String> settings : List.of(Map.<String, String>of(),
                Map.of("PARLEY_PUBLIC_URL", "http://parley.example.org"))) {
            try (var parley = TestParley.start(settings)) {
                var client = new ApiClient(parley.baseUrl());
                for (String path : PATHS) {
                    assertThat(client.get(path).headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
                }
                for (String request : RAW) {
                    var r = RawHttp.send(parley.port(), request);
                    assertThat(r.header("X-Content-Type-Options")).as(r.toString()).isEqualTo("nosniff");
                    assertThat(r.header("Strict-Transport-Security")).as(r.toString()).isNull();
                }
            }
        }
    }
}
