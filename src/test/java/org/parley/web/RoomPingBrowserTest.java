package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/**
 * Bringing people into a live room, in real browsers against a real server: a ping that reaches
 * someone on the hallway and leads them in, and a closed room's moderator changing who can enter
 * while the room is live.
 *
 * <p>The members and their follows are made over the API; what a user would notice happens in the
 * browsers. With {@code -Dparley.screenshots=DIR} the "Who can enter" dialog is also photographed
 * on a phone, light and dark.
 */
class RoomPingBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_member_pinged_from_a_room_sees_the_notice_on_the_hallway_and_joins_through_it() {
        ApiClient gus = foundingMember("gus", "Gus Ferreira");
        ApiClient hana = invitedBy(gus, "hana", "Hana Sato");
        follow(hana, "gus");

        try (BrowserContext contextH = Browsers.newContext(browser, Viewport.LAPTOP);
             BrowserContext contextG = Browsers.newContext(browser, Viewport.PHONE)) {
            Page hanaPage = Browsers.openPage(contextH, scriptErrors);
            Page gusPage = Browsers.openPage(contextG, scriptErrors);
            logIn(gusPage, "gus");
            assertThat(gusPage.getByTestId("hallway-empty")).isVisible();
            logIn(hanaPage, "hana");
            String roomId = startRoom(hanaPage, "Tea and trains");

            // Hana pings Gus, whom she follows; he is online, so it is delivered.
            hanaPage.getByTestId("ping-open").click();
            Locator dialog = hanaPage.getByTestId("ping-dialog");
            Locator gusRow = dialog.locator("[data-testid=ping-member][data-username=gus]");
            assertThat(gusRow).containsText("Gus Ferreira");
            gusRow.getByTestId("ping-send").click();
            assertThat(gusRow.getByTestId("ping-result")).hasAttribute("data-state", "delivered");
            assertThat(gusRow.getByTestId("ping-result")).hasText("Pinged");
            assertThat(gusRow.getByTestId("ping-send")).isHidden();

            // Gus, still on the hallway, gets a notice naming her and the room, and follows its link in.
            Locator notice = gusPage.getByTestId("ping-toast");
            assertThat(notice).containsText("Hana Sato pinged you into “Tea and trains”.");
            assertThat(notice.getByTestId("ping-toast-link")).hasText("Join");
            notice.getByTestId("ping-toast-link").click();
            assertThat(gusPage).hasURL(parley.baseUrl() + "/room/" + roomId);
            assertThat(gusPage.getByTestId("room-title")).hasText("Tea and trains");
            assertThat(audienceMember(gusPage, "gus")).isVisible();
            assertThat(notice).hasCount(0);

            // Hana sees him arrive; pinging again is pointless now, so he is no longer offered.
            hanaPage.getByTestId("ping-dialog-close").click();
            assertThat(audienceMember(hanaPage, "gus")).isVisible();
            hanaPage.getByTestId("ping-open").click();
            assertThat(hanaPage.getByTestId("ping-empty")).hasText("Everyone you follow is already here.");
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void a_closed_rooms_moderator_lets_someone_in_and_takes_someone_off_the_list_while_it_is_live() {
        ApiClient ines = foundingMember("ines", "Ines Moreau");
        invitedBy(ines, "jon", "Jon Berg");
        invitedBy(ines, "kit", "Kit Adeyemi");
        follow(ines, "jon");
        follow(ines, "kit");

        try (BrowserContext contextI = Browsers.newContext(browser, Viewport.PHONE);
             BrowserContext contextJ = Browsers.newContext(browser, Viewport.LAPTOP);
             BrowserContext contextK = Browsers.newContext(browser, Viewport.LAPTOP)) {
            Page inesPage = Browsers.openPage(contextI, scriptErrors);
            Page jonPage = Browsers.openPage(contextJ, scriptErrors);
            Page kitPage = Browsers.openPage(contextK, scriptErrors);
            logIn(inesPage, "ines");
            logIn(jonPage, "jon");
            logIn(kitPage, "kit");

            // Ines starts a closed room for Jon only.
            inesPage.getByTestId("start-room").click();
            Locator start = inesPage.getByTestId("start-room-dialog");
            start.getByLabel("Title").fill("Quiet corner");
            start.getByTestId("type-closed").click();
            start.locator("[data-testid=pick-member][data-username=jon]").click();
            start.getByTestId("start-room-submit").click();
            assertThat(inesPage).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
            assertThat(inesPage.getByTestId("room-type")).hasText("Closed");
            String roomPath = URI.create(inesPage.url()).getPath();

            // Kit was not picked: refused.
            kitPage.navigate(parley.baseUrl() + roomPath);
            assertThat(kitPage.getByTestId("room-outcome")).hasAttribute("data-outcome", "not_allowed");

            // "Who can enter" shows Jon on the list and offers Kit; Ines adds Kit.
            photograph(inesPage, "room-closed-moderator");
            inesPage.getByTestId("allowed-open").click();
            Locator dialog = inesPage.getByTestId("allowed-dialog");
            assertThat(dialog.locator("[data-testid=allowed-member][data-username=jon]")).containsText("Jon Berg");
            assertThat(dialog.getByTestId("allowed-count")).hasText("1");
            Locator kitCandidate = dialog.locator("[data-testid=allowed-candidate][data-username=kit]");
            assertThat(kitCandidate).containsText("Kit Adeyemi");
            photograph(inesPage, "room-allowed");
            kitCandidate.getByTestId("allowed-add").click();
            assertThat(dialog.locator("[data-testid=allowed-member][data-username=kit]")).isVisible();
            assertThat(kitCandidate).hasCount(0);
            assertThat(dialog.getByTestId("allowed-count")).hasText("2");
            assertThat(dialog.getByTestId("allowed-candidates-empty")).hasText("Everyone you follow can already enter.");

            // Kit tries again and is in; Ines sees her in the audience.
            kitPage.reload();
            assertThat(audienceMember(kitPage, "kit")).isVisible();
            assertThat(audienceMember(inesPage, "kit")).isVisible();

            // Ines takes Jon off the list; he is offered to add again, and can no longer enter.
            dialog.locator("[data-testid=allowed-member][data-username=jon]").getByTestId("allowed-remove").click();
            assertThat(dialog.locator("[data-testid=allowed-member][data-username=jon]")).hasCount(0);
            assertThat(dialog.locator("[data-testid=allowed-candidate][data-username=jon]")).isVisible();
            assertThat(dialog.getByTestId("allowed-count")).hasText("1");
            jonPage.navigate(parley.baseUrl() + roomPath);
            assertThat(jonPage.getByTestId("room-outcome")).hasAttribute("data-outcome", "not_allowed");
            // Kit, already inside, stays.
            assertThat(audienceMember(kitPage, "kit")).isVisible();
        }
    }

    // ---- people -------------------------------------------------------------------------------

    private static ApiClient foundingMember(String username, String displayName) {
        ApiClient client = new ApiClient(parley.baseUrl());
        client.signUp(parley.createAdminInviteCode(), username, displayName);
        return client;
    }

    private static ApiClient invitedBy(ApiClient inviter, String username, String displayName) {
        ApiClient client = new ApiClient(parley.baseUrl());
        client.signUp(inviter.createInviteCode(), username, displayName);
        return client;
    }

    private static void follow(ApiClient follower, String username) {
        Assertions.assertThat(follower.put("/api/members/" + username + "/follow", null).status()).isEqualTo(204);
    }

    private static void logIn(Page page, String username) {
        page.navigate(parley.baseUrl() + "/login");
        page.getByTestId("field-username").fill(username);
        page.getByTestId("field-password").fill(ApiClient.Members.PASSWORD);
        page.getByTestId("login-submit").click();
        assertThat(page).hasURL(parley.baseUrl() + "/hallway");
    }

    /** Starts an open room from the hallway's dialog; returns its id once its page shows. */
    private static String startRoom(Page page, String title) {
        page.getByTestId("start-room").click();
        Locator dialog = page.getByTestId("start-room-dialog");
        dialog.getByLabel("Title").fill(title);
        dialog.getByTestId("start-room-submit").click();
        assertThat(page).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
        assertThat(page.getByTestId("room-title")).hasText(title);
        return URI.create(page.url()).getPath().substring("/room/".length());
    }

    /** With -Dparley.screenshots=DIR: the page in light and dark, for a person to look at. */
    private static void photograph(Page page, String name) {
        String dir = System.getProperty("parley.screenshots");
        if (dir == null || dir.isBlank()) return;
        Path out = Paths.get(dir);
        page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("phone-" + name + ".png")));
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        page.waitForTimeout(400); // let the buttons' colour transitions finish
        page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("phone-dark-" + name + ".png")));
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        page.waitForTimeout(400);
    }
}
