package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;

/**
 * Every screen of the client (issue 13) on a phone (390×844) and a laptop (1366×800), in the light and
 * the dark theme: axe-core finds no violation of any impact (best practices included), and each is
 * photographed into {@code target/screenshots/<size>-<theme>-<screen>.png} so a person can look at what
 * a reader sees (.ci/run keeps the folder).
 */
class EveryScreenBrowserTest extends BrowserTestBase {

    static final Path SHOTS = Path.of("target", "screenshots");
    static final String ROOM_TITLE = "Engines, poetry and the numbers in between";

    record Size(String label, int width, int height) {}

    static final List<Size> SIZES = List.of(new Size("phone", 390, 844), new Size("laptop", 1366, 800));
    /**
     * The themes this class photographs: the light one here, the dark one in {@link EveryScreenDarkBrowserTest},
     * so the two halves run in parallel test JVMs (pom.xml's forkCount) instead of one after the other.
     */
    final List<ColorScheme> THEMES = themes();

    List<ColorScheme> themes() {
        return List.of(ColorScheme.LIGHT);
    }

    @Test
    @Timeout(value = 480, unit = TimeUnit.SECONDS)
    void every_screen_passes_axe_at_both_sizes_in_both_themes_and_is_photographed() throws Exception {
        Files.createDirectories(SHOTS);
        // Grace founded the network and invited Ada and Linus; both follow her; Ada follows Linus.
        var grace = new ApiClient(parley.baseUrl());
        grace.signUp(parley.createAdminInviteCode(), "grace", "Grace Hopper");
        grace.patch("/api/me", java.util.Map.of("bio", "Compilers, mostly. Ask me about nanoseconds."));
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(grace.createInviteCode(), "ada", "Ada Lovelace");
        var linus = new ApiClient(parley.baseUrl());
        linus.signUp(grace.createInviteCode(), "linus", "Linus Pauling");
        ada.put("/api/members/grace/follow", null);
        linus.put("/api/members/grace/follow", null);
        ada.put("/api/members/linus/follow", null);
        String pending = grace.createInviteCode();
        ada.createInviteCode();
        // Grace scheduled a talk for tomorrow evening; Ada asked to be notified.
        String eventId = grace.post("/api/events", java.util.Map.of("title", "Compilers at dusk",
                "description", "An hour on how a compiler thinks, and what it taught us about people.\nBring questions.",
                "startsAt", java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString(), "lengthMinutes", 90,
                "language", "en", "type", "open")).json().get("id").asText();
        ada.put("/api/events/" + eventId + "/rsvp", null);
        // Grace proposed a public conversation to Ada, who asked what exactly is proposed.
        String proposalId = grace.post("/api/proposals", java.util.Map.of("topic", "Compilers and the people who write them",
                "description", "An hour together on how compilers shaped us.", "note", "Would you join me? Mă bucur dacă vii.",
                "recipients", List.of("ada"), "public", true, "times", List.of(java.util.Map.of("startsAt",
                        java.time.Instant.now().plus(java.time.Duration.ofDays(4)).toString(), "lengthMinutes", 60))))
                .json().get("id").asText();
        ada.post("/api/proposals/" + proposalId + "/messages", java.util.Map.of("text", "What exactly is proposed?"));
        // Ada runs an organization with Linus; Grace verified it; someone's name imitates it.
        ada.post("/api/organizations", java.util.Map.of("username", "energy", "displayName", "Ministry of Energy",
                "bio", "The press office answers here."));
        ada.put("/api/organizations/energy/delegates/linus", null);
        grace.put("/api/members/energy/verified", java.util.Map.of("label", "Official account of the Ministry of Energy"));
        new ApiClient(parley.baseUrl()).signUp(grace.createInviteCode(), "mallory", "Ministry of Enеrgy");
        linus.put("/api/session/acting", java.util.Map.of("organization", "energy"));
        linus.put("/api/members/grace/follow", null);
        linus.delete("/api/session/acting");
        // Zoe joined through Grace and deleted her account (the tree's "a former member"); Ada's export is ready.
        var zoe = new ApiClient(parley.baseUrl());
        zoe.signUp(grace.createInviteCode(), "zoe", "Zoe");
        zoe.send("DELETE", "/api/me", java.util.Map.of("password", ApiClient.Members.PASSWORD), java.util.Map.of());
        ada.post("/api/me/export", null);
        // Ada founded a club that admits by approval; Linus joined, Grace asked to.
        ada.post("/api/clubs", java.util.Map.of("name", "Night Owls", "slug", "night-owls", "joinPolicy", "approval",
                "description", "Late talks about early computers.\nAll welcome.", "rules", "Be kind.",
                "topics", List.of("Computers", "History"), "languages", List.of("en", "de")));
        ada.put("/api/clubs/night-owls/invitations/linus", null);
        linus.post("/api/clubs/night-owls/join", null);
        grace.post("/api/clubs/night-owls/join", null);

        List<String> violations = new ArrayList<>();
        // Before any room: the signed-out screens, the empty hallway and the member's own pages.
        for (Size size : SIZES) {
            for (ColorScheme theme : THEMES) {
                try (BrowserContext context = context(size, theme)) {
                    Screens s = new Screens(Browsers.openPage(context, scriptErrors), size, theme, violations);
                    s.check("/login", "login-form", "login");
                    s.check("/invite/" + pending, "invite-landing", "invitation-landing");
                    s.check("/no/such/page", "not-found", "not-found");
                    s.check("/offline.html", "offline", "offline");
                    s.check("/privacy", "privacy-page", "privacy");
                    I18nBrowserTest.logIn(s.page, "ada");
                    s.check("/hallway", "hallway-empty", "hallway-empty");
                    s.check("/u/grace", "profile", "profile");
                    s.check("/u/grace/followers", "followers-list", "followers");
                    s.check("/invites", "invite-item", "invitations");
                    s.check("/invites/tree", "tree-former", "invitation-tree");
                    s.check("/settings", "export-download", "settings");
                    s.page.getByTestId("delete-account").click();
                    s.here("delete-dialog", "delete-account");
                    s.check("/me/edit", "edit-save", "edit-profile");
                    s.check("/events/" + eventId, "event-title", "event");
                    s.check("/events/new", "event-form", "event-form");
                    s.check("/proposals/new?to=grace", "proposal-form", "proposal-form");
                    s.check("/proposals/" + proposalId, "decline-details", "proposal");
                    s.check("/proposals", "proposal-card", "proposals");
                    s.check("/u/energy", "[data-testid=audit-entry]", "organization-owner");
                    s.check("/admin", "admin-only", "admin-only");
                    s.check("/search?q=grace", "search-result", "search");
                    s.check("/clubs", "club-card", "clubs");
                    s.check("/c/night-owls", "club-request", "club-admin");
                    s.check("/c/new", "club-form", "club-form");
                    s.page.navigate(parley.baseUrl() + "/u/energy");
                    s.page.getByTestId("profile-act-as").click();
                    s.page.getByTestId("acting-banner").waitFor();
                    s.check("/settings", "acting-banner", "acting-as-organization");
                }
            }
        }

        // A live room: Grace hosts it, Linus listens with his hand up.
        try (BrowserContext host = context(SIZES.get(1), ColorScheme.LIGHT);
             BrowserContext listener = context(SIZES.get(0), ColorScheme.LIGHT)) {
            Page gracePage = Browsers.openPage(host, scriptErrors);
            I18nBrowserTest.logIn(gracePage, "grace");
            String roomId = I18nBrowserTest.startRoom(gracePage, ROOM_TITLE);
            I18nBrowserTest.offerInterpretation(gracePage, "de", "ru"); // listeners see "Listen in"
            Page linusPage = Browsers.openPage(listener, scriptErrors);
            I18nBrowserTest.logIn(linusPage, "linus");
            linusPage.navigate(parley.baseUrl() + "/room/" + roomId);
            linusPage.getByTestId("hand-toggle").click();
            assertThat(gracePage.getByTestId("queue-member")).hasCount(1);

            for (Size size : SIZES) {
                for (ColorScheme theme : THEMES) {
                    try (BrowserContext context = context(size, theme)) {
                        Screens s = new Screens(Browsers.openPage(context, scriptErrors), size, theme, violations);
                        I18nBrowserTest.logIn(s.page, "ada");
                        s.check("/hallway", "room-card", "hallway");
                        s.check("/room/" + roomId, "listen-in", "room-listener");
                        s.check("/u/linus", "mini-room-bar", "profile-with-mini-bar");
                        s.check("/notifications", "[data-testid=notification], [data-testid=notifications-empty]:not([hidden])", "notifications");
                    }
                    try (BrowserContext context = context(size, theme)) {
                        // Grace in a second tab: the same moderator, on this screen size.
                        Screens s = new Screens(Browsers.openPage(context, scriptErrors), size, theme, violations);
                        I18nBrowserTest.logIn(s.page, "grace");
                        s.check("/room/" + roomId, "queue-member", "room-moderator");
                        s.check("/events/" + eventId, "event-edit", "event-host");
                        s.check("/admin", "impersonation-flag", "admin-flags");
                        s.check("/u/energy", "verify-section", "organization-verify");
                        s.check("/c/night-owls", "club-standing", "club-requested");
                    }
                }
            }
        }
        assertThat(violations).as("axe violations").isEmpty();
    }

    private static BrowserContext context(Size size, ColorScheme theme) {
        return browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(size.width(), size.height())
                .setLocale("en-GB")
                .setTimezoneId("Europe/Amsterdam")
                .setColorScheme(theme)
                .setBypassCSP(true)); // axe.min.js goes in as an inline script
    }

    /** One browser page walking screens: wait for the screen, run axe, photograph it. */
    private record Screens(Page page, Size size, ColorScheme theme, List<String> violations) {
        /** {@code ready} is a test id, or a CSS selector, of what shows once the screen is drawn. */
        void check(String path, String ready, String name) {
            page.navigate(parley.baseUrl() + path);
            here(ready, name);
        }

        /** As {@link #check}, on the page as it is now (a dialog opened on it). */
        void here(String ready, String name) {
            (ready.startsWith("[") ? page.locator(ready) : page.getByTestId(ready)).first().waitFor();
            page.waitForTimeout(300); // let fonts and transitions settle
            String label = size.label() + "-" + theme.name().toLowerCase(Locale.ROOT) + "-" + name;
            for (String v : Axe.allViolations(page)) violations.add(label + ": " + v);
            // The whole page, with what is fixed to the bottom at the bottom: a full-page capture would
            // leave fixed bars where the first screen ends, over the content below it.
            int height = ((Number) page.evaluate("() => document.documentElement.scrollHeight")).intValue();
            page.setViewportSize(size.width(), Math.max(size.height(), height));
            page.waitForTimeout(150);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(label + ".png")));
            page.setViewportSize(size.width(), size.height());
        }
    }
}
