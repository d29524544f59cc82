package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;

/**
 * The proposal screens — the form, a proposal with its thread and history, the list, the profile's
 * and the hallway's stories — pass axe at phone and laptop size in both themes, and are photographed
 * (target/screenshots, like {@link EveryScreenBrowserTest}).
 */
class ProposalScreensBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void the_proposal_screens_pass_axe_at_both_sizes_in_both_themes() throws Exception {
        Files.createDirectories(EveryScreenBrowserTest.SHOTS);
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        var linus = new ApiClient(parley.baseUrl());
        linus.signUp(ada.createInviteCode(), "linus", "Linus Pauling");
        linus.post("/api/organizations", Map.of("username", "energy", "displayName", "Ministry of Energy"));
        ada.put("/api/members/energy/verified", Map.of("label", "Official account of the Ministry of Energy"));
        linus.put("/api/members/ada/follow", null);
        String id = ada.post("/api/proposals", Map.of("topic", "Energy prices this winter",
                "description", "A public conversation about what households will pay, and why.",
                "format", "Interview, then listeners' questions", "languages", List.of("en", "ro"),
                "guests", "Nobody else", "audience", "Anyone who pays a heating bill",
                "note", "Would you like to join me for a conversation?\nVă aștept cu drag.",
                "recipients", List.of("energy"), "public", true,
                "times", List.of(Map.of("startsAt", Instant.now().plus(Duration.ofDays(2)).toString(), "lengthMinutes", 60),
                        Map.of("startsAt", Instant.now().plus(Duration.ofDays(3)).toString(), "lengthMinutes", 45))))
                .json().get("id").asText();
        linus.put("/api/session/acting", Map.of("organization", "energy"));
        linus.post("/api/proposals/" + id + "/messages", Map.of("text", "Interesting. What exactly is proposed?"));
        ada.post("/api/proposals/" + id + "/messages", Map.of("text", "Forty-five minutes, in English, with questions."));

        List<String> violations = new ArrayList<>();
        for (var size : EveryScreenBrowserTest.SIZES) {
            for (ColorScheme theme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(size.width(), size.height()).setLocale("en-GB").setTimezoneId("Europe/Amsterdam")
                        .setColorScheme(theme).setBypassCSP(true))) {
                    Page page = Browsers.openPage(context, scriptErrors);
                    String label = size.label() + "-" + theme.name().toLowerCase(Locale.ROOT) + "-";
                    I18nBrowserTest.logIn(page, "ada");
                    check(page, "/proposals/new?to=energy", "proposal-form", label + "proposal-form", violations);
                    check(page, "/proposals/" + id, "proposal-thread", label + "proposal", violations);
                    check(page, "/proposals?box=sent", "proposal-card", label + "proposals-sent", violations);
                    check(page, "/u/energy", "proposal-story", label + "profile-proposals", violations);
                }
                try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(size.width(), size.height()).setLocale("en-GB").setTimezoneId("Europe/Amsterdam")
                        .setColorScheme(theme).setBypassCSP(true))) {
                    Page page = Browsers.openPage(context, scriptErrors);
                    String label = size.label() + "-" + theme.name().toLowerCase(Locale.ROOT) + "-";
                    I18nBrowserTest.logIn(page, "linus");
                    check(page, "/hallway", "proposal-story", label + "hallway-proposals", violations);
                    page.navigate(parley.baseUrl() + "/u/energy");
                    page.getByTestId("profile-act-as").click();
                    page.getByTestId("acting-banner").waitFor();
                    check(page, "/proposals/" + id, "decline-details", label + "proposal-recipient", violations);
                }
            }
        }
        assertThat(violations).as("axe violations").isEmpty();
    }

    private static void check(Page page, String path, String ready, String name, List<String> violations) {
        page.navigate(parley.baseUrl() + path);
        page.getByTestId(ready).first().waitFor();
        page.waitForTimeout(300);
        for (String v : Axe.allViolations(page)) violations.add(name + ": " + v);
        int height = ((Number) page.evaluate("() => document.documentElement.scrollHeight")).intValue();
        var viewport = page.viewportSize();
        page.setViewportSize(viewport.width, Math.max(viewport.height, height));
        page.waitForTimeout(150);
        page.screenshot(new Page.ScreenshotOptions().setPath(EveryScreenBrowserTest.SHOTS.resolve(name + ".png")));
        page.setViewportSize(viewport.width, viewport.height);
    }
}
