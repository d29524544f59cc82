package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/** A room's floor language: chosen when starting it, shown on its card and header, and a hallway filter. */
class RoomLanguagesBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_host_picks_the_language_and_a_listener_filters_the_hallway_by_it() {
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        var bob = new ApiClient(parley.baseUrl());
        bob.signUp(parley.createAdminInviteCode(), "bob", "Bob Kahn");
        String german = bob.post("/api/rooms", Map.of("title", "Auf Deutsch", "type", "open", "language", "de"))
                .json().get("id").asText();

        try (BrowserContext context = Browsers.newContext(browser, Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            I18nBrowserTest.logIn(page, "ada");
            page.getByTestId("start-room").click();
            Locator dialog = page.getByTestId("start-room-dialog");
            assertThat(dialog.getByTestId("start-room-language")).hasValue("en"); // the reader's language by default
            dialog.locator("input[name=title]").fill("Vorbim românește");
            dialog.getByTestId("start-room-language").selectOption("ro");
            dialog.getByTestId("start-room-submit").click();
            assertThat(page).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
            assertThat(page.getByTestId("room-language")).hasText("Romanian");
            String romanian = page.url().substring(page.url().lastIndexOf('/') + 1);

            page.navigate(parley.baseUrl() + "/hallway");
            assertThat(card(page, romanian).getByTestId("room-language")).hasText("Romanian");
            assertThat(card(page, german).getByTestId("room-language")).hasText("German");
            page.getByTestId("language-chip-de").click();
            assertThat(page).hasURL(parley.baseUrl() + "/hallway?language=de");
            assertThat(card(page, romanian)).hasCount(0);
            assertThat(card(page, german)).hasCount(1);
            assertThat(page.getByTestId("language-chip-de")).hasAttribute("aria-pressed", "true");
            page.getByTestId("language-chip-all").click();
            assertThat(card(page, romanian)).hasCount(1);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_language_chips_pass_axe_in_light_and_dark() {
        var eve = new ApiClient(parley.baseUrl());
        eve.signUp(parley.createAdminInviteCode(), "eve", "Eve");
        eve.post("/api/rooms", Map.of("title", "Nederlands", "type", "open", "language", "nl"));
        eve.post("/api/rooms", Map.of("title", "Русский", "type", "open", "language", "ru"));
        List<String> violations = new ArrayList<>();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setViewportSize(Viewport.PHONE.width, Viewport.PHONE.height).setColorScheme(scheme)
                    .setBypassCSP(true))) { // axe.min.js goes in as an inline script
                Page page = Browsers.openPage(context, scriptErrors);
                I18nBrowserTest.logIn(page, "eve");
                page.getByTestId("language-chip-ru").click();
                assertThat(page.getByTestId("language-chip-ru")).hasAttribute("aria-pressed", "true");
                Axe.violations(page, "[data-testid=language-chips]").forEach(v -> violations.add(scheme + ": " + v));
            }
        }
        org.assertj.core.api.Assertions.assertThat(violations).isEmpty();
    }

    static Locator card(Page page, String roomId) {
        return page.locator("[data-testid=room-card][data-room-id='" + roomId + "']");
    }
}
