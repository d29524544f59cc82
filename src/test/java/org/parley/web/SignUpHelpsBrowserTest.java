package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/** The sign-up form tells a newcomer, while they type, whether a username is free and how strong a password is. */
class SignUpHelpsBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_taken_username_shows_as_taken_before_the_form_is_sent_and_a_free_one_as_free() {
        var founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder", "Ada Founder");
        String code = founder.createInviteCode();

        try (BrowserContext context = Browsers.newContext(browser, Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(parley.baseUrl() + "/invite/" + code);
            var username = page.getByTestId("field-username");
            var availability = page.getByTestId("username-availability");

            username.fill("Founder");
            assertThat(availability).hasAttribute("data-state", "taken");
            assertThat(availability).containsText("Taken");
            assertThat(page.locator(".hint-ok")).hasCount(0);

            username.fill("grace");
            assertThat(availability).hasAttribute("data-state", "available");

            username.fill("founder");
            assertThat(availability).hasAttribute("data-state", "taken");
            page.getByTestId("field-displayName").fill("Grace Hopper");
            page.getByTestId("field-password").fill(PASSWORD);
            page.getByTestId("signup-submit").click();
            assertThat(page.getByTestId("error-username")).containsText("taken");
            assertThat(page).hasURL(parley.baseUrl() + "/invite/" + code);

            username.fill("ab");
            assertThat(availability).hasAttribute("data-state", "");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void the_password_meter_tells_a_common_password_from_a_long_passphrase() {
        var founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder2", "Ada Founder");
        String code = founder.createInviteCode();

        try (BrowserContext context = Browsers.newContext(browser, Viewport.LAPTOP)) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(parley.baseUrl() + "/invite/" + code);
            var password = page.getByTestId("field-password");
            var meter = page.getByTestId("password-strength");

            assertThat(meter).isHidden();
            password.fill("short");
            assertThat(meter).hasAttribute("data-level", "0");
            password.fill("password1");
            assertThat(meter).hasAttribute("data-level", "1");
            password.fill("abcdefgh");
            assertThat(meter).hasAttribute("data-level", "1");
            password.fill("Lovelace1843");
            assertThat(meter).hasAttribute("data-level", "3");
            password.fill("correct horse battery staple");
            assertThat(meter).hasAttribute("data-level", "4");
            assertThat(page.getByTestId("password-strength-text")).hasText("Strong");
        }
    }
}
