package org.parley.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.parley.testing.TestParley;

/**
 * What the browser tests of the web client share: per test class a real server ({@link TestParley}, port 0)
 * and one headless chromium ({@link Browsers}), Playwright's assertion timeout for a 2-core machine, and
 * each test failing on the uncaught script errors of the pages it opened with {@link Browsers#openPage}
 * and {@link #scriptErrors}. A class whose members go on stage and unmute asks for chromium's fake
 * microphone with {@link FakeMicrophone}.
 *
 * <p>Threading: JUnit runs the test classes one after another, so the static fields belong to the class running.
 */
abstract class BrowserTestBase {

    /** The password every member the browser tests sign up has. */
    static final String PASSWORD = "correct horse battery";

    /** Chromium's fake microphone for the class's browser ({@link Browsers#FAKE_MICROPHONE}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface FakeMicrophone {}

    static TestParley parley;
    static Playwright playwright;
    static Browser browser;

    final List<String> scriptErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServerAndBrowser(TestInfo test) {
        boolean microphone = test.getTestClass().map(c -> c.isAnnotationPresent(FakeMicrophone.class)).orElse(false);
        parley = TestParley.start();
        playwright = Playwright.create();
        browser = Browsers.launchChromium(playwright, microphone ? Browsers.FAKE_MICROPHONE : List.of());
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000); // 2-core machines are slow to start pages
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (parley != null) parley.close();
        browser = null;
        playwright = null;
        parley = null;
    }

    /** After the test class's own {@code @AfterEach} methods (JUnit runs a superclass's last). */
    @AfterEach
    void pagesRanWithoutScriptErrors() {
        Assertions.assertThat(scriptErrors).as("uncaught errors in the web client").isEmpty();
    }

    /** Fills in and sends the sign-up form on an invitation landing page. */
    static void signUp(Page page, String username, String displayName) {
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(username);
        page.getByLabel("Display name").fill(displayName);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByTestId("signup-submit").click();
    }

    /** A member's tile in a room's audience. */
    static Locator audienceMember(Page page, String username) {
        return page.locator("[data-testid=audience-member][data-username=" + username + "]");
    }
}
