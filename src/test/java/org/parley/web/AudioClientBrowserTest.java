package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.parley.web.AudioProbe.EXPECTED_RMS;
import static org.parley.web.AudioProbe.audioState;
import static org.parley.web.AudioProbe.awaitConnected;
import static org.parley.web.AudioProbe.probe;
import static org.parley.web.AudioProbe.receivedLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;
import org.parley.web.Browsers.Viewport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web client's side of the room's sound (issue 4), in real Chromium against a real server: the
 * autoplay fallback, the microphone asked for only on stage (and a refusal handled), a broken leg
 * offered again, switching microphones, and nothing left playing after leaving. Ada's fake
 * microphone plays a 440 Hz sine (AudioProbe), so "audio flows" is a measured level, not a flag.
 */
class AudioClientBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(AudioClientBrowserTest.class);
    private static final Percentage TOLERANCE = Percentage.withPercentage(25);

    private static TestParley parley;
    private static Playwright playwright;
    private static Path wav;
    /** Microphone allowed (per context), autoplay allowed: the flags the other audio tests use. */
    private static Browser browser;
    private static ApiClient ada;
    private static int members;

    private final List<String> scriptErrors = new CopyOnWriteArrayList<>();
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        parley = TestParley.start();
        playwright = Playwright.create();
        wav = AudioProbe.writeSine(Files.createTempFile("parley-sine-", ".wav"), 10);
        List<String> flags = new ArrayList<>(AudioProbe.fakeMicrophone(wav));
        flags.add("--autoplay-policy=no-user-gesture-required");
        browser = Browsers.launchChromium(playwright, flags);
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
    }

    @AfterAll
    static void stopServerAndBrowser() throws Exception {
        browser.close();
        playwright.close();
        parley.close();
        Files.deleteIfExists(wav);
    }

    @AfterEach
    void closePagesAndCheckScriptErrors() {
        contexts.forEach(BrowserContext::close);
        Assertions.assertThat(scriptErrors).as("uncaught errors in the web client").isEmpty();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_listener_whose_browser_blocks_autoplay_gets_a_tap_to_listen_button_that_makes_the_room_audible() {
        String roomUrl = startRoom("Autoplay");
        Page host = adaSpeaksIn(roomUrl);
        ApiClient bea = newMember("bea");
        List<String> flags = new ArrayList<>(AudioProbe.fakeMicrophone(wav));
        flags.add("--autoplay-policy=user-gesture-required");
        try (Browser strict = Browsers.launchChromium(playwright, flags)) {
            // Opened straight from a link: no gesture on this page yet, so the browser refuses to play.
            Page guest = open(strict, bea, true);
            Assertions.assertThat(AudioProbe.firstPlayOutcome(guest, () -> guest.navigate(roomUrl)))
                    .isEqualTo("parley-probe: play refused NotAllowedError");
            awaitConnected(guest, 1);
            Locator tap = guest.getByTestId("audio-unblock");
            assertThat(tap).isVisible();
            assertThat(tap).hasAccessibleName("Tap to listen");
            assertThat(guest.getByTestId("audio-announcer")).hasText("Your browser paused the room's sound until you tap.");
            Assertions.assertThat(probe(guest).get("playingMedia").asInt()).as("audio playing before the tap").isZero();

            tap.click();
            assertThat(tap).isHidden();
            guest.waitForFunction("() => JSON.parse(window.__probe()).playingMedia >= 1");
            Assertions.assertThat(receivedLevel(guest, "the listener after tapping")).isCloseTo(EXPECTED_RMS, TOLERANCE);
            Assertions.assertThat(audioState(guest).get("blocked").asBoolean()).isFalse();
            guest.context().close();
        }
        // Chromium's own policy (no flag) blocks a page opened from a link too; but the usual way in,
        // a tap on the room in the hallway, is a gesture: the sound starts and no button shows.
        try (Browser usual = Browsers.launchChromium(playwright)) {
            Page listener = open(usual, newMember("ben"), false);
            listener.navigate(parley.baseUrl() + "/hallway");
            Locator card = listener.locator("[data-testid=room-card][data-room-id='" + roomUrl.substring(roomUrl.lastIndexOf('/') + 1) + "']");
            assertThat(card).isVisible();
            Assertions.assertThat(AudioProbe.firstPlayOutcome(listener, card::click)).isEqualTo("parley-probe: played");
            awaitConnected(listener, 1);
            assertThat(listener.getByTestId("audio-unblock")).isHidden();
            Assertions.assertThat(receivedLevel(listener, "a listener with the usual flags")).isCloseTo(EXPECTED_RMS, TOLERANCE);
            listener.context().close();
        }
        assertThat(host.getByTestId("audio-unblock")).isHidden();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_listener_is_asked_for_the_microphone_only_on_stage_and_a_refusal_keeps_them_muted_with_a_reason() {
        String roomUrl = startRoom("Microphone");
        Page host = adaSpeaksIn(roomUrl);
        ApiClient cai = newMember("cai");
        // This profile has not allowed the microphone: the browser refuses getUserMedia.
        Page guest = open(browser, cai, false);
        // With autoplay allowed (these flags), the sound starts by itself and "Tap to listen" never shows.
        Assertions.assertThat(AudioProbe.firstPlayOutcome(guest, () -> guest.navigate(roomUrl))).isEqualTo("parley-probe: played");
        awaitConnected(guest, 1);
        assertThat(guest.getByTestId("audio-unblock")).isHidden();
        Assertions.assertThat(receivedLevel(guest, "the listener hears Ada")).isCloseTo(EXPECTED_RMS, TOLERANCE);
        Assertions.assertThat(probe(guest).get("getUserMediaCalls").asInt()).as("a listener asked for the microphone").isZero();

        // Invited on stage: only now is the microphone asked for; refused, Cai stays muted and is told why.
        audienceMember(host, "cai").locator("button").click();
        host.getByTestId("participant-menu").getByTestId("action-inviteToSpeak").click();
        guest.getByTestId("invitation-accept").click();
        assertThat(stageMember(host, "cai")).hasAttribute("data-muted", "true");
        guest.waitForFunction("() => JSON.parse(window.__probe()).getUserMediaCalls === 1");
        Locator problem = guest.getByTestId("mic-problem");
        assertThat(problem).isVisible();
        assertThat(problem).hasAttribute("role", "alert");
        assertThat(problem).containsText("can't use your microphone, so you stay muted");
        assertThat(guest.getByTestId("mute-toggle")).hasAttribute("data-state", "muted");

        // Unmuting asks again rather than unmuting into silence; refused again, nothing changes.
        guest.getByTestId("mute-toggle").click();
        guest.waitForFunction("() => JSON.parse(window.__probe()).getUserMediaCalls === 2");
        assertThat(guest.getByTestId("mute-toggle")).hasAttribute("data-state", "muted");
        assertThat(guest.getByTestId("mic-retry")).isFocused();
        assertThat(guest.getByTestId("mute-toggle")).isEnabled();
        assertThat(stageMember(host, "cai")).hasAttribute("data-muted", "true");
        assertThat(problem).isVisible();

        // Allowed in the site settings, "Try again" gets the microphone; unmuted, Ada hears Cai.
        guest.context().grantPermissions(List.of("microphone"));
        guest.getByTestId("mic-retry").click();
        assertThat(problem).isHidden();
        assertThat(guest.getByTestId("mic-menu")).isVisible();
        host.getByTestId("mute-toggle").click(); // Ada quiet, so what she hears is Cai
        assertThat(host.getByTestId("mute-toggle")).hasAttribute("data-state", "muted");
        guest.getByTestId("mute-toggle").click();
        assertThat(stageMember(host, "cai")).hasAttribute("data-muted", "false");
        Assertions.assertThat(receivedLevel(host, "Ada hears Cai")).isCloseTo(EXPECTED_RMS, TOLERANCE);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_broken_audio_leg_or_a_network_change_is_offered_again_with_a_visible_status_and_the_sound_returns() {
        String roomId = startRoomId("Reconnect");
        String roomUrl = parley.baseUrl() + "/room/" + roomId;
        adaSpeaksIn(roomUrl);
        ApiClient dan = newMember("dan");
        long danId = dan.get("/api/me").json().get("id").asLong();
        Page guest = open(browser, dan, true);
        guest.navigate(roomUrl);
        awaitConnected(guest, 1);
        Locator status = guest.getByTestId("audio-status");
        assertThat(status).isHidden();
        int legs = audioState(guest).get("negotiations").asInt();

        // The server drops Dan's leg (as when his path to it dies): his browser notices, says so, and offers again.
        guest.evaluate(TRACE_LEG);
        long broken = System.nanoTime();
        parley.server().media().participantLeft(roomId, danId);
        assertThat(status).hasText("Reconnecting audio…");
        guest.waitForFunction("(n) => window.__parleyAudio.state().negotiations > n", legs,
                new Page.WaitForFunctionOptions().setTimeout(20_000));
        awaitConnected(guest, 1);
        long recoveredMs = (System.nanoTime() - broken) / 1_000_000;
        LOG.info("audio leg back {} ms after the server dropped it; [ms, event, ice, connection, dtls]: {}", recoveredMs, guest.evaluate("() => JSON.stringify(window.__trace)"));
        Assertions.assertThat(recoveredMs).as("ms from the broken leg to a connected new one").isLessThan(15_000);
        assertThat(status).isHidden();
        Assertions.assertThat(receivedLevel(guest, "Dan hears Ada again")).isCloseTo(EXPECTED_RMS, TOLERANCE);
        Assertions.assertThat(probe(guest).get("openPeerConnections").asInt()).as("old legs closed").isEqualTo(1);

        // The network comes back (another Wi-Fi, say): the browser's `online` event sends a new offer at once.
        legs = audioState(guest).get("negotiations").asInt();
        guest.evaluate("() => { window.__online = 0; addEventListener('online', () => { window.__online += 1; }); }");
        guest.context().setOffline(true);
        guest.context().setOffline(false);
        guest.waitForFunction("(n) => window.__online === 1 && window.__parleyAudio.state().negotiations > n", legs);
        assertThat(guest.getByTestId("live-banner")).isHidden(); // the WebSocket stayed up: the new offer is the `online` event's
        awaitConnected(guest, 1);
        Assertions.assertThat(receivedLevel(guest, "Dan hears Ada after the network change")).isCloseTo(EXPECTED_RMS, TOLERANCE);
        Assertions.assertThat(probe(guest).get("openPeerConnections").asInt()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void connecting_audio_shows_progress_once_it_takes_longer_than_a_second() {
        String roomUrl = startRoom("Slow network");
        Page guest = open(browser, newMember("hal"), true);
        // A slow network, as the page sees it: the answer takes 2.5 s to apply.
        guest.context().addInitScript("""
                const apply = RTCPeerConnection.prototype.setRemoteDescription;
                RTCPeerConnection.prototype.setRemoteDescription = function (...a) {
                  return new Promise((r) => setTimeout(r, 2500)).then(() => apply.apply(this, a));
                };""");
        guest.navigate(roomUrl);
        Locator status = guest.getByTestId("audio-status");
        assertThat(status).hasText("Connecting audio…");
        assertThat(guest.getByTestId("audio-announcer")).hasText("Connecting audio…");
        Assertions.assertThat(audioState(guest).get("connectionState").asText()).isNotEqualTo("connected");
        awaitConnected(guest, 0);
        assertThat(status).isHidden();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void switching_the_microphone_replaces_the_track_without_renegotiating_and_is_remembered() {
        String roomUrl = startRoom("Devices");
        Page host = adaSpeaksIn(roomUrl);
        ApiClient eve = newMember("eve");
        Page guest = open(browser, eve, true);
        guest.navigate(roomUrl);
        awaitConnected(guest, 1);

        Locator select = host.getByTestId("mic-select");
        List<String> devices = select.locator("option").all().stream().map(o -> o.getAttribute("value")).toList();
        Assertions.assertThat(devices).as("the microphones the picker offers").isNotEmpty();
        String current = (String) host.evaluate("() => window.__parleyAudio.micTrack().getSettings().deviceId");
        Assertions.assertThat(select.inputValue()).isEqualTo(current);
        String other = devices.stream().filter(d -> !d.equals(current)).findFirst().orElse(current);
        LOG.info("microphones offered {}, in use {}, switching to {}", devices, current, other);

        JsonNode before = probe(host);
        int legs = audioState(host).get("negotiations").asInt();
        select.selectOption(other);
        host.waitForFunction("(id) => window.__parleyAudio?.micTrack()?.getSettings().deviceId === id", other);
        JsonNode after = probe(host);
        Assertions.assertThat(after.get("getUserMediaCalls").asInt()).as("the new device is opened").isEqualTo(before.get("getUserMediaCalls").asInt() + 1);
        Assertions.assertThat(after.get("replacedTracks").asInt()).as("replaceTrack on the sender").isEqualTo(before.get("replacedTracks").asInt() + 1);
        Assertions.assertThat(audioState(host).get("negotiations").asInt()).as("no new offer").isEqualTo(legs);
        Assertions.assertThat(after.get("liveMicTracks").asInt()).as("the old track stopped").isEqualTo(1);
        Assertions.assertThat(host.evaluate("() => localStorage.getItem('parley.audio.input')")).isEqualTo(other);
        Assertions.assertThat(receivedLevel(guest, "Eve hears Ada's new microphone")).isCloseTo(EXPECTED_RMS, TOLERANCE);

        // The next visit opens the remembered microphone.
        host.reload();
        host.waitForFunction("(id) => window.__parleyAudio?.micTrack()?.getSettings().deviceId === id", other);
        assertThat(host.getByTestId("mic-select")).hasValue(other);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void leaving_switching_rooms_and_the_room_ending_leave_no_connection_track_or_sound_behind() throws Exception {
        String firstUrl = startRoom("First room");
        Page host = adaSpeaksIn(firstUrl);
        ApiClient fay = newMember("fay");
        Page guest = open(browser, fay, true);
        guest.navigate(firstUrl);
        awaitConnected(guest, 1);
        // Fay goes on stage, so a microphone runs too.
        audienceMember(host, "fay").locator("button").click();
        host.getByTestId("participant-menu").getByTestId("action-inviteToSpeak").click();
        guest.getByTestId("invitation-accept").click();
        guest.waitForFunction("() => JSON.parse(window.__probe()).liveMicTracks === 1");

        // Browsing elsewhere keeps the room playing, like a phone app (the mini bar).
        guest.getByTestId("nav-hallway").click();
        assertThat(guest.getByTestId("mini-room-bar")).isVisible();
        JsonNode browsing = probe(guest);
        Assertions.assertThat(browsing.get("openPeerConnections").asInt()).isEqualTo(1);
        Assertions.assertThat(browsing.get("playingMedia").asInt()).isGreaterThan(0);

        // Switching rooms through the router: the first room's leg, microphone and sound all stop.
        ApiClient gus = newMember("gus");
        ApiClient.Response created = gus.post("/api/rooms", Map.of("title", "Second room", "type", "open"));
        String second = created.json().get("id").asText();
        try (WsClient gusLive = WsClient.connect(parley.baseUrl(), gus)) {
            Assertions.assertThat(gusLive.call("join", "room", second).path("type").asText()).isEqualTo("ack");
            guest.locator("[data-testid=room-card][data-room-id='" + second + "']").click();
            assertThat(guest.locator("[data-testid=room][data-room-id='" + second + "']")).isVisible();
            awaitConnected(guest, 0);
            nothingLeft(guest, "after switching rooms", 1);

            // The room ends under her: its leg goes too.
            Assertions.assertThat(gusLive.call("endRoom").path("type").asText()).isEqualTo("ack");
            assertThat(guest.getByTestId("room-outcome")).isVisible();
            nothingLeft(guest, "after the room ended", 0);
        }

        // Back in the first room, then leaving it: nothing of it survives either.
        guest.getByTestId("back-to-hallway").click();
        guest.locator("[data-testid=room-card][data-room-id='" + firstUrl.substring(firstUrl.lastIndexOf('/') + 1) + "']").click();
        awaitConnected(guest, 1);
        Assertions.assertThat(probe(guest).get("playingMedia").asInt()).isGreaterThan(0);
        guest.getByTestId("leave-open").click();
        guest.getByTestId("leave-confirm").click();
        assertThat(guest).hasURL(parley.baseUrl() + "/hallway");
        nothingLeft(guest, "after leaving", 0);
        assertThat(guest.locator("audio")).hasCount(0);
    }

    /** Notes when the leg's ICE, connection and DTLS states change (ms from now), for the log. */
    private static final String TRACE_LEG = """
            () => {
              const pc = window.__parleyAudio.pc();
              const dtls = pc.getTransceivers()[0].sender.transport;
              const t0 = performance.now();
              window.__trace = [];
              const note = (what) => window.__trace.push([Math.round(performance.now() - t0), what, pc.iceConnectionState, pc.connectionState, dtls?.state]);
              pc.addEventListener('iceconnectionstatechange', () => note('ice'));
              pc.addEventListener('connectionstatechange', () => note('connection'));
              dtls?.addEventListener('statechange', () => note('dtls'));
            }""";

    // ---- helpers -----------------------------------------------------------------------------------

    /**
     * Waits until at most {@code openLegs} peer connections are open, no microphone runs, and no
     * media element plays or lingers beyond that leg's receive slots (3 each).
     */
    /** Each leg plays its receive slots: three of the floor and the interpretation slot. */
    private static final int SLOTS_PER_LEG = 4;

    private static void nothingLeft(Page page, String when, int openLegs) {
        try {
            page.waitForFunction("([n, slots]) => { const p = JSON.parse(window.__probe()); return p.openPeerConnections <= n && p.liveMicTracks === 0 && p.playingMedia <= n * slots && p.audioElements <= n * slots; }",
                    List.of(openLegs, SLOTS_PER_LEG), new Page.WaitForFunctionOptions().setTimeout(5_000));
        } catch (RuntimeException e) {
            throw new AssertionError(when + ": " + probe(page), e);
        }
    }

    private static String startRoom(String title) {
        return parley.baseUrl() + "/room/" + startRoomId(title);
    }

    private static String startRoomId(String title) {
        ApiClient.Response created = ada.post("/api/rooms", Map.of("title", title, "type", "open"));
        Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Ada enters her room on stage and unmutes: the sine goes out. */
    private Page adaSpeaksIn(String roomUrl) {
        Page host = open(browser, ada, true);
        host.navigate(roomUrl);
        assertThat(stageMember(host, "ada")).isVisible();
        awaitConnected(host, 0);
        host.getByTestId("mute-toggle").click();
        assertThat(host.getByTestId("mute-toggle")).hasAttribute("data-state", "unmuted");
        host.waitForFunction("() => window.__parleyAudio.state().micLive");
        return host;
    }

    private static ApiClient newMember(String username) {
        ApiClient member = new ApiClient(parley.baseUrl());
        member.signUp(ada.createInviteCode(), username + (++members), username.toUpperCase());
        return member;
    }

    private Page open(Browser in, ApiClient member, boolean microphoneAllowed) {
        BrowserContext context = Browsers.newContext(in, Viewport.PHONE);
        contexts.add(context);
        if (microphoneAllowed) {
            context.grantPermissions(List.of("microphone"));
        }
        context.addCookies(List.of(
                new Cookie("parley_session", member.cookie("parley_session")).setUrl(parley.baseUrl()),
                new Cookie("parley_csrf", member.cookie("parley_csrf")).setUrl(parley.baseUrl())));
        context.addInitScript("localStorage.setItem('parley.audio.processing', 'off')");
        context.addInitScript(AudioProbe.INSTRUMENT);
        return Browsers.openPage(context, scriptErrors);
    }

    private static Locator stageMember(Page page, String username) {
        return page.locator("[data-testid=stage-member][data-username^=" + username + "]");
    }

    private static Locator audienceMember(Page page, String username) {
        return page.locator("[data-testid=audience-member][data-username^=" + username + "]");
    }
}
