package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.InvisibleInputs;
import org.parley.testing.TestParley;
import org.parley.web.Browsers.Viewport;

/** The member's own pages in a real browser: log-in redirects, form errors, settings, invitations. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemberPagesBrowserTest extends BrowserTestBase {

    private BrowserContext context;

    @BeforeEach
    void freshBrowserProfile() {
        context = Browsers.newContext(browser, Viewport.PHONE);
    }

    /** Before the base class looks at the script errors. */
    @AfterEach
    void closeBrowserProfile() {
        context.close();
    }

    @Test
    void a_signed_out_visitor_is_sent_to_log_in_and_then_to_the_page_they_asked_for() {
        join(Browsers.openPage(context, scriptErrors), "olga", "Olga");
        context.clearCookies();

        Page page = Browsers.openPage(context, scriptErrors);
        page.navigate(parley.baseUrl() + "/invites");
        assertThat(page).hasURL(Pattern.compile("/login\\?next=%2Finvites$"));
        assertThat(page.getByText("Parley is invitation-only")).isVisible();
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill("olga");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByTestId("login-submit").click();

        assertThat(page).hasURL(parley.baseUrl() + "/invites");
        assertThat(page.getByTestId("nav-invites")).hasAttribute("aria-current", "page");
    }

    @Test
    void a_taken_username_is_explained_next_to_the_username_field() {
        join(Browsers.openPage(context, scriptErrors), "boris", "Boris");

        BrowserContext other = Browsers.newContext(browser, Viewport.PHONE);
        try {
            Page page = Browsers.openPage(other, scriptErrors);
            page.navigate(parley.baseUrl() + "/invite/" + parley.createAdminInviteCode());
            fillSignUp(page, "BORIS", "Another Boris");
            page.getByTestId("signup-submit").click();

            Locator error = page.getByTestId("error-username");
            assertThat(error).hasText("That username is taken. Try another.");
            assertThat(page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)))
                    .hasAttribute("aria-invalid", "true");
            assertThat(page).hasURL(Pattern.compile("/invite/"));
        } finally {
            other.close();
        }
    }

    @Test
    void editing_the_profile_rejects_an_empty_name_and_saves_a_bio() {
        Page page = Browsers.openPage(context, scriptErrors);
        join(page, "mira", "Mira");
        page.getByTestId("edit-profile-link").click();

        page.getByLabel("Display name").fill("   ");
        page.getByTestId("edit-save").click();
        assertThat(page.getByTestId("error-displayName")).hasText("Enter a display name.");

        page.getByLabel("Display name").fill("Mira Lobe");
        page.getByLabel("Bio").fill("Writes for children.\nTalks about books.");
        assertThat(page.getByTestId("counter-bio")).hasText("39 / 300");
        page.getByTestId("edit-save").click();

        assertThat(page).hasURL(parley.baseUrl() + "/u/mira");
        assertThat(page.getByTestId("profile-display-name")).hasText("Mira Lobe");
        assertThat(page.getByTestId("profile-bio")).hasText("Writes for children.\nTalks about books.");
    }

    @Test
    void a_name_bio_or_title_that_shows_nothing_is_explained_before_it_is_sent() {
        var petra = new org.parley.testing.ApiClient(parley.baseUrl());
        petra.signUp(parley.createAdminInviteCode(), "petra", "Petra");
        context.addCookies(List.of(new com.microsoft.playwright.options.Cookie("parley_session", petra.cookie("parley_session"))
                .setUrl(parley.baseUrl())));
        Page page = Browsers.openPage(context, scriptErrors);
        List<String> writes = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (!request.method().equals("GET")) writes.add(request.method() + " " + request.url());
        });
        page.navigate(parley.baseUrl() + "/me/edit");

        page.getByLabel("Display name").fill("\u200D\u2060");
        page.getByTestId("edit-save").click();
        assertThat(page.getByTestId("error-displayName")).hasText("Use at least one visible character.");
        page.getByLabel("Display name").fill("Petra");
        page.getByLabel("Bio").fill("\u2800\u3164");
        page.getByTestId("edit-save").click();
        assertThat(page.getByTestId("error-bio")).hasText("Write something visible, or leave it empty.");
        Assertions.assertThat(writes).as("nothing was sent").isEmpty();

        // The client's copies of the rule against the table the server's tests use.
        List<String> invisible = List.copyOf(InvisibleInputs.NOTHING_VISIBLE.values());
        List<String> visible = List.copyOf(InvisibleInputs.VISIBLE.values());
        String check = "async (inputs) => { const r = await import('/core/rules.js');"
                + " const t = await import('/core/rules.js');"
                + " return inputs.map((s) => [r.checkDisplayName(s) !== null, r.checkBio(s) !== null, t.checkRoomTitle(s) !== null]); }";
        @SuppressWarnings("unchecked")
        var refusedInvisible = (List<List<Boolean>>) page.evaluate(check, invisible);
        @SuppressWarnings("unchecked")
        var refusedVisible = (List<List<Boolean>>) page.evaluate(check, visible);
        for (int i = 0; i < invisible.size(); i++) {
            String text = invisible.get(i);
            // A bio of spaces alone is trimmed to an empty one on the server, which is allowed.
            boolean bioRefused = !text.replaceAll("^[\\s\\p{Z}\u200B\uFEFF]+|[\\s\\p{Z}\u200B\uFEFF]+$", "").isEmpty();
            Assertions.assertThat(refusedInvisible.get(i)).as(text.codePoints().mapToObj(Integer::toHexString).toList().toString())
                    .containsExactly(true, bioRefused, true);
        }
        refusedVisible.forEach(answers -> Assertions.assertThat(answers).containsExactly(false, false, false));
    }

    @Test
    void a_wrong_current_password_is_shown_next_to_it_and_log_out_leads_to_log_in() {
        Page page = Browsers.openPage(context, scriptErrors);
        join(page, "ivan", "Ivan");
        page.getByTestId("nav-settings").click();

        page.getByLabel("Current password", new Page.GetByLabelOptions().setExact(true)).fill("not my password");
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("a brand new password");
        page.getByTestId("password-submit").click();
        assertThat(page.getByTestId("error-currentPassword")).hasText("That isn't your current password.");

        page.getByLabel("Current password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        page.getByTestId("password-submit").click();
        assertThat(page.getByTestId("password-changed")).isVisible();

        page.getByTestId("logout").click();
        assertThat(page).hasURL(parley.baseUrl() + "/login");
        assertThat(page.getByTestId("nav-settings")).hasCount(0);
    }

    @Test
    void a_pending_invitation_is_revoked_only_after_confirming() {
        Page page = Browsers.openPage(context, scriptErrors);
        join(page, "nadia", "Nadia");
        page.navigate(parley.baseUrl() + "/invites");
        page.getByTestId("create-invite").click();
        Locator invite = page.getByTestId("invite-item").first();
        assertThat(invite).hasAttribute("data-status", "pending");

        invite.getByTestId("revoke").click();
        invite.getByTestId("revoke-cancel").click();
        assertThat(invite).hasAttribute("data-status", "pending");

        invite.getByTestId("revoke").click();
        invite.getByTestId("revoke-confirm").click();
        assertThat(invite).hasAttribute("data-status", "revoked");
        assertThat(invite.getByTestId("invite-link")).hasCount(0);

        page.reload();
        assertThat(page.getByTestId("invite-item").first().getByTestId("invite-status")).hasText("Revoked");
    }

    @Test
    void too_many_log_in_attempts_say_when_to_try_again_and_hold_the_button() {
        try (TestParley strict = TestParley.start(Map.of("PARLEY_AUTH_ATTEMPTS_PER_IP", "2"))) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(strict.baseUrl() + "/login");
            Locator submit = page.getByTestId("login-submit");
            for (int attempt = 1; attempt <= 3; attempt++) {
                page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill("nobody");
                page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("wrong password " + attempt);
                submit.click();
                assertThat(page.getByTestId("login-error")).isVisible();
            }
            assertThat(page.getByTestId("login-error")).containsText("Too many attempts. You can try again in");
            assertThat(submit).isDisabled();
        }
    }

    /** Signs up through a fresh operator invitation and waits for the new profile. */
    private static void join(Page page, String username, String displayName) {
        page.navigate(parley.baseUrl() + "/invite/" + parley.createAdminInviteCode());
        fillSignUp(page, username, displayName);
        page.getByTestId("signup-submit").click();
        assertThat(page).hasURL(parley.baseUrl() + "/u/" + username);
    }

    private static void fillSignUp(Page page, String username, String displayName) {
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(username);
        page.getByLabel("Display name").fill(displayName);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
    }
}
