package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.ColorScheme;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/**
 * The phone-first shell (issue 13), in chromium: a tab bar at the bottom on phones and a top bar on
 * laptops, the brand always in view, nothing fixed at the bottom covering anything else (tab bar,
 * mini bar, a room's bar, toasts), a theme applied before the first paint, the keyboard, and the
 * live region that tells screen-reader users what happens in a room.
 */
class PhoneShellBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void on_a_phone_the_tabs_are_at_the_bottom_and_toasts_mini_bar_and_room_bar_never_cover_each_other() {
        var host = new ApiClient(parley.baseUrl());
        host.signUp(parley.createAdminInviteCode(), "host", "Grace Hopper");
        var guest = new ApiClient(parley.baseUrl());
        guest.signUp(host.createInviteCode(), "guest", "Ada Lovelace");
        try (BrowserContext hostContext = Browsers.newContext(browser, Viewport.LAPTOP);
             BrowserContext phone = Browsers.newContext(browser, Viewport.PHONE);
             BrowserContext laptop = Browsers.newContext(browser, Viewport.LAPTOP)) {
            Page hostPage = Browsers.openPage(hostContext, scriptErrors);
            I18nBrowserTest.logIn(hostPage, "host");
            String roomId = I18nBrowserTest.startRoom(hostPage, "Thumb reach");

            Page page = Browsers.openPage(phone, scriptErrors);
            I18nBrowserTest.logIn(page, "guest");
            BoundingBox nav = page.locator("#topnav").boundingBox();
            assertThat(nav.y + nav.height).as("the tab bar ends at the bottom edge").isEqualTo(844, org.assertj.core.data.Offset.offset(1.0));
            assertThat(page.locator(".brand-name")).isVisible();
            assertThat(page.locator(".brand").boundingBox().y).isLessThan(40);

            // In a room on a phone the room's own bar sits on the tab bar, both in thumb reach.
            page.navigate(parley.baseUrl() + "/room/" + roomId);
            assertThat(page.getByTestId("hand-toggle")).isVisible();
            assertThat(page.locator("#topnav")).isVisible();
            assertThat(page.locator(".brand-name")).isVisible();
            assertApart(page.locator(".room-bar"), page.locator("#topnav"));
            BoundingBox roomBar = page.locator(".room-bar").boundingBox();
            assertThat(roomBar.y + roomBar.height).isEqualTo(page.locator("#topnav").boundingBox().y,
                    org.assertj.core.data.Offset.offset(1.0));
            // The case: a toast covered Unmute and Ping for 4 s.
            toast(page, "A moderator muted you.");
            assertApart(page.locator("#toast"), page.getByTestId("ping-open"));
            assertApart(page.locator("#toast"), page.getByTestId("hand-toggle"));
            assertApart(page.locator("#toast"), page.locator("#topnav"));

            // Browsing elsewhere in the room: the mini bar sits on the tab bar, the toast above both.
            page.getByTestId("brand").click();
            assertThat(page.getByTestId("mini-room-bar")).isVisible();
            assertThat(page.locator("#topnav")).isVisible();
            toast(page, "Saved.");
            assertApart(page.getByTestId("mini-room-bar").locator(".mini-bar-inner"), page.locator("#topnav"));
            assertApart(page.locator("#toast"), page.getByTestId("mini-room-bar").locator(".mini-bar-inner"));
            assertApart(page.locator("#toast"), page.locator("#topnav"));

            // A laptop keeps the navigation in the top bar.
            Page wide = Browsers.openPage(laptop, scriptErrors);
            I18nBrowserTest.logIn(wide, "guest");
            assertThat(wide.locator("#topnav").boundingBox().y).isLessThan(20);
            assertThat(wide.getByTestId("nav-hallway")).hasAttribute("aria-current", "page");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_dark_theme_chosen_in_settings_shows_from_the_first_frame_after_a_reload_and_system_follows_the_device() {
        new ApiClient(parley.baseUrl()).signUp(parley.createAdminInviteCode(), "night", "Linus Pauling");
        try (BrowserContext context = Browsers.newContext(browser, Viewport.PHONE, ColorScheme.LIGHT)) {
            // The background as the first animation frame (before the first paint) sees it.
            context.addInitScript("requestAnimationFrame(() => { window.firstFrame = getComputedStyle(document.documentElement).colorScheme"
                    + " + '|' + getComputedStyle(document.body).backgroundColor; });");
            Page page = Browsers.openPage(context, scriptErrors);
            I18nBrowserTest.logIn(page, "night");
            page.navigate(parley.baseUrl() + "/settings");
            assertThat(page.getByTestId("theme-system")).isChecked();
            // By keyboard: arrows move through a radio group and choose.
            page.getByTestId("theme-system").focus();
            page.keyboard().press("ArrowRight");
            page.keyboard().press("ArrowRight");
            assertThat(page.getByTestId("theme-dark")).isChecked();
            assertThat(page.locator("html")).hasAttribute("data-theme", "dark");

            page.reload();
            page.getByTestId("theme-settings").waitFor();
            assertThat(page.evaluate("() => window.firstFrame")).isEqualTo("dark|rgb(28, 23, 20)");
            assertThat(page.getByTestId("theme-dark")).isChecked();
            assertThat(page.locator("meta[name=theme-color]").first()).hasAttribute("content", "#1c1714");

            page.getByTestId("theme-system").check();
            page.reload();
            page.getByTestId("theme-settings").waitFor();
            assertThat(page.evaluate("() => window.firstFrame")).isEqualTo("light dark|rgb(247, 241, 232)");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_room_is_run_from_the_keyboard_and_screen_readers_hear_hands_invitations_and_moderators() {
        var host = new ApiClient(parley.baseUrl());
        host.signUp(parley.createAdminInviteCode(), "keys", "Grace Hopper");
        var guest = new ApiClient(parley.baseUrl());
        guest.signUp(host.createInviteCode(), "ears", "Ada Lovelace");
        try (BrowserContext hostContext = Browsers.newContext(browser, Viewport.LAPTOP);
             BrowserContext guestContext = Browsers.newContext(browser, Viewport.PHONE)) {
            Page mod = Browsers.openPage(hostContext, scriptErrors);
            I18nBrowserTest.logIn(mod, "keys");
            // Start a room without the mouse: tab to the button, Enter, type, Enter.
            tabTo(mod, "start-room");
            mod.keyboard().press("Enter");
            mod.getByTestId("start-room-dialog").locator("input[name=title]").waitFor();
            mod.keyboard().type("Keyboard only");
            mod.keyboard().press("Enter");
            assertThat(mod).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
            String roomPath = java.net.URI.create(mod.url()).getPath();

            Page ear = Browsers.openPage(guestContext, scriptErrors);
            I18nBrowserTest.logIn(ear, "ears");
            ear.navigate(parley.baseUrl() + roomPath);
            tabTo(ear, "hand-toggle");
            ear.keyboard().press("Space");
            assertThat(ear.getByTestId("hand-toggle")).hasAttribute("aria-pressed", "true");
            assertThat(mod.getByTestId("announcer")).hasText("Ada Lovelace raised a hand.");

            tabTo(mod, "queue-invite");
            mod.keyboard().press("Enter");
            assertThat(mod.getByTestId("announcer")).hasText("Ada Lovelace was invited to speak.");
            ear.getByTestId("invitation-accept").press("Enter");
            assertThat(mod.getByTestId("announcer")).hasText("Ada Lovelace is now on stage.");

            // The stage tile's accessible name starts with what it shows.
            assertThat(ear.locator("[data-testid=stage-member][data-username=ears] button"))
                    .hasAttribute("aria-label", Pattern.compile("^You, Ada Lovelace"));
        }
    }

    private static void toast(Page page, String message) {
        page.evaluate("(m) => import('/core/ui/toasts.js').then((t) => t.toast(m))", message);
        assertThat(page.locator("#toast.visible")).hasText(message);
        page.waitForTimeout(300); // the toast slides in
    }

    /** Tabs forward until the element with this test id has focus (at most 60 presses). */
    private static void tabTo(Page page, String testid) {
        for (int i = 0; i < 60; i++) {
            page.keyboard().press("Tab");
            if (Boolean.TRUE.equals(page.evaluate("(id) => document.activeElement?.dataset?.testid === id", testid))) return;
        }
        throw new AssertionError("Tab never reached " + testid);
    }

    private static void assertApart(Locator a, Locator b) {
        BoundingBox x = a.boundingBox();
        BoundingBox y = b.boundingBox();
        boolean overlap = x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
        assertThat(overlap).as("%s (%s,%s %sx%s) overlaps %s (%s,%s %sx%s)", a, x.x, x.y, x.width, x.height,
                b, y.x, y.y, y.width, y.height).isFalse();
    }
}
