package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;

/**
 * The organization story in a browser: an administrator verifies an organization, a delegate switches
 * to acting as it, and its check mark shows on its profile and on its stage tile — for the delegate
 * and for someone else in the room.
 */
class OrganizationsBrowserTest extends BrowserTestBase {

    static final String LABEL = "Official account of the Ministry of Energy";

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void an_administrator_verifies_an_organization_and_its_delegate_speaks_as_it_with_the_badge_shown() {
        var grace = new ApiClient(parley.baseUrl());
        grace.signUp(parley.createAdminInviteCode(), "grace", "Grace Hopper");
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(grace.createInviteCode(), "ada", "Ada Lovelace");
        var linus = new ApiClient(parley.baseUrl());
        linus.signUp(grace.createInviteCode(), "linus", "Linus Pauling");
        ada.post("/api/organizations", Map.of("username", "energy", "displayName", "Ministry of Energy"));
        ada.put("/api/organizations/energy/delegates/linus", null);

        try (BrowserContext admin = Browsers.newContext(browser, Browsers.Viewport.LAPTOP);
             BrowserContext delegate = Browsers.newContext(browser, Browsers.Viewport.PHONE)) {
            // The administrator verifies it from its profile.
            Page gracePage = Browsers.openPage(admin, scriptErrors);
            I18nBrowserTest.logIn(gracePage, "grace");
            gracePage.navigate(parley.baseUrl() + "/u/energy");
            assertThat(gracePage.getByTestId("organization-tag")).isVisible();
            assertThat(gracePage.getByTestId("delegate-panel")).hasCount(0);
            gracePage.getByTestId("verify-label").fill(LABEL);
            gracePage.getByTestId("verify-submit").click();
            Locator badge = gracePage.getByTestId("profile").getByTestId("verified-badge");
            assertThat(badge).isVisible();
            assertThat(badge).hasAttribute("aria-label", "Verified: " + LABEL);
            assertThat(gracePage.getByTestId("profile-verified-label")).hasText(LABEL);

            // The delegate switches to acting as it from the settings.
            Page linusPage = Browsers.openPage(delegate, scriptErrors);
            I18nBrowserTest.logIn(linusPage, "linus");
            linusPage.navigate(parley.baseUrl() + "/settings");
            Locator org = linusPage.getByTestId("my-organization").filter(new Locator.FilterOptions().setHasText("Ministry of Energy"));
            assertThat(org.getByTestId("verified-badge")).isVisible();
            org.getByTestId("act-as").click();
            assertThat(linusPage).hasURL(Pattern.compile("/u/energy$"));
            assertThat(linusPage.getByTestId("acting-banner")).isVisible();
            assertThat(linusPage.getByTestId("acting-text")).hasText("You’re acting as Ministry of Energy (signed in as Linus Pauling)");
            assertThat(linusPage.getByTestId("profile").getByTestId("verified-badge")).isVisible();
            assertThat(linusPage.getByTestId("delegate-panel")).isVisible();

            // As the organization, on stage: the badge is on its tile, for it and for a listener.
            linusPage.navigate(parley.baseUrl() + "/hallway");
            String roomId = I18nBrowserTest.startRoom(linusPage, "Energy prices this winter");
            Locator own = linusPage.locator("[data-testid=stage-member][data-username=energy]");
            assertThat(own.getByTestId("verified-badge")).isVisible();
            gracePage.navigate(parley.baseUrl() + "/room/" + roomId);
            Locator seen = gracePage.locator("[data-testid=stage-member][data-username=energy]");
            assertThat(seen.getByTestId("verified-badge")).isVisible();
            assertThat(seen.locator(".tile-button")).hasAttribute("aria-label", Pattern.compile("Verified: " + LABEL));

            // Switching back: the person again, and the owner reads what the delegate did.
            linusPage.navigate(parley.baseUrl() + "/settings");
            linusPage.getByTestId("stop-acting").click();
            assertThat(linusPage).hasURL(Pattern.compile("/hallway$"));
            assertThat(linusPage.getByTestId("acting-banner")).isHidden();
        }
        var audit = ada.get("/api/organizations/energy/audit").json().toString();
        org.assertj.core.api.Assertions.assertThat(audit).contains("POST /api/rooms").contains("WS join");
    }
}
