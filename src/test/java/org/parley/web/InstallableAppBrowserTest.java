package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.TestParley;
import org.parley.web.Browsers.Viewport;

/**
 * Parley as an installable web app (issue 13), in chromium: the manifest and the service worker as
 * the server sends them, chromium's own installability verdict (there is no Lighthouse here, so its
 * criteria are checked one by one too), a worker that controls the page, the offline page, and the
 * prompt that offers a new version.
 */
class InstallableAppBrowserTest extends BrowserTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void the_manifest_icons_and_worker_are_served_with_their_media_types_and_the_worker_from_the_root() throws Exception {
        HttpResponse<byte[]> manifest = get("/manifest.webmanifest");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Content-Type").orElse("")).startsWith("application/manifest+json");
        JsonNode m = JSON.readTree(manifest.body());
        for (JsonNode icon : m.get("icons")) {
            HttpResponse<byte[]> image = get(icon.get("src").asText());
            assertThat(image.statusCode()).as(icon.get("src").asText()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type").orElse("")).startsWith(icon.get("type").asText());
            if ("image/png".equals(icon.get("type").asText())) {
                ByteBuffer png = ByteBuffer.wrap(image.body());
                // PNG (RFC 2083 §11.2.2): the IHDR chunk's width and height follow the 8-byte signature and chunk head.
                String size = png.getInt(16) + "x" + png.getInt(20);
                assertThat(size).as(icon.get("src").asText()).isEqualTo(icon.get("sizes").asText());
            }
        }

        HttpResponse<byte[]> worker = get("/sw.js");
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(worker.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(worker.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        String code = new String(worker.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(code).startsWith("const BUILD = {\"version\":\"").contains("\"/app.js\"", "\"/offline.html\"")
                .doesNotContain("\"/api/");

        HttpResponse<byte[]> offline = get("/offline.html");
        assertThat(offline.statusCode()).isEqualTo(200);
        assertThat(offline.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void chromium_finds_parley_installable_and_its_worker_controls_the_page() throws Exception {
        // A persistent profile: chromium never offers to install from an off-the-record one, which is
        // what Playwright's ordinary contexts are ("in-incognito").
        Path profile = Files.createTempDirectory("parley-install-");
        try (BrowserContext context = playwright.chromium().launchPersistentContext(profile,
                new com.microsoft.playwright.BrowserType.LaunchPersistentContextOptions()
                        .setExecutablePath(Browsers.CHROMIUM).setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run"))
                        .setViewportSize(Viewport.PHONE.width, Viewport.PHONE.height))) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(parley.baseUrl() + "/login");
            assertThat(page.getByTestId("login-form")).isVisible();
            waitForControl(page);

            // Chromium's own verdict: the manifest parses without errors and nothing blocks installing.
            var cdp = context.newCDPSession(page);
            JsonObject manifest = cdp.send("Page.getAppManifest");
            assertThat(manifest.getAsJsonArray("errors")).as("manifest errors").isEmpty();
            assertThat(manifest.get("url").getAsString()).endsWith("/manifest.webmanifest");
            JsonObject installability = cdp.send("Page.getInstallabilityErrors");
            assertThat(installability.getAsJsonArray("installabilityErrors")).as("installability errors").isEmpty();

            // The criteria, one by one (web.dev "What does it take to be installable?").
            JsonNode m = JSON.readTree(manifest.get("data").getAsString());
            assertThat(m.get("name").asText()).isEqualTo("Parley");
            assertThat(m.get("short_name").asText()).isEqualTo("Parley");
            assertThat(m.get("start_url").asText()).isEqualTo("/");
            assertThat(m.get("display").asText()).isEqualTo("standalone");
            assertThat(m.get("theme_color").asText()).isNotBlank();
            assertThat(m.get("background_color").asText()).isNotBlank();
            List<String> icons = new ArrayList<>();
            for (JsonNode icon : m.get("icons")) icons.add(icon.get("sizes").asText() + " " + icon.get("purpose").asText());
            assertThat(icons).contains("192x192 any", "512x512 any", "192x192 maskable", "512x512 maskable");
            assertThat(page.evaluate("() => location.protocol === 'https:' || location.hostname === 'localhost'"
                    + " || location.hostname === '127.0.0.1'")).as("a secure context").isEqualTo(true);
            assertThat(page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).scope"))
                    .isEqualTo(parley.baseUrl() + "/");
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void without_a_network_a_page_opens_as_the_offline_page_in_the_readers_language_and_comes_back_online() {
        try (BrowserContext context = I18nBrowserTest.context(browser, "de-DE", Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(parley.baseUrl() + "/login");
            assertThat(page.getByTestId("login-form")).isVisible();
            waitForControl(page);

            context.setOffline(true);
            page.navigate(parley.baseUrl() + "/hallway");
            assertThat(page.getByTestId("offline")).isVisible();
            assertThat(page.locator("h1")).hasText("Du bist offline");
            assertThat(page.getByTestId("brand")).isVisible();
            // Nothing of the API was cached for it: it needs no server.
            assertThat(page.evaluate("async () => (await caches.keys()).length")).isEqualTo(1);
            assertThat(page.evaluate("async () => { const c = await caches.open((await caches.keys())[0]);"
                    + " return (await c.keys()).filter((r) => new URL(r.url).pathname.startsWith('/api/')).length; }"))
                    .isEqualTo(0);

            assertThat(page.getByTestId("offline-retry")).hasText("Erneut versuchen");

            // Back online (the page reloads itself on the browser's `online` event; "Try again" does
            // the same by hand), the reader gets where they were going: the hallway asks a signed-out
            // reader to log in.
            context.setOffline(false);
            try {
                page.getByTestId("offline-retry").click(new com.microsoft.playwright.Locator.ClickOptions().setTimeout(3000));
            } catch (com.microsoft.playwright.PlaywrightException reloadedAlready) {
                // the `online` event came first and the page is on its way
            }
            page.waitForURL(Pattern.compile("/login\\?next=%2Fhallway$"));
            assertThat(page).hasURL(Pattern.compile("/login\\?next=%2Fhallway$"));
            assertThat(page.getByTestId("login-form")).isVisible();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_deployed_new_version_is_offered_and_reload_switches_to_it() throws Exception {
        // A server of its own on a fixed port, so that after the "deploy" the page's origin is the same.
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // The web client is read from the classes folder in tests; one more file there is a new client build.
        Path web = Path.of(WebClient.class.getResource("/web/index.html").toURI()).getParent();
        Path added = web.resolve("deploy-check.txt");
        try (TestParley own = TestParley.start(Map.of("PARLEY_PORT", String.valueOf(port)));
             BrowserContext context = Browsers.newContext(browser, Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(own.baseUrl() + "/login");
            assertThat(page.getByTestId("login-form")).isVisible();
            waitForControl(page);
            String before = (String) page.evaluate("async () => (await caches.keys()).join()");

            Files.writeString(added, "a change in the web client");
            own.restart();
            page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()");
            assertThat(page.getByTestId("update-prompt")).isVisible();
            assertThat(page.getByTestId("update-prompt")).containsText("A new version of Parley is available.");
            page.getByTestId("update-reload").click();
            // The page reloads under the new worker, which dropped the old version's cache.
            page.waitForCondition(() -> {
                try {
                    Object keys = page.evaluate("async () => (await caches.keys()).join()");
                    return !before.equals(keys) && !String.valueOf(keys).contains(",");
                } catch (com.microsoft.playwright.PlaywrightException reloading) {
                    return false; // the page is between documents
                }
            });
            assertThat(page.getByTestId("login-form")).isVisible();
            assertThat(page.getByTestId("update-prompt")).hasCount(0);
        } finally {
            Files.deleteIfExists(added);
        }
    }

    /** The first worker installs, activates and claims the page; from then on it answers its requests. */
    private static void waitForControl(Page page) {
        page.evaluate("async () => { await navigator.serviceWorker.ready; }");
        page.waitForCondition(() -> Boolean.TRUE.equals(page.evaluate("() => !!navigator.serviceWorker.controller")));
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(parley.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
