package org.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

/** Health, the OpenAPI contract, the web client's routes and the headers every response carries. */
@Tag("db")
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpEdgeTest {

    static final Set<String> CONTRACT_OPERATIONS = Set.of("signUp", "logIn", "logOut", "getMe", "getProfile",
            "updateMe", "createInvite", "listInvites", "revokeInvite", "getInvite", "follow", "unfollow",
            "listFollowers", "listFollowing", "changePassword", "getHealth", "getOpenApi", "uploadAvatar", "deleteAvatar",
            "createOrganization", "addDelegate", "removeDelegate", "setVerified", "listSessions", "endSession",
            "endOtherSessions", "requestExport", "getExport", "deleteAccount", "getPrivacy", "createProposal", "getProposal",
            "answerProposal", "askOnProposal", "listProposals", "createClub", "getClub", "updateClub", "joinClub",
            "leaveClub", "listClubMembers", "setClubRole");

    TestParley parley;
    ApiClient client;

    @BeforeAll
    void start() {
        parley = TestParley.start();
        client = new ApiClient(parley.baseUrl());
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @Test
    void a_websocket_connection_keeps_no_servlet_container_session() throws Exception {
        var member = new ApiClient(parley.baseUrl());
        member.signUp(parley.createAdminInviteCode(), "wendy", "Wendy");

        try (var ws = org.parley.testing.WsClient.connect(parley.baseUrl(), member)) {
            assertThat(ws.awaitType("hello").get("member").get("username").asText()).isEqualTo("wendy");
        }

        // Javalin's upgrade asks for a session; Jetty would keep it with the upgrade request, per connection.
        assertThat(parley.server().containerSessionsCreated()).isZero();
    }

    @Test
    void health_says_the_node_and_its_database_are_up() {
        var r = client.get("/healthz");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("up");
        assertThat(r.json().get("database").asText()).isEqualTo("up");
    }

    @Test
    void health_says_503_when_the_database_is_gone_and_api_calls_get_a_problem_not_a_crash() {
        try (var doomed = TestParley.start()) {
            var c = new ApiClient(doomed.baseUrl());
            c.signUp(doomed.createAdminInviteCode(), "ada", "Ada");
            doomed.server().database().close();

            var health = c.get("/healthz");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("database").asText()).isEqualTo("down");
            var me = c.get("/api/me");
            assertThat(me.status()).isEqualTo(503);
            assertThat(me.code()).isEqualTo("unavailable");
            assertThat(me.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void every_contract_operation_is_in_the_openapi_document_with_its_operation_id() {
        var doc = client.get("/api/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("openapi").asText()).startsWith("3.");
        assertThat(operations(doc.json()).values()).containsAll(CONTRACT_OPERATIONS).doesNotHaveDuplicates();
    }

    @Test
    void the_openapi_document_describes_exactly_the_routes_the_server_has() {
        Set<String> documented = operations(client.get("/api/openapi.json").json()).keySet();
        Set<String> served = parley.server().endpoints().stream()
                .filter(e -> e.startsWith("GET ") || e.startsWith("POST ") || e.startsWith("PUT ")
                        || e.startsWith("PATCH ") || e.startsWith("DELETE "))
                .filter(e -> e.contains(" /api/") || e.endsWith(" /healthz"))
                .collect(Collectors.toSet());
        assertThat(served).containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void client_routes_serve_the_web_client_and_assets_are_served_from_the_jar() {
        for (String path : new String[] {"/", "/login", "/invite/abc", "/u/ada", "/u/ada/followers", "/invites", "/settings"}) {
            var r = client.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.contentType()).as(path).startsWith("text/html");
            assertThat(r.raw()).contains("<html");
        }
        var js = client.get("/app.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.contentType()).contains("javascript");
        assertThat(client.get("/i18n/en.json").status()).isEqualTo(200);
    }

    @Test
    void a_browser_asking_for_an_unknown_page_gets_the_client_with_404_and_an_api_client_gets_a_problem() {
        var page = client.sendRaw("GET", "/no/such/page", null, null, Map.of("Accept", "text/html"), false);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.raw()).contains("<html");

        var api = client.sendRaw("GET", "/api/no/such/thing", null, null, Map.of("Accept", "text/html"), false);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(client.get("/no/such/page").contentType()).startsWith("application/problem+json");
    }

    @Test
    void responses_carry_security_headers_and_api_responses_are_not_cached() {
        for (String path : new String[] {"/", "/api/me", "/healthz", "/app.js"}) {
            var headers = client.get(path).headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).as(path).contains("no-referrer");
        }
        assertThat(client.get("/api/me").headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void metrics_give_counters_in_prometheus_text_to_loopback_callers() {
        // A room with an audio leg has its own forwarding series.
        var answer = parley.server().media().answer("metricsRoom1", 1, new Object(), org.parley.media.sdp.Offers.chrome());
        assertThat(answer).isInstanceOf(org.parley.media.MediaServer.AnswerResult.Answer.class);
        var r = client.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.raw()).contains("parley_rooms_live ").contains("process_cpu_seconds_total ")
                .contains("parley_media_dropped_forward_not_on_stage_or_muted ").contains("jvm_heap_used_bytes ")
                // what `parley loadtest` reads: forwarded copies, the heap after the last collection, collections
                .contains("parley_media_forwarded_packets_total ").contains("jvm_heap_after_gc_bytes ")
                .contains("jvm_gc_collections_total ")
                .contains("parley_room_media_forwarded_total{room=\"metricsRoom1\"} 0\n")
                .contains("parley_room_media_dropped_total{room=\"metricsRoom1\",reason=\"not-on-stage-or-muted\"} 0\n");
    }

    @Test
    void the_local_admin_endpoints_are_invisible_without_their_token_and_the_heap_one_answers_with_it() throws Exception {
        for (String path : java.util.List.of("/internal/admin-invites", "/internal/admin-heap")) {
            var r = client.sendRaw("POST", path, null, null, Map.of("Authorization", "Bearer wrong"), false);
            assertThat(r.status()).as(path).isEqualTo(404);
        }
        var endpoint = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                java.nio.file.Files.readString(parley.dataDir().resolve("admin-endpoint.json")));
        assertThat(endpoint.get("heapUrl").asText()).isEqualTo(parley.baseUrl() + "/internal/admin-heap");
        var heap = client.sendRaw("POST", "/internal/admin-heap", null, null,
                Map.of("Authorization", "Bearer " + endpoint.get("token").asText()), false);
        assertThat(heap.status()).isEqualTo(200);
        assertThat(heap.json().get("heapUsedBytes").asLong()).as("heap in use after a full GC").isPositive();
    }

    /** "METHOD path" → operationId for every operation in the document. */
    static Map<String, String> operations(JsonNode doc) {
        Map<String, String> ops = new java.util.HashMap<>();
        Set<String> seenIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                var method = methods.next();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    continue;
                }
                String id = method.getValue().path("operationId").asText();
                assertThat(id).as(method.getKey() + " " + path.getKey() + " has an operationId").isNotEmpty();
                assertThat(seenIds.add(id)).as("operationId " + id + " is unique").isTrue();
                ops.put(method.getKey().toUpperCase() + " " + path.getKey(), id);
            }
        }
        return ops;
    }
}
