package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.parley.testing.TestParley;
import org.parley.web.Browsers.Viewport;

/**
 * Not a test of behaviour: photographs every page on a phone and a laptop so a person can judge the
 * design. Runs only when asked, e.g.
 * {@code ./mvnw test -Dtest=ScreenshotTour -Dparley.screenshots=/tmp/parley-shots}.
 */
@EnabledIfSystemProperty(named = "parley.screenshots", matches = ".+")
class ScreenshotTour {

    private static final String PASSWORD = "correct horse battery";

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void photographs_every_page_on_a_phone_and_a_laptop() throws Exception {
        Path out = Paths.get(System.getProperty("parley.screenshots"));
        try (TestParley parley = TestParley.start();
             Playwright playwright = Playwright.create();
             Browser browser = Browsers.launchChromium(playwright, Browsers.FAKE_MICROPHONE)) {
            String base = parley.baseUrl();
            List<String> errors = new ArrayList<>();

            // A small network: Ada (founding), Grace invited by Ada, Linus invited by Ada; follows.
            BrowserContext adaContext = Browsers.newContext(browser, Viewport.LAPTOP);
            Page ada = Browsers.openPage(adaContext, errors);
            String adaCode = parley.createAdminInviteCode();
            ada.navigate(base + "/invite/" + adaCode);
            signUp(ada, "ada", "Ada Lovelace");
            assertThat(ada.getByTestId("profile")).isVisible();
            ada.navigate(base + "/me/edit");
            ada.getByLabel("Bio").fill("Mathematician. I like long conversations about engines, poetry and numbers.\nEvenings, mostly.");
            ada.getByTestId("edit-save").click();
            assertThat(ada.getByTestId("profile-bio")).isVisible();
            ada.navigate(base + "/invites");
            List<String> links = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ada.getByTestId("create-invite").click();
                assertThat(ada.getByTestId("invite-item")).hasCount(i + 1);
            }
            for (int i = 0; i < 4; i++) {
                links.add(ada.getByTestId("invite-item").nth(i).getByTestId("invite-link").inputValue());
            }
            String[][] friends = {{"grace", "Grace Hopper"}, {"linus", "Linus Pauling"}};
            for (int i = 0; i < friends.length; i++) {
                BrowserContext c = Browsers.newContext(browser, Viewport.LAPTOP);
                Page p = Browsers.openPage(c, errors);
                p.navigate(base + URI.create(links.get(i)).getPath());
                signUp(p, friends[i][0], friends[i][1]);
                assertThat(p.getByTestId("profile")).isVisible();
                p.navigate(base + "/u/ada");
                p.getByTestId("follow-button").click();
                assertThat(p.getByTestId("follow-button")).hasAttribute("data-state", "following");
                c.close();
            }
            ada.navigate(base + "/u/grace");
            ada.getByTestId("follow-button").click();
            ada.navigate(base + "/invites");
            ada.getByTestId("revoke").first().click();
            ada.getByTestId("revoke-confirm").first().click();
            assertThat(ada.locator("[data-testid=invite-item][data-status=revoked]")).hasCount(1);
            String usedLink = links.get(0);
            String pendingLink = links.get(3);

            for (Viewport viewport : Viewport.values()) {
                BrowserContext visitor = Browsers.newContext(browser, viewport);
                Page v = Browsers.openPage(visitor, errors);
                shoot(v, base + URI.create(pendingLink).getPath(), out, viewport, "invite-landing");
                shoot(v, base + URI.create(usedLink).getPath(), out, viewport, "invite-used");
                shoot(v, base + "/invite/nonsense", out, viewport, "invite-unknown");
                shoot(v, base + "/login", out, viewport, "login");
                v.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill("ada");
                v.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("wrong password");
                v.getByTestId("login-submit").click();
                assertThat(v.getByTestId("login-error")).isVisible();
                v.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(viewport.label() + "-login-error.png")));
                visitor.close();

                BrowserContext member = Browsers.newContext(browser, viewport);
                Page m = Browsers.openPage(member, errors);
                m.navigate(base + "/login");
                m.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill("ada");
                m.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
                m.getByTestId("login-submit").click();
                assertThat(m.getByTestId("hallway-empty")).isVisible();
                shoot(m, base + "/hallway", out, viewport, "hallway-empty");
                shoot(m, base + "/u/ada", out, viewport, "profile-own");
                shoot(m, base + "/u/grace", out, viewport, "profile-other");
                shoot(m, base + "/u/ada/followers", out, viewport, "followers");
                shoot(m, base + "/u/ada/following", out, viewport, "following-empty");
                shoot(m, base + "/me/edit", out, viewport, "edit");
                shoot(m, base + "/invites", out, viewport, "invites");
                shoot(m, base + "/settings", out, viewport, "settings");
                shoot(m, base + "/u/nobody_here", out, viewport, "profile-unknown");
                member.close();
            }
            // The dark scheme, on a phone.
            BrowserContext dark = Browsers.newContext(browser, Viewport.PHONE, ColorScheme.DARK);
            Page d = Browsers.openPage(dark, errors);
            shoot(d, base + URI.create(pendingLink).getPath(), out, Viewport.PHONE, "dark-invite-landing");
            d.navigate(base + "/login");
            d.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill("ada");
            d.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
            d.getByTestId("login-submit").click();
            assertThat(d.getByTestId("hallway-empty")).isVisible();
            shoot(d, base + "/u/ada", out, Viewport.PHONE, "dark-profile-own");
            shoot(d, base + "/invites", out, Viewport.PHONE, "dark-invites");
            // A slow network: the skeleton that shows while a profile loads.
            var cdp = dark.newCDPSession(d);
            var conditions = new com.google.gson.JsonObject();
            conditions.addProperty("offline", false);
            conditions.addProperty("latency", 1500);
            conditions.addProperty("downloadThroughput", -1);
            conditions.addProperty("uploadThroughput", -1);
            cdp.send("Network.enable");
            cdp.send("Network.emulateNetworkConditions", conditions);
            d.getByTestId("nav-profile").click();
            d.getByTestId("skeleton").waitFor();
            d.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("phone-dark-profile-loading.png")));
            dark.close();
            photographRooms(browser, base, out, ada);
            adaContext.close();
            if (!errors.isEmpty()) throw new AssertionError("script errors: " + errors);
        }
    }

    /**
     * A live room: Ada hosts, Grace is on stage, Linus has his hand up. Photographed from the host's
     * side (hallway card, stage, hand queue, a participant's menu, the start dialog) and a listener's.
     */
    private static void photographRooms(Browser browser, String base, Path out, Page ada) {
        ada.navigate(base + "/hallway");
        ada.getByTestId("start-room").click();
        ada.getByTestId("start-room-dialog").getByLabel("Title").fill("Engines, poetry and the numbers in between");
        ada.getByTestId("start-room-submit").click();
        assertThat(ada.getByTestId("room-title")).isVisible();
        String roomPath = URI.create(ada.url()).getPath();

        BrowserContext graceContext = Browsers.newContext(browser, Viewport.LAPTOP);
        Page grace = logIn(graceContext, base, "grace");
        grace.navigate(base + roomPath);
        grace.getByTestId("hand-toggle").click();
        ada.locator("[data-testid=queue-member][data-username=grace]").getByTestId("queue-invite").click();
        grace.getByTestId("invitation-accept").click();
        assertThat(ada.locator("[data-testid=stage-member][data-username=grace]")).isVisible();
        grace.getByTestId("mute-toggle").click();

        BrowserContext linusContext = Browsers.newContext(browser, Viewport.PHONE);
        Page linus = logIn(linusContext, base, "linus");
        linus.navigate(base + roomPath);
        linus.getByTestId("hand-toggle").click();
        assertThat(ada.locator("[data-testid=queue-member][data-username=linus]")).isVisible();
        shoot(linus, base + roomPath, out, Viewport.PHONE, "room-listener");
        linus.navigate(base + "/u/ada");
        assertThat(linus.getByTestId("mini-room-bar")).isVisible();
        linus.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("phone-mini-room-bar.png")));

        for (Viewport viewport : Viewport.values()) {
            BrowserContext host = Browsers.newContext(browser, viewport);
            Page h = logIn(host, base, "ada");
            shoot(h, base + "/hallway", out, viewport, "hallway");
            h.getByTestId("start-room").click();
            h.getByTestId("type-closed").click();
            h.getByTestId("pick-member").first().waitFor();
            h.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(viewport.label() + "-start-room.png")));
            h.keyboard().press("Escape");
            shoot(h, base + roomPath, out, viewport, "room-moderator");
            h.locator("[data-testid=stage-member][data-username=grace] button").click();
            h.getByTestId("participant-menu").waitFor();
            h.waitForTimeout(300);
            h.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(viewport.label() + "-room-menu.png")));
            host.close();
        }
        BrowserContext dark = Browsers.newContext(browser, Viewport.PHONE, ColorScheme.DARK);
        Page d = logIn(dark, base, "ada");
        shoot(d, base + "/hallway", out, Viewport.PHONE, "dark-hallway");
        shoot(d, base + roomPath, out, Viewport.PHONE, "dark-room");
        dark.close();
        graceContext.close();
        linusContext.close();
    }

    private static Page logIn(BrowserContext context, String base, String username) {
        Page page = context.newPage();
        page.navigate(base + "/login");
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page).hasURL(base + "/hallway");
        return page;
    }

    private static void shoot(Page page, String url, Path out, Viewport viewport, String name) {
        page.navigate(url);
        page.waitForLoadState();
        page.locator("h1").first().waitFor();
        page.waitForTimeout(400); // let fonts and transitions settle
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(out.resolve(viewport.label() + "-" + name + ".png")));
    }

    private static void signUp(Page page, String username, String displayName) {
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(username);
        page.getByLabel("Display name").fill(displayName);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByTestId("signup-submit").click();
    }
}
