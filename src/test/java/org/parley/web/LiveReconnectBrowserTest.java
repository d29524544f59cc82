package org.parley.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.web.Browsers.Viewport;

/**
 * The web client's live connection (web/core/socket/connection.js) when the server closes it: back at once after
 * 1001, going away (the server restarting), and after the usual backoff after any other drop.
 */
class LiveReconnectBrowserTest {

    /**
     * Records the page's WebSockets (how each closed, whether it got its hello) and the delay of
     * every reconnect connection.js schedules (its timer runs {@code connect}).
     */
    private static final String RECORDER = """
            window.__parleySockets = [];
            window.__reconnectDelays = [];
            window.WebSocket = class extends WebSocket {
              constructor(...args) {
                super(...args);
                window.__parleySockets.push(this);
                this.addEventListener('message', (e) => { if (String(e.data).includes('"hello"')) this.__hello = true; });
                this.addEventListener('close', (e) => { this.__closeCode = e.code; });
              }
            };
            const realSetTimeout = window.setTimeout.bind(window);
            window.setTimeout = (fn, delay, ...rest) => {
              if (typeof fn === 'function' && fn.name === 'connect') window.__reconnectDelays.push(delay);
              return realSetTimeout(fn, delay, ...rest);
            };""";

    private final List<String> scriptErrors = new CopyOnWriteArrayList<>();
    private TestParley parley;
    private Playwright playwright;
    private Browser browser;

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (parley != null) parley.close();
    }

    @Test
    @Timeout(120)
    void the_client_comes_back_at_once_after_a_restart_and_backs_off_after_other_drops() throws IOException {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // a fixed port, so the restarted server is where the page looks
        }
        parley = TestParley.start(Map.of("PARLEY_PORT", String.valueOf(port)));
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
        playwright = Playwright.create();
        browser = Browsers.launchChromium(playwright);
        BrowserContext context = Browsers.newContext(browser, Viewport.LAPTOP);
        context.addCookies(List.of(
                new Cookie("parley_session", ada.cookie("parley_session")).setUrl(parley.baseUrl()),
                new Cookie("parley_csrf", ada.cookie("parley_csrf")).setUrl(parley.baseUrl())));
        context.addInitScript(RECORDER);
        Page page = Browsers.openPage(context, scriptErrors);
        page.navigate(parley.baseUrl() + "/hallway");
        awaitLive(page, 1);

        // Any drop but a 1001 (here the page's own close: 1005) waits for the backoff, 300 ms at first.
        page.evaluate("() => window.__parleySockets.at(-1).close()");
        Assertions.assertThat(reconnectDelay(page, 0)).isGreaterThanOrEqualTo(300);
        awaitLive(page, 2);

        parley.restart();

        Assertions.assertThat(((Number) page.evaluate("() => window.__parleySockets[1].__closeCode")).intValue())
                .as("how the server closed the page's connection").isEqualTo(1001);
        Assertions.assertThat(reconnectDelay(page, 1)).as("back at once, within the jitter").isLessThan(250);
        awaitLive(page, 3);
        Assertions.assertThat(scriptErrors).as("uncaught errors in the web client")
                .allMatch(e -> e.contains("WebSocket connection to")); // the browser's note of each refused attempt
    }

    /** Waits until the page has had {@code n} connections that got their hello, the last one open. */
    private static void awaitLive(Page page, int n) {
        page.waitForFunction("n => { const s = window.__parleySockets.filter(w => w.__hello);"
                + " return s.length >= n && s.at(-1).readyState === 1; }", n, new Page.WaitForFunctionOptions().setTimeout(20_000));
    }

    /** The delay of the {@code index}-th reconnect connection.js scheduled, once it has. */
    private static double reconnectDelay(Page page, int index) {
        page.waitForFunction("i => window.__reconnectDelays.length > i", index, new Page.WaitForFunctionOptions().setTimeout(10_000));
        return ((Number) page.evaluate("i => window.__reconnectDelays[i]", index)).doubleValue();
    }
}
