package org.parley.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.notifications.webpush.MessageEncryption;
import org.parley.notifications.webpush.VapidToken;
import org.parley.testing.ApiClient;
import org.parley.testing.LocalPushService;
import org.parley.testing.TestParley;

/**
 * Web Push end to end: a real notification (a follow) travels from Parley to a push service on
 * 127.0.0.1, signed with VAPID and encrypted so that only the subscribing browser's keys read it;
 * members' settings decide whether it is kept, pushed, or held back by quiet hours.
 */
@Tag("db")
@Timeout(60)
class WebPushTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);

    LocalPushService pushService;
    TestParley parley;
    ApiClient ada;
    ApiClient bob;

    @BeforeEach
    void start() {
        pushService = new LocalPushService();
        parley = TestParley.start(Map.of("PARLEY_PUSH_DEV_ORIGINS", pushService.origin(),
                "PARLEY_PUSH_CONTACT", "mailto:ops@parley.example"));
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        bob = new ApiClient(parley.baseUrl());
        bob.signUp(ada.createInviteCode(), "bob", "Bob Kahn");
    }

    @AfterEach
    void stop() {
        parley.close();
        pushService.close();
    }

    @Test
    void a_follow_reaches_the_subscribed_browser_signed_and_readable_only_with_its_keys() throws Exception {
        var browser = pushService.browser("ada-phone");
        assertThat(ada.post("/api/push/subscriptions", browser.subscription()).status()).isEqualTo(204);
        assertThat(ada.put("/api/notifications/settings", Map.of("kinds", Map.of("followed", "push"))).status()).isEqualTo(200);
        Instant before = Instant.now();

        bob.put("/api/members/ada/follow", null);

        var push = pushService.next(WAIT);
        assertThat(push).as("a push arrived").isNotNull();
        assertThat(push.path()).isEqualTo("/push/ada-phone");
        assertThat(push.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(push.header("TTL")).isEqualTo(String.valueOf(Duration.ofDays(1).toSeconds()));
        assertThat(push.header("Urgency")).isEqualTo("low");

        // RFC 8292: ES256 over the claims, with the key the server hands to browsers.
        var token = VapidToken.parse(push.header("Authorization"));
        assertThat(token.verifies()).isTrue();
        assertThat(token.header().get("alg").asText()).isEqualTo("ES256");
        assertThat(token.publicKey()).isEqualTo(ada.get("/api/push/key").json().get("publicKey").asText());
        assertThat(token.claims().get("aud").asText()).isEqualTo(pushService.origin());
        assertThat(token.claims().get("sub").asText()).isEqualTo("mailto:ops@parley.example");
        assertThat(token.claims().get("exp").asLong())
                .isGreaterThan(before.getEpochSecond())
                .isLessThanOrEqualTo(Instant.now().plus(Duration.ofHours(24)).getEpochSecond());

        // RFC 8291: the browser's private key and auth secret open it.
        byte[] plain = MessageEncryption.decrypt(push.body(), (ECPrivateKey) browser.keys().getPrivate(),
                (ECPublicKey) browser.keys().getPublic(), browser.auth());
        JsonNode payload = JSON.readTree(plain);
        assertThat(payload.get("kind").asText()).isEqualTo("followed");
        assertThat(payload.get("params").get("name").asText()).isEqualTo("Bob Kahn");
        assertThat(payload.get("url").asText()).isEqualTo("/u/bob");
        assertThat(payload.get("unread").asInt()).isEqualTo(2);
        assertThat(payload.get("id").asLong()).isEqualTo(ada.get("/api/notifications").json().get("items").get(0).get("id").asLong());
    }

    @Test
    void a_kind_turned_off_is_neither_kept_nor_sent_and_in_app_only_is_kept_but_not_pushed() throws Exception {
        var cat = new ApiClient(parley.baseUrl());
        cat.signUp(ada.createInviteCode(), "cat", "Cat Stevens");
        ada.post("/api/push/subscriptions", pushService.browser("ada").subscription());
        ada.put("/api/notifications/settings", Map.of("kinds", Map.of("followed", "off", "invite_used", "in_app")));
        bob.put("/api/members/ada/follow", null);
        var dan = new ApiClient(parley.baseUrl());
        dan.signUp(ada.createInviteCode(), "dan", "Dan");

        // The last one is pushed: everything before it has been through the notifier.
        ada.put("/api/notifications/settings", Map.of("kinds", Map.of("followed", "push")));
        cat.put("/api/members/ada/follow", null);
        assertThat(pushService.next(WAIT)).isNotNull();
        Thread.sleep(300);
        assertThat(pushService.all()).hasSize(1);
        assertThat(kinds(ada.get("/api/notifications").json())).containsExactly("followed", "invite_used", "invite_used", "invite_used");
        assertThat(ada.get("/api/notifications").json().get("items").get(0).get("actor").get("username").asText()).isEqualTo("cat");
    }

    @Test
    void quiet_hours_hold_the_push_back_but_keep_the_notification() throws Exception {
        ada.post("/api/push/subscriptions", pushService.browser("ada").subscription());
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        var hhmm = DateTimeFormatter.ofPattern("HH:mm");
        var quiet = Map.of("start", now.minusHours(1).format(hhmm), "end", now.plusHours(1).format(hhmm), "timeZone", "Etc/UTC");
        JsonNode saved = ada.put("/api/notifications/settings", Map.of("kinds", Map.of("followed", "push"), "quietHours", quiet)).json();
        assertThat(saved.get("quietHours").get("timeZone").asText()).isEqualTo("Etc/UTC");

        bob.put("/api/members/ada/follow", null);
        assertThat(NotificationsApiTest.awaitPage(ada, 2).get("items").get(0).get("kind").asText()).isEqualTo("followed");
        assertThat(pushService.next(Duration.ofMillis(700))).as("no push in quiet hours").isNull();

        // Outside the window (it moved to the other half of the day), the next one is pushed.
        var later = Map.of("start", now.plusHours(2).format(hhmm), "end", now.plusHours(3).format(hhmm), "timeZone", "Etc/UTC");
        ada.put("/api/notifications/settings", Map.of("quietHours", later));
        bob.delete("/api/members/ada/follow");
        bob.put("/api/members/ada/follow", null);
        assertThat(pushService.next(WAIT)).isNotNull();
    }

    @Test
    void a_subscription_the_push_service_calls_gone_is_forgotten() throws Exception {
        ada.post("/api/push/subscriptions", pushService.browser("old-laptop").subscription());
        ada.post("/api/push/subscriptions", pushService.browser("phone").subscription());
        ada.put("/api/notifications/settings", Map.of("kinds", Map.of("followed", "push")));
        assertThat(ada.get("/api/notifications/settings").json().get("devices").asInt()).isEqualTo(2);
        pushService.answer("old-laptop", 410);

        bob.put("/api/members/ada/follow", null);
        List<String> paths = new ArrayList<>();
        paths.add(pushService.next(WAIT).path());
        paths.add(pushService.next(WAIT).path());
        assertThat(paths).containsExactlyInAnyOrder("/push/old-laptop", "/push/phone");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ada.get("/api/notifications/settings").json().get("devices").asInt() != 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ada.get("/api/notifications/settings").json().get("devices").asInt()).isEqualTo(1);

        assertThat(ada.post("/api/push/subscriptions/remove", Map.of("endpoint", pushService.origin() + "/push/phone")).status())
                .isEqualTo(204);
        assertThat(ada.get("/api/notifications/settings").json().get("devices").asInt()).isZero();
    }

    @Test
    void settings_list_every_kind_with_its_default_and_refuse_unknown_kinds_channels_and_zones() {
        JsonNode settings = ada.get("/api/notifications/settings").json();
        List<String> kinds = new ArrayList<>();
        settings.get("kinds").forEach(k -> kinds.add(k.get("kind").asText()));
        assertThat(kinds).containsExactly(java.util.Arrays.stream(Kind.values()).map(Kind::name).toArray(String[]::new));
        settings.get("kinds").forEach(k -> assertThat(k.get("channel").asText()).isEqualTo(k.get("defaultChannel").asText()));
        assertThat(settings.get("quietHours").isNull()).isTrue();

        var bad = ada.put("/api/notifications/settings", Map.of("kinds", Map.of("gossip", "push", "followed", "loud"),
                "quietHours", Map.of("start", "25:00", "end", "07:00", "timeZone", "Mars/Olympus")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(fields(bad.json())).containsExactlyInAnyOrder("kinds.gossip", "kinds.followed", "quietHours.start",
                "quietHours.timeZone");
        assertThat(ada.put("/api/notifications/settings", Map.of("quietHours", Map.of("start", "07:00", "end", "07:00",
                "timeZone", "Europe/Berlin"))).status()).isEqualTo(400);
        assertThat(new ApiClient(parley.baseUrl()).get("/api/notifications/settings").status()).isEqualTo(401);

        assertThat(ada.put("/api/notifications/settings", Map.of("quietHours", Map.of("start", "22:30", "end", "06:45",
                "timeZone", "Europe/Berlin"))).json().get("quietHours").get("end").asText()).isEqualTo("06:45");
        assertThat(ada.put("/api/notifications/settings", java.util.Collections.singletonMap("quietHours", null))
                .json().get("quietHours").isNull()).isTrue();
    }

    @Test
    void only_https_endpoints_on_public_hosts_and_real_keys_are_accepted() {
        var browser = pushService.browser("x").subscription();
        @SuppressWarnings("unchecked")
        Map<String, Object> keys = (Map<String, Object>) browser.get("keys");
        for (String endpoint : List.of("http://push.example.net/x", "https://127.0.0.1/x", "https://localhost/x",
                "https://10.0.0.8/x", "https://[::1]/x", "ftp://push.example.net/x", "https://push.example.net/" + "a".repeat(2100))) {
            assertThat(ada.post("/api/push/subscriptions", Map.of("endpoint", endpoint, "keys", keys)).status())
                    .as(endpoint).isEqualTo(400);
        }
        assertThat(fields(ada.post("/api/push/subscriptions", Map.of("endpoint", "https://push.example.net/x",
                "keys", Map.of("p256dh", "BAAA", "auth", "short"))).json())).containsExactlyInAnyOrder("keys.p256dh", "keys.auth");
        assertThat(ada.post("/api/push/subscriptions", Map.of("endpoint", "https://push.example.net/x", "keys", keys)).status())
                .isEqualTo(204);
        assertThat(new ApiClient(parley.baseUrl()).post("/api/push/subscriptions", browser).status()).isEqualTo(401);
        assertThat(URI.create(pushService.origin()).getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void the_vapid_key_is_made_once_kept_owner_only_and_survives_a_restart() throws Exception {
        String key = ada.get("/api/push/key").json().get("publicKey").asText();
        assertThat(java.util.Base64.getUrlDecoder().decode(key)).hasSize(65);
        var file = parley.dataDir().resolve(PushKeys.FILE);
        assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        parley.restart();
        var again = new ApiClient(parley.baseUrl());
        again.post("/api/session", Map.of("username", "ada", "password", ApiClient.Members.PASSWORD));
        assertThat(again.get("/api/push/key").json().get("publicKey").asText()).isEqualTo(key);
    }

    static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    static List<String> kinds(JsonNode page) {
        return NotificationsApiTest.kinds(page);
    }
}
