package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/**
 * Clubs end to end in chromium: Grace founds a club that admits by approval from the "Clubs" page;
 * Ada (on a phone) asks to join and Grace approves her; Grace makes Ada a leader; Ada starts a
 * members-only room, which shows the club, and Linus, who is not in the club, cannot enter it.
 */
class ClubsBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // three browsers and a live room; generous on a busy machine
    void a_member_founds_a_club_another_joins_by_request_and_a_leaders_members_only_room_keeps_outsiders_out() {
        var grace = new ApiClient(parley.baseUrl());
        grace.signUp(parley.createAdminInviteCode(), "grace", "Grace Hopper");
        new ApiClient(parley.baseUrl()).signUp(grace.createInviteCode(), "ada", "Ada Lovelace");
        new ApiClient(parley.baseUrl()).signUp(grace.createInviteCode(), "linus", "Linus Torvalds");
        List<String> violations = new ArrayList<>();

        try (BrowserContext founderContext = context(Viewport.LAPTOP);
             BrowserContext memberContext = context(Viewport.PHONE);
             BrowserContext outsiderContext = context(Viewport.PHONE)) {
            Page founder = Browsers.openPage(founderContext, scriptErrors);
            I18nBrowserTest.logIn(founder, "grace");
            founder.getByTestId("nav-clubs").click();
            assertThat(founder.getByTestId("clubs-empty")).isVisible();
            violations.addAll(Axe.allViolations(founder));
            founder.getByTestId("club-create").click();
            assertThat(founder).hasURL(Pattern.compile("/c/new$"));
            founder.getByTestId("field-name").fill("Steam Engines");
            assertThat(founder.getByTestId("field-slug")).hasValue("steam-engines");
            founder.getByTestId("field-description").fill("Boilers, pistons and the people who love them.");
            founder.getByTestId("field-rules").fill("Be kind. Stay on topic.");
            founder.getByTestId("field-topics").fill("Engines, History");
            founder.getByTestId("club-policy-approval").click();
            violations.addAll(Axe.allViolations(founder));
            founder.getByTestId("club-form-submit").click();
            assertThat(founder).hasURL(Pattern.compile("/c/steam-engines$"));
            assertThat(founder.getByTestId("club-name")).hasText("Steam Engines");
            assertThat(founder.getByTestId("club-standing")).hasText("You founded this club.");

            Page member = Browsers.openPage(memberContext, scriptErrors);
            I18nBrowserTest.logIn(member, "ada");
            member.navigate(parley.baseUrl() + "/c/steam-engines");
            assertThat(member.getByTestId("club-rules")).hasText("Be kind. Stay on topic.");
            assertThat(member.getByTestId("club-join")).hasText("Ask to join");
            member.getByTestId("club-join").click();
            assertThat(member.getByTestId("club-standing")).hasText("You asked to join. An admin will answer.");
            violations.addAll(Axe.allViolations(member));

            founder.reload();
            assertThat(founder.getByTestId("club-request")).hasCount(1);
            founder.getByTestId("club-request-approve").click();
            assertThat(founder.getByTestId("club-requests-empty")).isVisible();
            var adaRow = founder.locator("[data-testid=club-member][data-username=ada]");
            adaRow.getByTestId("club-manage").locator("summary").click();
            adaRow.getByTestId("club-role-select").selectOption("leader");
            violations.addAll(Axe.allViolations(founder));
            adaRow.getByTestId("club-role-save").click();
            assertThat(founder.locator("[data-testid=club-member][data-username=ada]").getByTestId("club-member-role")).hasText("Leader");

            member.reload();
            assertThat(member.getByTestId("club-standing")).containsText("You're a leader of this club");
            member.getByTestId("club-start-room").click();
            member.getByTestId("field-title").fill("Pistons after dark");
            assertThat(member.getByTestId("club-room-type-members").locator("input")).isChecked();
            violations.addAll(Axe.allViolations(member));
            member.getByTestId("club-room-submit").click();
            assertThat(member).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
            assertThat(member.getByTestId("room-title")).hasText("Pistons after dark");
            assertThat(member.getByTestId("room-club")).hasText("Club: Steam Engines");
            assertThat(member.getByTestId("room-club")).hasAttribute("href", "/c/steam-engines");
            String roomUrl = member.url();
            member.screenshot(new Page.ScreenshotOptions().setPath(EveryScreenBrowserTest.SHOTS.resolve("phone-light-club-room.png")));

            founder.navigate(parley.baseUrl() + "/hallway");
            assertThat(founder.getByTestId("room-card-club")).hasText("Club: Steam Engines");
            founder.screenshot(new Page.ScreenshotOptions().setPath(EveryScreenBrowserTest.SHOTS.resolve("laptop-light-club-hallway.png")));

            Page outsider = Browsers.openPage(outsiderContext, scriptErrors);
            I18nBrowserTest.logIn(outsider, "linus");
            assertThat(outsider.getByTestId("room-card")).hasCount(0);
            outsider.navigate(roomUrl);
            assertThat(outsider.getByTestId("room-outcome")).hasAttribute("data-outcome", Pattern.compile("not_allowed|room_not_found"));
            outsider.navigate(parley.baseUrl() + "/c/steam-engines");
            assertThat(outsider.getByTestId("club-rooms-empty")).isVisible();

            // Grace makes the club's invitation link; Linus, who has an account, opens it and joins at once.
            founder.navigate(parley.baseUrl() + "/c/steam-engines");
            founder.getByTestId("club-make-link").click();
            assertThat(founder.getByTestId("club-link")).hasValue(Pattern.compile("/invite/[A-Za-z0-9_-]+$"));
            String link = founder.getByTestId("club-link").inputValue();
            outsider.navigate(link);
            assertThat(outsider.getByTestId("club-link-join")).hasText("Join Steam Engines");
            violations.addAll(Axe.allViolations(outsider));
            outsider.getByTestId("club-link-join").click();
            assertThat(outsider).hasURL(Pattern.compile("/c/steam-engines$"));
            assertThat(outsider.getByTestId("club-standing")).hasText("You're a member of this club.");
        }
        assertThat(violations).isEmpty();
    }

    /** axe.min.js goes in as an inline script, which the client's CSP would refuse. */
    private static BrowserContext context(Viewport size) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(size.width, size.height)
                .setLocale("en-GB").setBypassCSP(true));
    }
}
