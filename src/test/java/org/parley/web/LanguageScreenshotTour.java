package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

/**
 * Not a test of behaviour: photographs the language switcher and translated screens (issue 14) on a
 * phone (390×844) and a laptop (1366×800), light and dark, so a person can judge long German and
 * Russian words in the layout. Runs only when asked, e.g.
 * {@code ./mvnw test -Dtest=LanguageScreenshotTour -Dparley.screenshots=/tmp/parley-shots}.
 */
@EnabledIfSystemProperty(named = "parley.screenshots", matches = ".+")
class LanguageScreenshotTour {

    private static final String PASSWORD = "correct horse battery";

    record Size(String label, int width, int height) {}

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void photographs_the_switcher_and_translated_screens() throws Exception {
        Path out = Paths.get(System.getProperty("parley.screenshots"));
        try (TestParley parley = TestParley.start();
             Playwright playwright = Playwright.create();
             Browser browser = Browsers.launchChromium(playwright)) {
            String base = parley.baseUrl();
            List<String> errors = new ArrayList<>();
            var grace = new ApiClient(base);
            grace.signUp(parley.createAdminInviteCode(), "grace", "Grace Hopper");
            var ada = new ApiClient(base);
            ada.signUp(grace.createInviteCode(), "ada", "Ada Lovelace");
            ada.put("/api/members/grace/follow", null);
            String invite = grace.createInviteCode();
            ada.createInviteCode();

            BrowserContext hostContext = context(browser, "en-GB", new Size("laptop", 1366, 800), ColorScheme.LIGHT);
            Page host = Browsers.openPage(hostContext, errors);
            logIn(host, base, "grace");
            String roomId = startRoom(host, "Datenschutzgrundverordnung und Unterhaltungselektronik");

            for (Size size : List.of(new Size("phone", 390, 844), new Size("laptop", 1366, 800))) {
                for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                    String prefix = size.label() + "-" + scheme.name().toLowerCase() + "-";
                    try (BrowserContext c = context(browser, "de-DE", size, scheme)) {
                        Page p = Browsers.openPage(c, errors);
                        shoot(p, base + "/login", "login-form", out.resolve(prefix + "de-login.png"));
                        p.getByTestId("language-select").focus();
                        p.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(prefix + "de-login-switcher-focused.png")));
                        shoot(p, base + "/invite/" + invite, "invite-landing", out.resolve(prefix + "de-invite.png"));
                        logIn(p, base, "ada");
                        shoot(p, base + "/hallway", "room-card", out.resolve(prefix + "de-hallway.png"));
                        shoot(p, base + "/room/" + roomId, "room-title", out.resolve(prefix + "de-room.png"));
                        shoot(p, base + "/settings", "language-select", out.resolve(prefix + "de-settings.png"));
                        p.getByTestId("language-select").selectOption("ru");
                        assertThat(p.locator("html")).hasAttribute("lang", "ru");
                        shoot(p, base + "/settings", "language-select", out.resolve(prefix + "ru-settings.png"));
                        shoot(p, base + "/room/" + roomId, "room-title", out.resolve(prefix + "ru-room.png"));
                        shoot(p, base + "/u/ada", "profile", out.resolve(prefix + "ru-profile.png"));
                        p.navigate(base + "/settings");
                        p.getByTestId("language-select").selectOption("ro");
                        assertThat(p.locator("html")).hasAttribute("lang", "ro");
                        shoot(p, base + "/hallway", "room-card", out.resolve(prefix + "ro-hallway.png"));
                        shoot(p, base + "/invites", "invite-item", out.resolve(prefix + "ro-invites.png"));
                        p.navigate(base + "/settings");
                        p.getByTestId("language-select").selectOption("");
                        assertThat(p.locator("html")).hasAttribute("lang", "de");
                    }
                }
            }
            hostContext.close();
            if (!errors.isEmpty()) throw new AssertionError("script errors: " + errors);
        }
    }

    private static BrowserContext context(Browser browser, String locale, Size size, ColorScheme scheme) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(size.width(), size.height())
                .setLocale(locale).setTimezoneId("Europe/Berlin").setColorScheme(scheme));
    }

    private static void logIn(Page page, String base, String username) {
        page.navigate(base + "/login");
        page.getByTestId("field-username").fill(username);
        page.getByTestId("field-password").fill(PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page).hasURL(base + "/hallway");
    }

    private static String startRoom(Page page, String title) {
        page.getByTestId("start-room").click();
        page.getByTestId("start-room-dialog").locator("input[name=title]").fill(title);
        page.getByTestId("start-room-submit").click();
        assertThat(page.getByTestId("room-title")).hasText(title);
        return java.net.URI.create(page.url()).getPath().substring("/room/".length());
    }

    private static void shoot(Page page, String url, String testid, Path file) {
        page.navigate(url);
        page.getByTestId(testid).first().waitFor();
        page.waitForTimeout(300); // let fonts and transitions settle
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(file));
    }
}
