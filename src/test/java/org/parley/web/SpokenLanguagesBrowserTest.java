package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/** Settings' "Languages I understand": added and removed at once, saved on the account. */
class SpokenLanguagesBrowserTest extends BrowserTestBase {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_member_adds_and_removes_the_languages_they_understand() {
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        try (BrowserContext context = Browsers.newContext(browser, Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            I18nBrowserTest.logIn(page, "ada");
            page.navigate(parley.baseUrl() + "/settings");
            assertThat(page.getByTestId("spoken-languages-empty")).isVisible();

            page.getByTestId("spoken-add").selectOption("ro");
            assertThat(page.getByTestId("spoken-languages")).containsText("Romanian");
            page.getByTestId("spoken-add").selectOption("uk");
            assertThat(page.getByTestId("spoken-languages").locator("li")).hasCount(2);
            assertThat(page.getByTestId("spoken-languages-empty")).isHidden();
            org.assertj.core.api.Assertions.assertThat(ada.get("/api/me").json().get("languages").toString())
                    .isEqualTo("[\"ro\",\"uk\"]");

            page.getByTestId("spoken-remove-ro").click();
            assertThat(page.getByTestId("spoken-languages").locator("li")).hasCount(1);
            page.reload();
            assertThat(page.getByTestId("spoken-languages")).containsText("Ukrainian");
            assertThat(page.getByLabel("Remove Ukrainian")).isVisible();
        }
    }
}
