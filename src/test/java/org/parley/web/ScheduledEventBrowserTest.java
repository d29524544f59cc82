package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.web.Browsers.Viewport;

/**
 * A scheduled event, end to end in chromium: Grace (in Amsterdam) schedules it from the hallway, Ada
 * (in New York, on a phone) finds it under "Upcoming", sees it in her own time, asks to be notified and
 * downloads its .ics; Grace starts it into a live room, and Ada is told at once and joins.
 */
class ScheduledEventBrowserTest extends BrowserTestBase {

    static final String TITLE = "Engines and poetry, scheduled";

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_host_schedules_an_event_a_member_rsvps_downloads_it_and_is_told_when_it_goes_live() throws Exception {
        var grace = new ApiClient(parley.baseUrl());
        grace.signUp(parley.createAdminInviteCode(), "grace", "Grace Hopper");
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(grace.createInviteCode(), "ada", "Ada Lovelace");
        ada.put("/api/members/grace/follow", null);

        try (BrowserContext hostContext = Browsers.newContext(browser, Viewport.LAPTOP);
             BrowserContext guestContext = browser.newContext(new Browser.NewContextOptions()
                     .setViewportSize(Viewport.PHONE.width, Viewport.PHONE.height).setLocale("en-GB")
                     .setTimezoneId("America/New_York").setAcceptDownloads(true))) {
            Page host = Browsers.openPage(hostContext, scriptErrors);
            I18nBrowserTest.logIn(host, "grace");
            host.getByTestId("schedule-event").click();
            assertThat(host).hasURL(Pattern.compile("/events/new$"));
            host.getByTestId("field-title").fill(TITLE);
            host.getByTestId("field-description").fill("What exactly is proposed: an hour on engines.\nNothing is recorded.");
            // Five minutes from now, as Grace's clock in Amsterdam reads it: inside the start window.
            @SuppressWarnings("unchecked")
            Map<String, String> when = (Map<String, String>) host.evaluate("""
                    () => { const d = new Date(Date.now() + 5 * 60 * 1000); const p = (n) => String(n).padStart(2, '0');
                      return { date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, time: `${p(d.getHours())}:${p(d.getMinutes())}` }; }""");
            host.getByTestId("field-date").fill(when.get("date"));
            host.getByTestId("field-time").fill(when.get("time"));
            assertThat(host.getByTestId("event-form-zone")).containsText("Central European");
            host.getByTestId("event-length").selectOption("60");
            host.getByTestId("event-form-submit").click();
            assertThat(host).hasURL(Pattern.compile("/events/[A-Za-z0-9_-]+$"));
            assertThat(host.getByTestId("event-title")).hasText(TITLE);
            String eventId = host.url().substring(host.url().lastIndexOf('/') + 1);
            assertThat(host.getByTestId("event-start")).isVisible();

            Page guest = Browsers.openPage(guestContext, scriptErrors);
            I18nBrowserTest.logIn(guest, "ada");
            assertThat(guest.getByTestId("upcoming-event")).hasCount(1);
            guest.getByTestId("upcoming-event").click();
            assertThat(guest.getByTestId("event-title")).hasText(TITLE);
            Instant start = Instant.parse(ada.get("/api/events/" + eventId).json().get("startsAt").asText());
            String newYork = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("America/New_York")).format(start);
            assertThat(guest.getByTestId("event-when")).containsText(newYork);
            assertThat(guest.getByTestId("event-zone")).containsText("Eastern");
            assertThat(guest.getByTestId("event-rsvp-count")).hasText("Nobody has asked to be notified yet.");
            guest.getByTestId("event-rsvp").click();
            assertThat(guest.getByTestId("event-rsvp-count")).hasText("1 person will be notified.");
            assertThat(guest.getByTestId("event-rsvp")).hasAttribute("aria-pressed", "true");

            Download download = guest.waitForDownload(() -> guest.getByTestId("event-ics").click());
            assertThat(download.suggestedFilename()).isEqualTo("parley-event-" + eventId + ".ics");
            ICalendar cal = Biweekly.parse(Files.readString(download.path())).first();
            assertThat(cal.getEvents()).hasSize(1);
            assertThat(cal.getEvents().get(0).getSummary().getValue()).isEqualTo(TITLE);
            assertThat(cal.getEvents().get(0).getDateStart().getValue().toInstant()).isEqualTo(start);
            assertThat(cal.getEvents().get(0).getUrl().getValue()).endsWith("/events/" + eventId);

            host.getByTestId("event-start").click();
            assertThat(host).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
            assertThat(host.getByTestId("room-title")).hasText(TITLE);
            assertThat(host.getByTestId("end-room")).isVisible(); // the host leads it, as a moderator

            assertThat(guest.getByTestId("event-starting-toast")).isVisible();
            assertThat(guest.getByTestId("bell-count")).hasText("1");
            guest.reload();
            assertThat(guest.getByTestId("event-status")).hasText("Live now");
            guest.getByTestId("event-join").click();
            assertThat(guest).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
            assertThat(guest.getByTestId("room-title")).hasText(TITLE);
            assertThat(guest.getByTestId("hand-toggle")).isVisible(); // a listener

            // Ada's private calendar feed, made in settings, lists the event she asked to be notified about.
            guest.navigate(parley.baseUrl() + "/settings");
            guest.getByTestId("calendar-create").click();
            String feed = guest.getByTestId("calendar-url").inputValue();
            assertThat(guest.getByTestId("calendar-status")).containsText("Your calendar link works since");
            var calendar = Biweekly.parse(new ApiClient(parley.baseUrl()).get(feed.substring(parley.baseUrl().length())).raw()).first();
            assertThat(calendar.getEvents()).extracting(e -> e.getSummary().getValue()).containsExactly(TITLE);

            // She wants her reminders an hour ahead: chosen in settings, saved at once, kept after a reload.
            assertThat(guest.getByTestId("reminder-lead")).hasValue("10");
            assertThat(guest.getByTestId("reminder-lead").locator("option")).hasText(new String[] {"5 minutes before",
                    "10 minutes before", "15 minutes before", "30 minutes before", "1 hour before", "2 hours before",
                    "1 day before"});
            guest.getByTestId("reminder-lead").selectOption("60");
            assertThat(guest.getByTestId("reminder-lead-saved")).hasText("Saved.");
            guest.reload();
            assertThat(guest.getByTestId("reminder-lead")).hasValue("60");
        }
    }
}
