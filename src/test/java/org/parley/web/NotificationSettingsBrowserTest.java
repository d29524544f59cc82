package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.notifications.webpush.MessageEncryption;
import org.parley.notifications.webpush.P256;
import org.parley.testing.ApiClient;
import org.parley.testing.LocalPushService;
import org.parley.testing.TestParley;
import org.parley.web.Browsers.Viewport;

/**
 * Settings' "Notifications" card in chromium: the per-kind choice and quiet hours are saved, and
 * "Turn on push" asks for permission, subscribes with the server's key and registers the device.
 *
 * <p>Chromium here has no internet, so its own push service (Google's) cannot be reached and a real
 * {@code PushManager.subscribe} cannot succeed: the test that turns push on replaces {@code subscribe}
 * and {@code getSubscription} with a fake whose endpoint is a push service on 127.0.0.1 and whose keys
 * the test holds — everything else (permission, service worker, the server's key, the API, the push
 * that follows a real follow, its decryption) is real.
 */
class NotificationSettingsBrowserTest extends BrowserTestBase {

    static LocalPushService pushService;

    @BeforeAll
    static void withALocalPushService() {
        pushService = new LocalPushService();
        parley.close();
        parley = TestParley.start(Map.of("PARLEY_PUSH_DEV_ORIGINS", pushService.origin()));
    }

    @AfterAll
    static void stopPushService() {
        pushService.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_kinds_channel_and_quiet_hours_are_saved_as_they_are_chosen() {
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        try (BrowserContext context = Browsers.newContext(browser, Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            I18nBrowserTest.logIn(page, "ada");
            page.navigate(parley.baseUrl() + "/settings");
            var card = page.getByTestId("notification-settings");
            assertThat(card.getByTestId("push-status")).hasText("Off on this device.");
            assertThat(card.getByLabel("Someone follows you")).hasValue("in_app");
            assertThat(card.getByLabel("Someone invites you into a room")).hasValue("push");

            card.getByLabel("Someone follows you").selectOption("off");
            assertThat(card.getByTestId("notification-settings-saved")).hasText("Saved.");
            org.assertj.core.api.Assertions.assertThat(channel(ada, "followed")).isEqualTo("off");

            assertThat(card.getByTestId("quiet-start")).isHidden();
            card.getByText("No pushes during quiet hours").click();
            assertThat(card.getByTestId("quiet-start")).isVisible();
            card.getByLabel("From").fill("23:30");
            card.getByLabel("From").dispatchEvent("change");
            page.waitForCondition(() -> "23:30".equals(ada.get("/api/notifications/settings").json().path("quietHours").path("start").asText()));
            var quiet = ada.get("/api/notifications/settings").json().get("quietHours");
            org.assertj.core.api.Assertions.assertThat(quiet.get("end").asText()).isEqualTo("07:00");
            org.assertj.core.api.Assertions.assertThat(quiet.get("timeZone").asText()).isEqualTo("Europe/Amsterdam");
            assertThat(card).containsText("Europe/Amsterdam");

            page.reload();
            assertThat(page.getByTestId("notification-settings").getByLabel("Someone follows you")).hasValue("off");
            assertThat(page.getByTestId("quiet-start")).hasValue("23:30");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void turning_push_on_registers_this_device_and_a_follow_then_reaches_it() throws Exception {
        var bea = new ApiClient(parley.baseUrl());
        bea.signUp(parley.createAdminInviteCode(), "bea", "Bea Arthur");
        var cid = new ApiClient(parley.baseUrl());
        cid.signUp(parley.createAdminInviteCode(), "cid", "Cid Moreau");
        var device = pushService.browser("bea-phone");
        try (BrowserContext context = Browsers.newContext(browser, Viewport.PHONE)) {
            context.grantPermissions(List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(parley.baseUrl()));
            context.addInitScript(fakePushManager(device));
            Page page = Browsers.openPage(context, scriptErrors);
            I18nBrowserTest.logIn(page, "bea");
            page.navigate(parley.baseUrl() + "/settings");
            var card = page.getByTestId("notification-settings");
            assertThat(card.getByTestId("push-status")).hasText("Off on this device.");

            card.getByTestId("push-toggle").click();
            assertThat(card.getByTestId("push-status")).hasText("On: this device receives push notifications.");
            org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.subscribedWithKey"))
                    .isEqualTo(bea.get("/api/push/key").json().get("publicKey").asText());
            org.assertj.core.api.Assertions.assertThat(bea.get("/api/notifications/settings").json().get("devices").asInt()).isEqualTo(1);

            card.getByLabel("Someone follows you").selectOption("push");
            assertThat(card.getByTestId("notification-settings-saved")).hasText("Saved.");
            cid.put("/api/members/bea/follow", null);
            var push = pushService.next(Duration.ofSeconds(10));
            org.assertj.core.api.Assertions.assertThat(push).isNotNull();
            byte[] plain = MessageEncryption.decrypt(push.body(), (ECPrivateKey) device.keys().getPrivate(),
                    (ECPublicKey) device.keys().getPublic(), device.auth());
            var payload = new ObjectMapper().readTree(plain);
            org.assertj.core.api.Assertions.assertThat(payload.get("kind").asText()).isEqualTo("followed");
            org.assertj.core.api.Assertions.assertThat(payload.get("params").get("name").asText()).isEqualTo("Cid Moreau");

            card.getByTestId("push-toggle").click();
            assertThat(card.getByTestId("push-status")).hasText("Off on this device.");
            org.assertj.core.api.Assertions.assertThat(bea.get("/api/notifications/settings").json().get("devices").asInt()).isZero();
        }
    }

    static String channel(ApiClient member, String kind) {
        for (var k : member.get("/api/notifications/settings").json().get("kinds")) {
            if (k.get("kind").asText().equals(kind)) {
                return k.get("channel").asText();
            }
        }
        return null;
    }

    /** A PushManager whose subscription is the test's: its endpoint on the local push service, its keys. */
    static String fakePushManager(LocalPushService.Browser device) {
        String p256dh = P256.base64Url(P256.encode((ECPublicKey) device.keys().getPublic()));
        String auth = P256.base64Url(device.auth());
        return """
                (() => {
                  if (!('PushManager' in self)) return;
                  let current = null;
                  const toBase64Url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
                    .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
                  PushManager.prototype.getSubscription = async function () { return current; };
                  PushManager.prototype.subscribe = async function (options) {
                    window.subscribedWithKey = toBase64Url(options.applicationServerKey);
                    current = {
                      endpoint: '%s',
                      options: { applicationServerKey: options.applicationServerKey },
                      toJSON: () => ({ endpoint: '%s', expirationTime: null, keys: { p256dh: '%s', auth: '%s' } }),
                      unsubscribe: async () => { current = null; return true; },
                    };
                    return current;
                  };
                })();
                """.formatted(device.endpoint(), device.endpoint(), p256dh, auth);
    }
}
