package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/** The whole invitation tree: founders first, branches that open and close, a search that finds anyone. */
class InviteTreeBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_member_opens_branches_searches_the_tree_and_finds_themselves() {
        // ada (founder) → grace → alan → zoe; ada → linus; barbara is a second founder.
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        var grace = new ApiClient(parley.baseUrl());
        grace.signUp(ada.createInviteCode(), "grace", "Grace Hopper");
        var alan = new ApiClient(parley.baseUrl());
        alan.signUp(grace.createInviteCode(), "alan", "Alan Turing");
        var zoe = new ApiClient(parley.baseUrl());
        zoe.signUp(alan.createInviteCode(), "zoe", "Zoë Ștefănescu");
        new ApiClient(parley.baseUrl()).signUp(ada.createInviteCode(), "linus", "Linus Torvalds");
        new ApiClient(parley.baseUrl()).signUp(parley.createAdminInviteCode(), "barbara", "Barbara Liskov");

        try (BrowserContext context = Browsers.newContext(browser, Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            I18nBrowserTest.logIn(page, "zoe");
            page.navigate(parley.baseUrl() + "/invites");
            page.getByTestId("tree-link").click();
            assertThat(page).hasURL(parley.baseUrl() + "/invites/tree");

            // Founders and whom they invited are open; deeper branches are closed.
            Locator tree = page.getByTestId("invite-tree");
            assertThat(tree.locator(":scope > li[data-username=ada]")).hasCount(1); // founders at the top level
            assertThat(tree.locator(":scope > li[data-username=barbara]")).hasCount(1);
            assertThat(tree.locator(":scope > li[data-username=grace]")).hasCount(0);
            assertThat(item(page, "grace")).isVisible();
            assertThat(item(page, "linus")).isVisible();
            assertThat(item(page, "alan")).isHidden();
            assertThat(item(page, "ada").locator(".tree-meta").first()).containsText("4 joined through them");

            Locator graceToggle = item(page, "grace").locator(".tree-toggle").first();
            assertThat(graceToggle).hasAttribute("aria-expanded", "false");
            graceToggle.click();
            assertThat(item(page, "alan")).isVisible();
            assertThat(item(page, "grace").locator(".tree-toggle").first()).hasAttribute("aria-expanded", "true");
            assertThat(item(page, "grace").locator(".tree-toggle").first()).isFocused();
            item(page, "grace").locator(".tree-toggle").first().click();
            assertThat(item(page, "alan")).isHidden();

            // A search without diacritics finds Zoë Ștefănescu three levels down and opens the way to her.
            page.getByTestId("tree-search").fill("stefanescu");
            assertThat(page.getByTestId("tree-status")).hasText("1 member found");
            assertThat(item(page, "zoe")).isVisible();
            assertThat(item(page, "zoe").locator(".tree-row").first()).hasClass(java.util.regex.Pattern.compile("tree-match"));

            page.getByTestId("tree-search").fill("");
            page.getByTestId("tree-show-me").click();
            assertThat(item(page, "zoe").locator(".badge-you")).hasText("You");
            assertThat(item(page, "zoe").locator(".member-names").first()).isFocused();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_tree_and_the_sign_up_helpers_pass_axe_in_light_and_dark_on_a_phone() {
        var founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "axe_tree", "Ada Lovelace");
        new ApiClient(parley.baseUrl()).signUp(founder.createInviteCode(), "axe_child", "Grace Hopper");
        String code = founder.createInviteCode();
        java.util.List<String> violations = new java.util.ArrayList<>();
        for (var scheme : java.util.List.of(com.microsoft.playwright.options.ColorScheme.LIGHT,
                com.microsoft.playwright.options.ColorScheme.DARK)) {
            try (BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setViewportSize(Viewport.PHONE.width, Viewport.PHONE.height).setColorScheme(scheme)
                    .setBypassCSP(true))) { // axe.min.js goes in as an inline script
                Page page = Browsers.openPage(context, scriptErrors);
                page.navigate(parley.baseUrl() + "/invite/" + code);
                page.getByTestId("field-username").fill("axe_tree");
                page.getByTestId("field-password").fill("password1");
                assertThat(page.getByTestId("username-availability")).hasAttribute("data-state", "taken");
                Axe.violations(page, ".availability, .strength, [data-testid=field-username]")
                        .forEach(v -> violations.add(scheme + " sign-up: " + v));
                I18nBrowserTest.logIn(page, "axe_child");
                page.navigate(parley.baseUrl() + "/invites/tree");
                page.getByTestId("tree-search").fill("grace");
                assertThat(page.getByTestId("tree-status")).hasText("1 member found");
                Axe.violations(page, ".narrow").forEach(v -> violations.add(scheme + " tree: " + v));
            }
        }
        org.assertj.core.api.Assertions.assertThat(violations).isEmpty();
    }

    static Locator item(Page page, String username) {
        return page.locator("[data-testid=tree-item][data-username=" + username + "]");
    }
}
