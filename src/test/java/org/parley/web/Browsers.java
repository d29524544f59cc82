package org.parley.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.Cookie;
import org.parley.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Debian's chromium, driven by Playwright. Playwright must never download a browser (surefire sets
 * PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1); we point it at /usr/bin/chromium instead.
 */
final class Browsers {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    /** A phone (iPhone 12-ish) and a laptop, the two sizes the client is designed for. */
    enum Viewport {
        PHONE(390, 844), LAPTOP(1280, 800);

        final int width;
        final int height;

        Viewport(int width, int height) {
            this.width = width;
            this.height = height;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Chromium's fake microphone (a beep), allowed without a prompt: for tests in which someone
     * unmutes on stage, which the client only does once a microphone runs.
     */
    static final List<String> FAKE_MICROPHONE = List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");

    private Browsers() {}

    static Browser launchChromium(Playwright playwright) {
        return launchChromium(playwright, List.of());
    }

    /** With extra command-line flags, e.g. a fake microphone (AudioEndToEndBrowserTest). */
    static Browser launchChromium(Playwright playwright, List<String> extraArgs) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Browser tests need Debian's chromium at " + CHROMIUM);
        }
        List<String> args = new ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"));
        args.addAll(extraArgs);
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(args));
    }

    /** A fresh browser profile (own cookies) in English, sized like the given device. */
    static BrowserContext newContext(Browser browser, Viewport viewport) {
        return newContext(browser, viewport, ColorScheme.LIGHT);
    }

    static BrowserContext newContext(Browser browser, Viewport viewport, ColorScheme colorScheme) {
        return browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(viewport.width, viewport.height)
                .setLocale("en-GB")
                .setTimezoneId("Europe/Amsterdam")
                .setColorScheme(colorScheme));
    }

    /** Fails the test on uncaught script errors instead of letting a broken page time out silently. */
    static Page openPage(BrowserContext context, List<String> scriptErrors) {
        Page page = context.newPage();
        page.onPageError(scriptErrors::add);
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !message.text().contains("Failed to load resource")) {
                scriptErrors.add(message.text());
            }
        });
        return page;
    }
    /**
     * Chromium whose fake microphone plays {@code wav} (AudioProbe's tones) and whose pages may play
     * sound without a click: one browser per speaker in the audio tests.
     */
    static Browser launchSpeaking(Playwright playwright, Path wav) {
        List<String> flags = new ArrayList<>(AudioProbe.fakeMicrophone(wav));
        flags.add("--use-fake-ui-for-media-stream");
        flags.add("--autoplay-policy=no-user-gesture-required");
        return launchChromium(playwright, flags);
    }

    /** Signs {@code context} in as {@code member}: the session and CSRF cookies its API client holds. */
    static void signIn(BrowserContext context, ApiClient member, String baseUrl) {
        context.addCookies(List.of(
                new Cookie("parley_session", member.cookie("parley_session")).setUrl(baseUrl),
                new Cookie("parley_csrf", member.cookie("parley_csrf")).setUrl(baseUrl)));
    }
}
