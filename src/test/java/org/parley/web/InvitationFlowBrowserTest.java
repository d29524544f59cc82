package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.web.Browsers.Viewport;

/**
 * The invitation tree, end to end in a real browser against a real server: an operator invitation
 * makes a founding member, who invites a friend, who follows them back.
 */
class InvitationFlowBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_founding_member_invites_a_friend_who_joins_and_follows_them() {
        String adminCode = parley.createAdminInviteCode();

        try (BrowserContext contextA = Browsers.newContext(browser, Viewport.PHONE);
             BrowserContext contextB = Browsers.newContext(browser, Viewport.LAPTOP)) {
            Page ada = Browsers.openPage(contextA, scriptErrors);

            // Ada opens the operator's invitation and becomes a founding member.
            ada.navigate(parley.baseUrl() + "/invite/" + adminCode);
            assertThat(ada.getByTestId("invite-inviter")).containsText("the Parley operator", ignoreCase());
            signUp(ada, "ada", "Ada Lovelace");
            assertThat(ada).hasURL(parley.baseUrl() + "/u/ada");
            assertThat(ada.getByTestId("profile-display-name")).hasText("Ada Lovelace");
            assertThat(ada.getByTestId("profile-founding-member")).isVisible();

            // She creates an invitation and reads its link.
            ada.getByTestId("invite-friends-link").click();
            assertThat(ada).hasURL(parley.baseUrl() + "/invites");
            ada.getByTestId("create-invite").click();
            var newest = ada.getByTestId("invite-item").first();
            assertThat(newest).hasAttribute("data-status", "pending");
            String link = newest.getByTestId("invite-link").inputValue();
            Assertions.assertThat(link).contains("/invite/");

            // Grace opens the link in her own browser and sees who invited her.
            Page grace = Browsers.openPage(contextB, scriptErrors);
            grace.navigate(parley.baseUrl() + URI.create(link).getPath());
            assertThat(grace.getByTestId("invite-inviter-name")).hasText("Ada Lovelace");
            assertThat(grace.getByTestId("invite-inviter")).containsText("@ada");
            signUp(grace, "grace", "Grace Hopper");
            assertThat(grace).hasURL(parley.baseUrl() + "/u/grace");
            assertThat(grace.getByTestId("profile-invited-by")).containsText("Invited by Ada Lovelace");

            // Grace follows Ada from Ada's profile.
            grace.getByTestId("profile-inviter-link").click();
            assertThat(grace).hasURL(parley.baseUrl() + "/u/ada");
            var followButton = grace.getByTestId("follow-button");
            assertThat(followButton).hasText("Follow");
            grace.waitForResponse(
                    response -> response.url().endsWith("/api/members/ada/follow") && response.status() == 204,
                    followButton::click);
            assertThat(followButton).hasAttribute("data-state", "following");

            // Ada reloads her profile: one follower, and Grace in her part of the invitation tree.
            ada.navigate(parley.baseUrl() + "/u/ada");
            assertThat(ada.getByTestId("follower-count")).hasText("1");
            assertThat(ada.getByTestId("invited-list")).containsText("Grace Hopper");

            // And on Grace's profile, Ada sees that Grace follows her.
            ada.getByTestId("invited-list").getByText("Grace Hopper").click();
            assertThat(ada).hasURL(parley.baseUrl() + "/u/grace");
            assertThat(ada.getByTestId("follows-you")).isVisible();
            assertThat(ada.getByTestId("profile-invited-by")).containsText("Ada Lovelace");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_used_invitation_link_says_it_was_used_and_offers_no_form() {
        String code = parley.createAdminInviteCode();

        try (BrowserContext first = Browsers.newContext(browser, Viewport.PHONE);
             BrowserContext second = Browsers.newContext(browser, Viewport.PHONE)) {
            Page joiner = Browsers.openPage(first, scriptErrors);
            joiner.navigate(parley.baseUrl() + "/invite/" + code);
            signUp(joiner, "linus", "Linus");
            assertThat(joiner).hasURL(parley.baseUrl() + "/u/linus");

            Page latecomer = Browsers.openPage(second, scriptErrors);
            latecomer.navigate(parley.baseUrl() + "/invite/" + code);
            assertThat(latecomer.getByTestId("invite-unusable")).hasAttribute("data-status", "used");
            assertThat(latecomer.getByRole(AriaRole.HEADING))
                    .containsText("already used");
            assertThat(latecomer.getByTestId("signup-form")).hasCount(0);
        }
    }

    private static ContainsTextOptions ignoreCase() {
        return new ContainsTextOptions().setIgnoreCase(true);
    }
}
