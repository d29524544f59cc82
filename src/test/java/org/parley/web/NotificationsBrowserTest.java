package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/** The bell counts what happened live; the notification centre lists it by day and marks it read. */
class NotificationsBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_follow_rings_the_bell_live_and_the_centre_lists_it_and_marks_it_read() {
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        var bob = new ApiClient(parley.baseUrl());
        bob.signUp(parley.createAdminInviteCode(), "bob", "Bob Kahn");
        var cat = new ApiClient(parley.baseUrl());
        cat.signUp(parley.createAdminInviteCode(), "cat", "Cat Stevens");

        try (BrowserContext context = Browsers.newContext(browser, Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            I18nBrowserTest.logIn(page, "ada");
            assertThat(page.getByTestId("bell-count")).isHidden();

            bob.put("/api/members/ada/follow", null);
            assertThat(page.getByTestId("bell-count")).hasText("1");
            assertThat(page.getByTestId("nav-notifications")).hasAttribute("aria-label", "Notifications, 1 unread");

            page.getByTestId("nav-notifications").click();
            assertThat(page.getByTestId("notification")).hasCount(1);
            assertThat(page.getByTestId("notification").first()).containsText("Bob Kahn followed you.");
            assertThat(page.locator(".notification-day h2").first()).hasText("Today");
            assertThat(page.getByTestId("bell-count")).isHidden(); // read once seen

            cat.put("/api/members/ada/follow", null); // arrives while the page is open
            assertThat(page.getByTestId("notification")).hasCount(2);
            assertThat(page.getByTestId("notification").first()).containsText("Cat Stevens followed you.");
            assertThat(page.getByTestId("bell-count")).isHidden();
            org.assertj.core.api.Assertions.assertThat(ada.get("/api/notifications").json().get("unread").asInt()).isZero();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_centre_passes_axe_in_light_and_dark() {
        var eve = new ApiClient(parley.baseUrl());
        eve.signUp(parley.createAdminInviteCode(), "eve", "Eve Online");
        var dan = new ApiClient(parley.baseUrl());
        dan.signUp(parley.createAdminInviteCode(), "dan", "Dan Brown");
        dan.put("/api/members/eve/follow", null);
        List<String> violations = new ArrayList<>();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setViewportSize(Viewport.PHONE.width, Viewport.PHONE.height).setColorScheme(scheme)
                    .setBypassCSP(true))) { // axe.min.js goes in as an inline script
                Page page = Browsers.openPage(context, scriptErrors);
                I18nBrowserTest.logIn(page, "eve");
                page.navigate(parley.baseUrl() + "/notifications");
                assertThat(page.getByTestId("notification")).hasCount(1);
                Axe.violations(page, ".narrow").forEach(v -> violations.add(scheme + ": " + v));
                page.navigate(parley.baseUrl() + "/hallway"); // the bell as it is seen elsewhere, with its count
                dan.put("/api/members/eve/follow", null);
                page.getByTestId("nav-notifications").waitFor();
                Axe.violations(page, "[data-testid=nav-notifications]").forEach(v -> violations.add(scheme + " bell: " + v));
            }
        }
        org.assertj.core.api.Assertions.assertThat(violations).isEmpty();
    }
}
