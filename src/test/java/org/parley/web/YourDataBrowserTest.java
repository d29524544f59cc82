package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/**
 * A member's data in chromium: Bob, signed in on a phone and a laptop, logs the phone out from the
 * laptop and the phone is sent to log in at once; he downloads his data and finds himself in it; he
 * deletes his account, and Ada's invitation tree shows "A former member" where he was. The privacy
 * page reads from the deployment's settings, signed out.
 */
class YourDataBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_member_logs_a_device_out_downloads_their_data_and_deletes_their_account() throws Exception {
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        var bob = new ApiClient(parley.baseUrl());
        bob.signUp(ada.createInviteCode(), "bob", "Bob Builder");
        new ApiClient(parley.baseUrl()).signUp(bob.createInviteCode(), "dan", "Dan Dare");

        try (BrowserContext phoneContext = context(Viewport.PHONE);
             BrowserContext laptopContext = context(Viewport.LAPTOP)) {
            Page phone = Browsers.openPage(phoneContext, scriptErrors);
            I18nBrowserTest.logIn(phone, "bob");
            phone.navigate(parley.baseUrl() + "/settings");
            assertThat(phone.getByTestId("devices-card")).isVisible();

            Page laptop = Browsers.openPage(laptopContext, scriptErrors);
            I18nBrowserTest.logIn(laptop, "bob");
            laptop.navigate(parley.baseUrl() + "/settings");
            // This laptop, the phone, and the session of the sign-up, most recently used first.
            assertThat(laptop.getByTestId("device")).hasCount(3);
            assertThat(laptop.getByTestId("device").first()).hasAttribute("data-current", "true");
            assertThat(laptop.getByTestId("device").first()).containsText("This device");
            assertThat(laptop.getByTestId("device").first()).containsText("Chrome on Linux");
            assertThat(Axe.violations(laptop, "[data-testid=devices-card]")).isEmpty();

            // The phone signed in after the sign-up's session: it is the first of the others.
            laptop.getByTestId("device-log-out").first().click();
            assertThat(laptop.getByTestId("device")).hasCount(2);
            assertThat(phone).hasURL(Pattern.compile("/login\\?next=%2Fsettings$"));
            laptop.getByTestId("devices-log-out-others").click();
            assertThat(laptop.getByTestId("device")).hasCount(1);
            assertThat(laptop.getByTestId("devices-only-this")).isVisible();

            // Download your data: progress, then the zip.
            laptop.getByTestId("export-request").click();
            assertThat(laptop.getByTestId("export-download")).isVisible();
            assertThat(laptop.getByTestId("export-status")).containsText("Ready");
            Download download = laptop.waitForDownload(() -> laptop.getByTestId("export-download").click());
            Map<String, byte[]> files = new HashMap<>();
            try (var zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(download.path())))) {
                for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    files.put(e.getName(), zip.readAllBytes());
                }
            }
            var profile = new ObjectMapper().readTree(files.get("profile.json"));
            assertThat(profile.get("username").asText()).isEqualTo("bob");
            assertThat(profile.get("displayName").asText()).isEqualTo("Bob Builder");

            // Delete the account: a wrong password first, then his own.
            laptop.getByTestId("delete-account").click();
            assertThat(laptop.getByTestId("delete-dialog")).isVisible();
            assertThat(Axe.violations(laptop, "[data-testid=delete-dialog]")).isEmpty();
            laptop.getByTestId("delete-password").fill("not my password at all");
            laptop.getByTestId("delete-confirm").click();
            assertThat(laptop.getByTestId("error-password")).hasText("That isn't your password.");
            laptop.getByTestId("delete-password").fill(PASSWORD);
            laptop.getByTestId("delete-confirm").click();
            assertThat(laptop).hasURL(Pattern.compile("/login$"));
            assertThat(bob.get("/api/me").status()).isEqualTo(401);

            // Ada's tree keeps Dan under "A former member"; Bob's profile is gone.
            Page adaPage = Browsers.openPage(phoneContext, scriptErrors);
            I18nBrowserTest.logIn(adaPage, "ada");
            adaPage.navigate(parley.baseUrl() + "/invites/tree");
            assertThat(adaPage.getByTestId("tree-former")).hasText("A former member");
            assertThat(adaPage.getByTestId("invite-tree")).not().containsText("Bob Builder");
            adaPage.navigate(parley.baseUrl() + "/u/bob");
            assertThat(adaPage.getByTestId("profile")).hasCount(0);
        }
    }

    /** axe.min.js goes in as an inline script: the context bypasses the client's CSP for it. */
    static BrowserContext context(Viewport viewport) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(viewport.width, viewport.height)
                .setLocale("en-GB").setAcceptDownloads(true).setBypassCSP(true));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void the_privacy_page_is_open_to_everyone_and_says_what_this_deployment_keeps() {
        try (BrowserContext context = context(Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(parley.baseUrl() + "/login");
            page.getByTestId("login-privacy-link").click();
            assertThat(page).hasURL(Pattern.compile("/privacy$"));
            assertThat(page.getByTestId("privacy-audio")).containsText("Safety buffer: off; this deployment keeps no audio.");
            assertThat(page.getByTestId("privacy-networks")).containsText("keep no part of your IP address");
            assertThat(page.getByTestId("privacy-exports")).containsText("24 hours");
            assertThat(Axe.allViolations(page)).isEmpty();
        }
    }
}
