package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.parley.events.SpeakingChanged;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;
import org.parley.web.Browsers.Viewport;

/**
 * Not a test of behaviour: photographs a live room (listener and moderator) and the hallway on a
 * phone and a laptop, light and dark, so a person can judge issue 13's room and hallway. Runs only
 * when asked: {@code ./mvnw test -Dtest=LiveRoomScreenshots -Dparley.screenshots=/tmp/parley-shots}.
 */
@EnabledIfSystemProperty(named = "parley.screenshots", matches = ".+")
class LiveRoomScreenshots {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void photographs_the_room_and_the_hallway_at_both_sizes_in_both_schemes() throws Exception {
        Path out = Files.createDirectories(Paths.get(System.getProperty("parley.screenshots")));
        try (TestParley parley = TestParley.start();
             Playwright playwright = Playwright.create();
             Browser browser = Browsers.launchChromium(playwright, Browsers.FAKE_MICROPHONE)) {
            String base = parley.baseUrl();
            ApiClient ada = member(parley, "ada", "Ada Lovelace");
            ApiClient grace = member(parley, "grace", "Grace Hopper");
            ApiClient linus = member(parley, "linus", "Linus Pauling");
            ApiClient mary = member(parley, "mary", "Mary Somerville");
            ApiClient alan = member(parley, "alan", "Alan Turing");
            for (String name : List.of("ada", "grace", "mary")) alan.put("/api/members/" + name + "/follow", null);
            ada.put("/api/members/mary/follow", null);
            String room = ada.post("/api/rooms", Map.of("title", "Engines, poetry and the numbers in between", "type", "open",
                    "description", "An evening about Babbage's engines and what poems have to do with them. Bring questions."))
                    .json().get("id").asText();
            String quiet = grace.post("/api/rooms", Map.of("title", "Compilers at breakfast", "type", "social")).json().get("id").asText();
            List<WsClient> sockets = new ArrayList<>();
            WsClient host = join(parley, ada, room, sockets);
            for (ApiClient speaker : List.of(grace, linus)) {
                WsClient ws = join(parley, speaker, room, sockets);
                ws.call("raiseHand");
                host.call("inviteToSpeak", "member", id(speaker));
                ws.call("answerInvitation", "accept", true);
            }
            join(parley, mary, room, sockets);
            join(parley, grace, quiet, sockets);
            parley.server().events().publish(new SpeakingChanged(room, Set.of(id(grace))));
            List<String> errors = new ArrayList<>();

            for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                for (Viewport viewport : Viewport.values()) {
                    String prefix = viewport.label() + "-" + scheme.name().toLowerCase() + "-";
                    Page listener = open(browser, viewport, scheme, alan, base, errors);
                    listener.navigate(base + "/hallway");
                    assertThat(listener.getByTestId("room-card").first()).isVisible();
                    listener.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(prefix + "hallway-cards.png")).setFullPage(true));
                    listener.navigate(base + "/room/" + room);
                    assertThat(listener.getByTestId("listening")).isVisible();
                    listener.waitForTimeout(600);
                    listener.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(prefix + "room-listener.png")).setFullPage(true));
                    listener.context().close();

                    Page moderator = open(browser, viewport, scheme, ada, base, errors);
                    moderator.navigate(base + "/room/" + room);
                    assertThat(moderator.getByTestId("mic-menu")).isVisible();
                    moderator.waitForTimeout(600);
                    moderator.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(prefix + "room-moderator.png")).setFullPage(true));
                    moderator.locator("[data-testid=stage-member][data-username=linus] button").click();
                    moderator.getByTestId("action-remove").click();
                    moderator.getByTestId("remove-confirm").waitFor();
                    moderator.waitForTimeout(300);
                    moderator.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(prefix + "room-remove-confirm.png")));
                    moderator.context().close();
                }
            }
            sockets.forEach(WsClient::close);
            if (!errors.isEmpty()) throw new AssertionError("script errors: " + errors);
        }
    }

    private static ApiClient member(TestParley parley, String username, String displayName) {
        ApiClient api = new ApiClient(parley.baseUrl());
        api.signUp(parley.createAdminInviteCode(), username, displayName);
        return api;
    }

    private static long id(ApiClient member) {
        return member.get("/api/me").json().get("id").asLong();
    }

    private static WsClient join(TestParley parley, ApiClient member, String room, List<WsClient> sockets) {
        WsClient ws = WsClient.connect(parley.baseUrl(), member);
        sockets.add(ws);
        ws.awaitType("hello");
        ws.call("join", "room", room);
        return ws;
    }

    private static Page open(Browser browser, Viewport viewport, ColorScheme scheme, ApiClient member, String base, List<String> errors) {
        BrowserContext context = Browsers.newContext(browser, viewport, scheme);
        context.grantPermissions(List.of("microphone"));
        context.addCookies(List.of(
                new Cookie("parley_session", member.cookie("parley_session")).setUrl(base),
                new Cookie("parley_csrf", member.cookie("parley_csrf")).setUrl(base)));
        return Browsers.openPage(context, errors);
    }
}
