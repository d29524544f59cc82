package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ApiClient;
import org.parley.testing.MutableClock;
import org.parley.testing.TestParley;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The story Parley was started from (issue 15), in chromium: Alex publicly proposes a talk to the
 * Ministry's press office — an organization account nobody signs in to — with a line in Romanian;
 * Dana, a delegate acting as the office, asks "what exactly is proposed?"; Alex answers on the
 * thread; Dana accepts a time and the proposal becomes an event both host. Fay, who follows Alex,
 * sees it in her hallway and asks to be notified; the server's clock moves on and the reminder and
 * "starting now" reach her; Alex starts the room, the office comes on stage operated by Dana, and Fay
 * hears both of them: each speaker's fake microphone plays its own tone, told apart with a Goertzel
 * filter ({@link InterpretationBrowserTest#TONE_PROBE}).
 */
class ConversationStoryBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationStoryBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Alex's tone and the office's: bin-centred for a 4,096-sample window at 48 kHz, far apart. */
    static final double ALEX_HZ = 468.75;
    static final double OFFICE_HZ = 750;
    static final double HEARD = 0.1;
    static final String TOPIC = "Energy prices this winter";

    private final List<String> scriptErrors = new CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void pagesRanWithoutScriptErrors() {
        Assertions.assertThat(scriptErrors).as("uncaught errors in the web client").isEmpty();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_proposal_to_an_organization_becomes_an_event_its_followers_are_reminded_of_and_hear_both_hosts_in()
            throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestParley parley = TestParley.start(Map.of(), clock);
             Playwright playwright = Playwright.create();
             Browser alexBrowser = speaking(playwright, "alex", ALEX_HZ);
             Browser danaBrowser = speaking(playwright, "dana", OFFICE_HZ);
             Browser fayBrowser = Browsers.launchChromium(playwright,
                     List.of("--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection"))) {
            PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
            var root = new ApiClient(parley.baseUrl());
            root.signUp(parley.createAdminInviteCode(), "root", "Root Admin");
            ApiClient alex = member(parley, root, "alex", "Alex Popescu");
            ApiClient dana = member(parley, root, "dana", "Dana Ionescu");
            ApiClient fay = member(parley, root, "fay", "Fay Listener");
            Assertions.assertThat(dana.post("/api/organizations", Map.of("username", "office",
                    "displayName", "Ministry Press Office")).status()).isEqualTo(201);
            root.put("/api/members/office/verified", Map.of("label", "Official account of the Ministry of Energy"));
            fay.put("/api/members/alex/follow", null);
            dana.put("/api/session/acting", Map.of("organization", "office")); // Dana's session speaks for the office

            Page a = open(alexBrowser, alex, parley);
            Page d = open(danaBrowser, dana, parley);
            Page f = open(fayBrowser, fay, parley);

            // Alex proposes, publicly, from the office's profile: a time 20 minutes ahead, a note with a Romanian line.
            a.navigate(parley.baseUrl() + "/u/office");
            a.getByTestId("propose-link").click();
            assertThat(a).hasURL(Pattern.compile("/proposals/new\\?to=office$"));
            assertThat(a.getByTestId("field-recipients")).hasValue("office");
            a.getByTestId("field-topic").fill(TOPIC);
            a.getByTestId("field-description").fill("A public conversation about what households will pay this winter.");
            a.getByTestId("field-format").fill("Interview, then listeners' questions");
            a.getByTestId("field-note").fill("Would you like to join me for a conversation?\nAș fi onorat să stăm de vorbă.");
            assertThat(a.getByTestId("proposal-recording")).containsText("Not recorded");
            Instant start = clock.instant().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
            a.getByTestId("proposal-time-date").fill(DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(start));
            a.getByTestId("proposal-time-start").fill(DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(start));
            a.getByTestId("proposal-time-length").selectOption("45");
            a.getByTestId("proposal-add-time").click();
            assertThat(a.getByTestId("proposal-time-row")).hasCount(2);
            a.getByTestId("visibility-public").click();
            a.getByTestId("proposal-submit").click();
            assertThat(a).hasURL(Pattern.compile("/proposals/[A-Za-z0-9_-]+$"));
            assertThat(a.getByTestId("proposal-status")).hasText("Awaiting answer");
            assertThat(a.getByTestId("proposal-note")).containsText("Aș fi onorat");
            String proposalUrl = a.url();

            // Dana, as the office, is told, and asks what exactly is proposed.
            awaitKind(dana, "proposal_received");
            d.navigate(parley.baseUrl() + "/notifications");
            d.locator("[data-kind=proposal_received] [data-testid=notification-proposal]").click();
            assertThat(d).hasURL(proposalUrl);
            d.getByTestId("proposal-thread-text").fill("Interesting. What exactly is proposed?");
            d.getByTestId("proposal-thread-send").click();
            assertThat(d.getByTestId("proposal-message")).hasCount(1);

            // Alex is told and answers on the thread.
            awaitKind(alex, "proposal_question");
            a.reload();
            assertThat(a.getByTestId("proposal-message-text")).hasText("Interesting. What exactly is proposed?");
            a.getByTestId("proposal-thread-text").fill("Forty-five minutes on energy prices, in English, with listeners' questions.");
            a.getByTestId("proposal-thread-send").click();
            assertThat(a.getByTestId("proposal-message")).hasCount(2);

            // Dana reads it and accepts the first time: it becomes an event, both sides hosting.
            awaitKind(dana, "proposal_question");
            d.reload();
            assertThat(d.getByTestId("proposal-message")).hasCount(2);
            d.getByTestId("proposal-accept").first().click();
            assertThat(d.getByTestId("proposal-status")).hasText("Accepted");
            d.getByTestId("proposal-event-link").click();
            assertThat(d).hasURL(Pattern.compile("/events/[A-Za-z0-9_-]+$"));
            String eventUrl = d.url();
            assertThat(d.getByTestId("event-host")).hasCount(2);
            assertThat(d.getByTestId("host-pending")).hasCount(0);

            // Fay follows Alex: the hallway shows the accepted proposal and the event; she asks to be notified.
            f.navigate(parley.baseUrl() + "/hallway");
            assertThat(f.getByTestId("proposal-story-status")).hasText("accepted");
            assertThat(f.getByTestId("proposal-story-event")).isVisible();
            f.getByTestId("upcoming-event").click();
            assertThat(f).hasURL(eventUrl);
            f.getByTestId("event-rsvp").click();
            assertThat(f.getByTestId("event-rsvp")).hasAttribute("aria-pressed", "true");

            // Eleven minutes later by the server's clock: the reminder.
            clock.advance(Duration.ofMinutes(11));
            awaitKind(fay, "event_reminder");
            f.navigate(parley.baseUrl() + "/notifications");
            assertThat(f.locator("[data-testid=notification][data-kind=event_reminder]")).hasCount(1);

            // Alex starts the room (the start window is open); Fay hears "starting now" and follows it in.
            a.navigate(eventUrl);
            a.getByTestId("event-start").click();
            assertThat(a).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
            String roomUrl = a.url();
            awaitKind(fay, "event_starting");
            f.navigate(parley.baseUrl() + "/notifications");
            f.locator("[data-kind=event_starting] [data-testid=notification-event]").click();
            assertThat(f).hasURL(roomUrl);

            // The office comes in, operated by Dana: a host, so a moderator on stage. Both unmute.
            d.navigate(roomUrl);
            for (Page host : List.of(a, d)) {
                host.getByTestId("mute-toggle").click();
                assertThat(host.getByTestId("mute-toggle")).hasAttribute("data-state", "unmuted");
            }
            assertThat(f.locator("[data-testid=stage-member][data-username=alex]")).hasAttribute("data-role", "moderator");
            assertThat(f.locator("[data-testid=stage-member][data-username=office]")).hasAttribute("data-role", "moderator");

            // Fay hears both: each tone well above silence on the floor.
            AudioProbe.awaitConnected(f, 2);
            f.evaluate(InterpretationBrowserTest.TONE_PROBE);
            JsonNode heard = JSON.readTree((String) f.evaluate("""
                    async ([tones]) => {
                      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
                      const deadline = performance.now() + 15000;
                      let reads = [];
                      while (performance.now() < deadline) {
                        reads.push(window.__tones('floor', tones, 4096));
                        reads = reads.slice(-5);
                        if (reads.length === 5 && reads.every((r) => r.every((v) => v > 0.1))) break;
                        await sleep(150);
                      }
                      return JSON.stringify(reads);
                    }""", List.of(List.of(ALEX_HZ, OFFICE_HZ))));
            LOG.info("Fay hears (Alex, office): {}", heard);
            for (JsonNode read : heard) {
                Assertions.assertThat(read.get(0).asDouble()).as("Alex's tone in %s", heard).isGreaterThan(HEARD);
                Assertions.assertThat(read.get(1).asDouble()).as("the office's tone in %s", heard).isGreaterThan(HEARD);
            }
        }
    }

    private Browser speaking(Playwright playwright, String name, double hz) {
        return Browsers.launchSpeaking(playwright, AudioProbe.writeTone(temp.resolve(name + ".wav"), 10, hz));
    }

    private static ApiClient member(TestParley parley, ApiClient inviter, String username, String name) {
        ApiClient member = new ApiClient(parley.baseUrl());
        member.signUp(inviter.createInviteCode(), username, name);
        return member;
    }

    /** A phone-sized page in UTC, signed in with the member's session; sound processing off, so tones stay pure. */
    private Page open(Browser browser, ApiClient member, TestParley parley) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(Browsers.Viewport.PHONE.width, Browsers.Viewport.PHONE.height)
                .setLocale("en-GB").setTimezoneId("UTC"));
        Browsers.signIn(context, member, parley.baseUrl());
        context.addInitScript("localStorage.setItem('parley.audio.processing', 'off')");
        return Browsers.openPage(context, scriptErrors);
    }

    /** Waits until the member has a notification of {@code kind} (they are stored off the request's thread). */
    private static void awaitKind(ApiClient member, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode n : member.get("/api/notifications").json().get("items")) {
                if (n.get("kind").asText().equals(kind)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + kind + " notification: " + member.get("/api/notifications").json());
    }
}
