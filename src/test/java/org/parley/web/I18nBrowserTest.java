package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/**
 * The interface in English, German, Dutch, Romanian and Russian (issue 14), in chromium: every page
 * in every language with nothing left untranslated, and a German reader who signs up, then switches
 * to Romanian and Russian in settings.
 */
class I18nBrowserTest extends BrowserTestBase {

    /** The browser locale each language is tried with, and a word of its own each page must show. */
    static final Map<String, String> BROWSER_LOCALES = Map.of(
            "en", "en-GB", "de", "de-DE", "nl", "nl-NL", "ro", "ro-RO", "ru", "ru-RU");
    static final String ROOM_TITLE = "Kaffeeklatsch 2026";
    /** What an administrator typed as the verification label: the members' words, in the language they chose. */
    static final String LABEL = "Official account of the Ministry of Energy";
    static final ScreenText SCREEN = new ScreenText(Set.of("Ada Lovelace", "Grace Hopper", "Linus Pauling", "Ada", "Grace",
            "Linus", "@ada_de", "@ada", "@grace", "@linus", "@founder_de", "@visitor_nl", ROOM_TITLE, LABEL));

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void every_page_reads_in_every_language_with_no_raw_key_or_english_left() {
        // Grace founds the network and hosts a live room; Ada and Linus follow her; Ada has a pending invitation.
        var grace = new ApiClient(parley.baseUrl());
        grace.signUp(parley.createAdminInviteCode(), "grace", "Grace Hopper");
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(grace.createInviteCode(), "ada", "Ada Lovelace");
        ada.put("/api/members/grace/follow", null);
        grace.put("/api/members/ada/follow", null);
        String pendingInvite = ada.createInviteCode();
        String eventId = grace.post("/api/events", Map.of("title", ROOM_TITLE, "type", "open", "lengthMinutes", 90,
                "startsAt", java.time.Instant.now().plus(java.time.Duration.ofDays(2)).toString())).json().get("id").asText();
        ada.post("/api/organizations", Map.of("username", "energy", "displayName", "Ministry of Energy"));
        grace.put("/api/members/energy/verified", Map.of("label", LABEL));
        ada.put("/api/session/acting", Map.of("organization", "energy"));
        ada.put("/api/members/grace/follow", null);
        ada.delete("/api/session/acting");
        // Zoe joined through Grace and deleted her account: the tree shows "a former member"; Ada's export is ready.
        var zoe = new ApiClient(parley.baseUrl());
        zoe.signUp(grace.createInviteCode(), "zoe", "Zoe");
        zoe.send("DELETE", "/api/me", Map.of("password", PASSWORD), Map.of());
        ada.post("/api/me/export", null);
        // Grace proposed a public conversation to Ada, who asked a question on it.
        String proposalId = grace.post("/api/proposals", Map.of("topic", ROOM_TITLE, "recipients", List.of("ada"),
                "public", true, "times", List.of(Map.of("startsAt",
                        java.time.Instant.now().plus(java.time.Duration.ofDays(3)).toString(), "lengthMinutes", 60))))
                .json().get("id").asText();
        ada.post("/api/proposals/" + proposalId + "/messages", Map.of("text", ROOM_TITLE + "?"));
        ada.post("/api/clubs", Map.of("name", "Night Owls", "slug", "night-owls", "joinPolicy", "approval"));
        grace.post("/api/clubs/night-owls/join", null);

        try (BrowserContext host = Browsers.newContext(browser, Viewport.LAPTOP)) {
            Page gracePage = Browsers.openPage(host, scriptErrors);
            logIn(gracePage, "grace");
            String roomId = startRoom(gracePage, ROOM_TITLE);
            offerInterpretation(gracePage, "de", "ru");

            List<String> problems = new ArrayList<>();
            for (String language : List.of("en", "de", "nl", "ro", "ru")) {
                try (BrowserContext context = context(browser, BROWSER_LOCALES.get(language), Viewport.PHONE)) {
                    Page page = Browsers.openPage(context, scriptErrors);
                    check(page, language, "/login", "login-form", problems);
                    check(page, language, "/invite/" + pendingInvite, "invite-landing", problems);
                    check(page, language, "/invite/no-such-code", "invite-unusable", problems);
                    check(page, language, "/no/such/page", "not-found", problems);
                    check(page, language, "/offline.html", "offline", problems);
                    check(page, language, "/privacy", "privacy-page", problems);
                    logIn(page, "ada");
                    check(page, language, "/hallway", "room-card", problems);
                    check(page, language, "/room/" + roomId, "listen-in", problems);
                    check(page, language, "/u/ada", "profile", problems); // with the mini bar of the room Ada is in
                    check(page, language, "/u/grace", "profile", problems);
                    check(page, language, "/u/ada/followers", "members-list-or-empty", problems);
                    check(page, language, "/invites", "invite-item", problems);
                    check(page, language, "/invites/tree", "tree-former", problems);
                    check(page, language, "/notifications", "notification", problems);
                    check(page, language, "/me/edit", "edit-save", problems);
                    check(page, language, "/settings", "language-select", problems);
                    page.getByTestId("device").first().waitFor();
                    page.getByTestId("export-download").waitFor();
                    for (String problem : SCREEN.problems(page)) problems.add(language + " /settings (devices, export): " + problem);
                    page.getByTestId("delete-account").click();
                    page.getByTestId("delete-dialog").waitFor();
                    for (String problem : SCREEN.problems(page)) problems.add(language + " delete dialog: " + problem);
                    page.getByTestId("delete-cancel").click();
                    check(page, language, "/events/" + eventId, "event-title", problems);
                    check(page, language, "/events/new", "event-form", problems);
                    check(page, language, "/proposals/new?to=grace", "proposal-form", problems);
                    check(page, language, "/proposals/" + proposalId, "decline-details", problems);
                    check(page, language, "/proposals", "proposal-card", problems);
                    check(page, language, "/u/energy", "audit-entry", problems);
                    check(page, language, "/admin", "admin-only", problems);
                    check(page, language, "/search?q=grace", "search-result", problems);
                    check(page, language, "/clubs", "club-card", problems);
                    check(page, language, "/c/night-owls", "club-request", problems);
                    check(page, language, "/c/new", "club-form", problems);
                    page.navigate(parley.baseUrl() + "/u/energy");
                    page.getByTestId("profile-act-as").click();
                    page.getByTestId("acting-banner").waitFor(); // after the reload as the organization
                    check(page, language, "/hallway", "acting-banner", problems);
                }
            }
            assertThat(problems).as("untranslated text on screen").isEmpty();
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void a_german_browser_signs_up_in_german_then_switches_to_romanian_and_russian_and_keeps_it() {
        var founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder_de", "Linus Pauling");
        String invite = founder.createInviteCode();
        try (BrowserContext context = context(browser, "de-DE", Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(parley.baseUrl() + "/invite/" + invite);
            assertThat(page.locator("html")).hasAttribute("lang", "de");
            assertThat(page.locator("h1")).hasText("Sprich mit auf Parley");
            page.getByTestId("field-username").fill("ada_de");
            page.getByTestId("field-displayName").fill("Ada Lovelace");
            page.getByTestId("field-password").fill(PASSWORD);
            page.getByTestId("signup-submit").click();
            assertThat(page.getByTestId("profile")).isVisible();
            assertThat(page.getByTestId("nav-settings")).hasText("Einstellungen");
            assertThat(SCREEN.problems(page)).isEmpty();
            assertThat(me(page).get("language")).as("following the browser, nothing saved yet").isNull();

            // Romanian, chosen in settings: the page changes at once, without a reload, and it is saved.
            page.getByTestId("nav-settings").click();
            assertThat(page.locator("h1")).hasText("Einstellungen");
            page.evaluate("() => { window.sameDocument = true; }");
            page.getByTestId("language-select").selectOption("ro");
            assertThat(page.locator("html")).hasAttribute("lang", "ro");
            assertThat(page.locator("h1")).hasText("Setări");
            assertThat(page.getByTestId("language-select")).isFocused();
            assertThat(page.evaluate("() => window.sameDocument")).as("no reload").isEqualTo(true);
            assertThat(page.locator("#toast")).hasText("Limba a fost salvată.");
            assertThat(me(page).get("language")).isEqualTo("ro");
            assertThat(SCREEN.problems(page)).isEmpty();
            page.getByTestId("nav-hallway").click();
            assertThat(page.locator("h1")).hasText("Hol");
            assertThat(SCREEN.problems(page)).isEmpty();
            String roomId = startRoom(page, ROOM_TITLE);
            assertThat(page.getByTestId("mute-toggle")).isVisible();
            assertThat(SCREEN.problems(page)).isEmpty();

            // Russian, and the choice survives a reload.
            page.getByTestId("nav-settings").click();
            page.getByTestId("language-select").selectOption("ru");
            assertThat(page.locator("html")).hasAttribute("lang", "ru");
            assertThat(page.locator("h1")).hasText("Настройки");
            assertThat(SCREEN.problems(page)).isEmpty();
            page.reload();
            assertThat(page.locator("h1")).hasText("Настройки");
            assertThat(page.getByTestId("language-select")).hasValue("ru");
            assertThat(me(page).get("language")).isEqualTo("ru");
            page.getByTestId("nav-hallway").click();
            assertThat(page.locator("h1")).hasText("Холл");
            assertThat(page.getByTestId("room-card").first()).isVisible();
            assertThat(SCREEN.problems(page)).isEmpty();
            page.navigate(parley.baseUrl() + "/room/" + roomId);
            assertThat(page.getByTestId("room-title")).hasText(ROOM_TITLE);
            assertThat(page.getByTestId("end-room")).isVisible();
            assertThat(SCREEN.problems(page)).isEmpty();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_visitor_picks_a_language_on_the_log_in_page_and_the_account_keeps_it_after_logging_in() {
        var member = new ApiClient(parley.baseUrl());
        member.signUp(parley.createAdminInviteCode(), "visitor_nl", "Grace Hopper");
        try (BrowserContext context = context(browser, "en-GB", Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(parley.baseUrl() + "/login");
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            page.getByTestId("language-select").selectOption("nl");
            assertThat(page.locator("h1")).hasText("Inloggen bij Parley");
            assertThat(SCREEN.problems(page)).isEmpty();
            logIn(page, "visitor_nl");
            assertThat(page.locator("h1")).hasText("Hal");
            assertThat(page.locator("html")).hasAttribute("lang", "nl");
            page.waitForCondition(() -> "nl".equals(me(page).get("language")));
        }
        assertThat(member.get("/api/me").json().get("language").asText()).isEqualTo("nl");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_language_switchers_pass_axe_in_light_and_dark() {
        var member = new ApiClient(parley.baseUrl());
        member.signUp(parley.createAdminInviteCode(), "axe_ru", "Grace Hopper");
        List<String> violations = new ArrayList<>();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setViewportSize(Viewport.PHONE.width, Viewport.PHONE.height).setLocale("ru-RU").setColorScheme(scheme)
                    .setBypassCSP(true))) { // axe.min.js goes in as an inline script
                Page page = Browsers.openPage(context, scriptErrors);
                page.navigate(parley.baseUrl() + "/login");
                page.getByTestId("language-select").waitFor();
                Axe.violations(page, ".lang-switch").forEach(v -> violations.add(scheme + " log-in: " + v));
                logIn(page, "axe_ru");
                page.navigate(parley.baseUrl() + "/settings");
                page.getByTestId("language-select").waitFor();
                Axe.violations(page, "[data-testid=language-settings]").forEach(v -> violations.add(scheme + " settings: " + v));
            }
        }
        assertThat(violations).isEmpty();
    }

    private void check(Page page, String language, String path, String testid, List<String> problems) {
        page.navigate(parley.baseUrl() + path);
        if (testid.equals("members-list-or-empty")) {
            page.locator("[data-testid=followers-list], [data-testid=members-empty]").first().waitFor();
        } else {
            page.getByTestId(testid).first().waitFor();
        }
        assertThat(page.locator("html")).hasAttribute("lang", language);
        for (String problem : SCREEN.problems(page)) problems.add(language + " " + path + ": " + problem);
    }

    static BrowserContext context(Browser browser, String locale, Viewport viewport) {
        return browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(viewport.width, viewport.height)
                .setLocale(locale)
                .setTimezoneId("Europe/Bucharest"));
    }

    static void logIn(Page page, String username) {
        page.navigate(parley.baseUrl() + "/login");
        page.getByTestId("field-username").fill(username);
        page.getByTestId("field-password").fill(PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page).hasURL(Pattern.compile("/hallway$"));
    }

    static String startRoom(Page page, String title) {
        page.getByTestId("start-room").click();
        Locator dialog = page.getByTestId("start-room-dialog");
        dialog.locator("input[name=title]").fill(title);
        dialog.getByTestId("start-room-submit").click();
        assertThat(page).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
        assertThat(page.getByTestId("room-title")).hasText(title);
        return URI.create(page.url()).getPath().substring("/room/".length());
    }

    /** The moderator's Interpretation dialog: offers {@code languages}, so every listener sees "Listen in". */
    static void offerInterpretation(Page page, String... languages) {
        page.getByTestId("interpretation-open").click();
        for (String language : languages) {
            page.getByTestId("interpretation-add").selectOption(language);
            assertThat(page.getByTestId("interpretation-" + language)).isVisible();
        }
        page.getByTestId("interpretation-dialog-close").click();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> me(Page page) {
        return (Map<String, Object>) page.evaluate("async () => (await fetch('/api/me')).json()");
    }
}
