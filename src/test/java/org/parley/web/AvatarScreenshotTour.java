package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.parley.avatars.TestImages;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/**
 * Not a test of behaviour: photographs where faces show — settings with the crop dialog, a profile,
 * member lists, invitations, the hallway and a live room — on a phone (390 × 844) and a laptop
 * (1366 × 800), light and dark, with members who have photos and members who have none. Runs only
 * when asked: {@code ./mvnw test -Dtest=AvatarScreenshotTour -Dparley.screenshots=/tmp/parley-shots}.
 */
@EnabledIfSystemProperty(named = "parley.screenshots", matches = ".+")
class AvatarScreenshotTour {

    private static final String PASSWORD = "correct horse battery";
    private static final int[][] SIZES = {{390, 844}, {1366, 800}};

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void photographs_faces_on_a_phone_and_a_laptop_in_light_and_dark() throws Exception {
        Path out = Paths.get(System.getProperty("parley.screenshots"));
        try (TestParley parley = TestParley.start();
             Playwright playwright = Playwright.create();
             Browser browser = Browsers.launchChromium(playwright, List.of())) {
            String base = parley.baseUrl();
            var ada = new ApiClient(base);
            ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
            List<ApiClient> others = new ArrayList<>();
            String[][] people = {{"grace", "Grace Hopper"}, {"linus", "Linus Pauling"}, {"tim", "Tim Berners-Lee"},
                    {"hedy", "Hedy Lamarr"}};
            for (String[] person : people) {
                var client = new ApiClient(base);
                client.signUp(parley.createAdminInviteCode(), person[0], person[1]);
                client.put("/api/members/ada/follow", null);
                others.add(client);
            }
            ada.put("/api/members/grace/follow", null);
            ada.createInviteCode();
            // Photos for Ada and Grace; Linus, Tim and Hedy keep their generated faces.
            ada.sendBytes("PUT", "/api/me/avatar", TestImages.portrait(1), "image/jpeg");
            others.get(0).sendBytes("PUT", "/api/me/avatar", TestImages.portrait(4), "image/jpeg");
            var linusCode = ada.createInviteCode();
            new ApiClient(base).signUp(linusCode, "margaret", "Margaret Hamilton");

            // A live room: Ada hosts, Grace and Linus listen (over the WebSocket, as their browsers would).
            String room = ada.post("/api/rooms", Map.of("title", "Engines, poetry and numbers", "type", "open"))
                    .json().get("id").asText();
            List<WsClient> sockets = new ArrayList<>();
            for (ApiClient member : List.of(ada, others.get(0), others.get(1), others.get(3))) {
                var ws = WsClient.connect(base, member);
                ws.awaitType("hello");
                ws.send("join", "room", room);
                ws.awaitType("snapshot");
                sockets.add(ws);
            }
            List<String> errors = new ArrayList<>();
            for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                for (int[] size : SIZES) {
                    String label = (size[0] < 600 ? "phone" : "laptop") + "-" + scheme.name().toLowerCase();
                    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                            .setViewportSize(size[0], size[1]).setLocale("en-GB").setTimezoneId("Europe/Amsterdam")
                            .setColorScheme(scheme));
                    Page page = Browsers.openPage(context, errors);
                    page.navigate(base + "/login");
                    page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill("ada");
                    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
                    page.getByTestId("login-submit").click();
                    assertThat(page).hasURL(base + "/hallway");
                    shoot(page, base + "/hallway", out, label, "hallway");
                    shoot(page, base + "/room/" + room, out, label, "room");
                    shoot(page, base + "/u/ada", out, label, "profile");
                    shoot(page, base + "/u/ada/followers", out, label, "followers");
                    shoot(page, base + "/invites", out, label, "invites");
                    shoot(page, base + "/settings", out, label, "settings");
                    page.getByTestId("photo-input").setInputFiles(
                            new FilePayload("portrait.jpg", "image/jpeg", TestImages.portrait(7)));
                    page.getByTestId("crop-area").press("+");
                    page.waitForTimeout(300);
                    page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(label + "-crop-dialog.png")));
                    page.getByTestId("crop-cancel").click();
                    context.close();
                }
            }
            sockets.forEach(WsClient::close);
            if (!errors.isEmpty()) throw new AssertionError("script errors: " + errors);
        }
    }

    private static void shoot(Page page, String url, Path out, String label, String name) {
        page.navigate(url);
        page.waitForLoadState();
        page.locator("h1").first().waitFor();
        page.waitForTimeout(500); // photos, fonts and transitions settle
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(out.resolve(label + "-" + name + ".png")));
    }
}
