package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/**
 * Search in chromium: on a laptop, Ada types "romaneste" into the top bar without its accents and
 * finds Ioana, arrows down to her and opens her profile with Enter; on a phone she opens the search
 * screen, types a typo, sees people and a live room grouped, and pages through them. axe-clean.
 */
class SearchBrowserTest extends BrowserTestBase {

    static final Path SHOTS = Path.of("target", "screenshots");

    static BrowserContext context(Viewport size, ColorScheme theme) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(size.width, size.height)
                .setColorScheme(theme).setBypassCSP(true)); // axe.min.js goes in as an inline script
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_member_finds_people_and_rooms_as_they_type_and_opens_one_from_the_keyboard() {
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        var ioana = new ApiClient(parley.baseUrl());
        ioana.signUp(ada.createInviteCode(), "ioana", "Ioana Popescu");
        ioana.patch("/api/me", Map.of("bio", "Vorbesc românește despre poezie"));
        var vlad = new ApiClient(parley.baseUrl());
        vlad.signUp(ada.createInviteCode(), "vlad", "Vladimir Putin");
        vlad.post("/api/rooms", Map.of("title", "Putin and poetry", "type", "open", "description", "A live talk"));

        try (BrowserContext laptop = context(Viewport.LAPTOP, ColorScheme.DARK)) {
            Page page = Browsers.openPage(laptop, scriptErrors);
            I18nBrowserTest.logIn(page, "ada");
            var box = page.getByTestId("top-search-input");
            box.fill("romaneste");
            assertThat(page.getByTestId("search-result")).hasCount(1);
            assertThat(page.getByTestId("search-group-member")).containsText("Ioana Popescu");
            assertThat(Axe.violations(page, "[data-testid=top-search-panel]")).isEmpty();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("laptop-dark-search-panel.png")));
            box.press("ArrowDown");
            assertThat(page.getByTestId("search-result").first()).isFocused();
            page.keyboard().press("Enter");
            assertThat(page).hasURL(Pattern.compile("/u/ioana$"));
            assertThat(page.getByTestId("top-search-panel")).isHidden();
        }

        try (BrowserContext phone = context(Viewport.PHONE, ColorScheme.LIGHT)) {
            Page page = Browsers.openPage(phone, scriptErrors);
            I18nBrowserTest.logIn(page, "ada");
            assertThat(page.getByTestId("top-search-input")).isHidden();
            page.getByTestId("nav-search").click();
            assertThat(page).hasURL(Pattern.compile("/search$"));
            page.getByTestId("search-input").fill("putn");
            assertThat(page.getByTestId("search-group-member")).containsText("Vladimir Putin");
            assertThat(page.getByTestId("search-group-room")).containsText("Putin and poetry");
            assertThat(page).hasURL(Pattern.compile("/search\\?q=putn$"));
            List<String> kinds = page.getByTestId("search-result").all().stream().map(l -> l.getAttribute("data-kind")).toList();
            assertThat(kinds).containsExactly("member", "room");
            assertThat(Axe.violations(page, "[data-testid=search-page]")).isEmpty();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("phone-light-search.png")));
            page.getByTestId("search-input").fill("zzzzqq");
            assertThat(page.getByTestId("search-status")).containsText("Nothing found");
            page.getByTestId("search-input").press("ArrowDown"); // nothing to move to: stays in the box
            assertThat(page.getByTestId("search-input")).isFocused();
        }
    }
}
