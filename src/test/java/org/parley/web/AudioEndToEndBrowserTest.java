package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;
import org.parley.web.Browsers.Viewport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real audio through the SFU between two real browsers: Chromium's fake microphone plays a 440 Hz
 * sine from a WAV file, and each page measures what it receives with a WebAudio AnalyserNode.
 *
 * <p>Levels: the sine has amplitude {@value #AMPLITUDE}, so its RMS is {@code A / sqrt(2)} ≈ 0.354.
 * With echo cancellation, noise suppression and gain control off ({@code parley.audio.processing}),
 * Opus at its default bitrate keeps a pure tone's level within a few percent. To tell the SFU's
 * effect from the browser's own capture path, the speaker's page also measures its local microphone
 * track with the same analyser code: received ≈ local ≈ the file's level.
 *
 * <p>The mute is the server's: the muted speaker's page keeps sending (its sender is switched to a
 * clone of the microphone track, which the client's mute does not touch), so silence at the other
 * end can only come from the SFU dropping the packets. Measured on a loaded 2-core machine: the
 * last packet reaches the host 40-120 ms before her page applies the mute's delta; what remains is
 * the receiver's, its jitter buffer (40-90 ms) and then Opus/NetEq concealment fading out (about
 * 200 ms from full level to -30 dB), 214-404 ms in all. So the "stop receiving within 300 ms"
 * is asserted on what the SFU controls — the packets — and the audible fade gets a looser bound;
 * sending Opus silence frames into the slot on a mute would shorten the fade (docs/media.md).
 */
class AudioEndToEndBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(AudioEndToEndBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final double AMPLITUDE = 0.5;
    private static final int SECONDS = 20;
    private static final double EXPECTED_RMS = AMPLITUDE / Math.sqrt(2);
    /** "Near zero" after a mute: 30 dB under the tone. */
    private static final double SILENCE_RMS = EXPECTED_RMS * 0.03;
    /** The budget for "stop receiving": no packet from the muted speaker after this. */
    private static final long RECEIVE_STOP_DEADLINE_MS = 300;
    /** What a person hears: jitter buffer plus the decoder's concealment fade (measured 214-404 ms). */
    private static final long AUDIBLE_SILENCE_DEADLINE_MS = 600;

    private final List<String> scriptErrors = new CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void pagesRanWithoutScriptErrors() {
        Assertions.assertThat(scriptErrors).as("uncaught errors in the web client").isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_speaker_is_heard_at_the_level_she_sends_and_a_moderators_mute_silences_her_at_once() throws Exception {
        Path wav = AudioProbe.writeSine(temp.resolve("sine-440.wav"), SECONDS);
        List<String> flags = List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav, "--autoplay-policy=no-user-gesture-required",
                "--allow-loopback-in-peer-connection");
        try (TestParley parley = TestParley.start();
             Playwright playwright = Playwright.create();
             Browser hostBrowser = Browsers.launchChromium(playwright, flags);
             Browser guestBrowser = Browsers.launchChromium(playwright, flags)) {
            PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
            ApiClient ada = new ApiClient(parley.baseUrl());
            ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
            ApiClient bea = new ApiClient(parley.baseUrl());
            long beaId = bea.signUp(ada.createInviteCode(), "bea", "Bea Wilson").get("id").asLong();
            ApiClient.Response created = ada.post("/api/rooms", Map.of("title", "Sine waves", "type", "open"));
            Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String roomUrl = parley.baseUrl() + "/room/" + created.json().get("id").asText();

            Page host = openSignedIn(hostBrowser, ada, parley);
            Page guest = openSignedIn(guestBrowser, bea, parley);

            // The host enters her room on stage, muted, and unmutes: her sine goes out.
            host.navigate(roomUrl);
            assertThat(stageMember(host, "ada")).isVisible();
            awaitAudio(host, "connected", 0);
            host.getByTestId("mute-toggle").click();
            assertThat(host.getByTestId("mute-toggle")).hasAttribute("data-state", "unmuted");
            host.waitForFunction("() => window.__parleyAudio.state().micLive");
            assertThat(host.getByTestId("mic-menu")).isVisible();

            // The guest follows the room link as a listener: no microphone, audio arrives.
            guest.navigate(roomUrl);
            assertThat(audienceMember(guest, "bea")).isVisible();
            awaitAudio(guest, "connected", 1);
            Assertions.assertThat(audioState(guest).get("micLive").asBoolean()).as("a listener's microphone").isFalse();
            Assertions.assertThat((Boolean) guest.evaluate("() => window.__parleyAudio.micTrack() === null")).isTrue();
            assertThat(guest.getByTestId("mic-menu")).isHidden();

            JsonNode hostLocal = AudioProbe.measure(host, "local");
            JsonNode guestHears = measureOrExplain(guest, "listener hears the host");
            LOG.info("host local mic RMS {} / listener received RMS {} / expected {}", hostLocal, guestHears, EXPECTED_RMS);
            Assertions.assertThat(hostLocal.get("median").asDouble()).as("the fake microphone's level")
                    .isCloseTo(EXPECTED_RMS, Percentage.withPercentage(20));
            Assertions.assertThat(guestHears.get("median").asDouble()).as("received vs the file")
                    .isCloseTo(EXPECTED_RMS, Percentage.withPercentage(20));
            Assertions.assertThat(guestHears.get("median").asDouble()).as("received vs the speaker's own track")
                    .isCloseTo(hostLocal.get("median").asDouble(), Percentage.withPercentage(20));

            // The host mutes herself and invites the guest up; the guest accepts and unmutes.
            host.getByTestId("mute-toggle").click();
            assertThat(host.getByTestId("mute-toggle")).hasAttribute("data-state", "muted");
            audienceMember(host, "bea").locator("button").click();
            host.getByTestId("participant-menu").getByTestId("action-inviteToSpeak").click();
            guest.getByTestId("invitation-accept").click();
            assertThat(guest.getByTestId("mute-toggle")).hasAttribute("data-state", "muted");
            guest.getByTestId("mute-toggle").click();
            assertThat(stageMember(host, "bea")).hasAttribute("data-muted", "false");
            guest.waitForFunction("() => window.__parleyAudio.state().micLive");
            // From here on the guest's browser would keep sending through a mute: only the SFU can stop it.
            guest.evaluate("() => window.__parleyAudio.upstreamSender().replaceTrack(window.__parleyAudio.micTrack().clone())");

            JsonNode hostHears = measureOrExplain(host, "host hears the new speaker");
            LOG.info("host received RMS from the guest {}", hostHears);
            Assertions.assertThat(hostHears.get("median").asDouble()).as("the second speaker's level")
                    .isCloseTo(EXPECTED_RMS, Percentage.withPercentage(20));
            assertThat(stageMember(host, "bea")).hasAttribute("data-speaking", "true");

            // The host mutes her from the participant menu: no more packets within 300 ms, silence soon after.
            host.evaluate(WATCH_MUTE, (int) beaId);
            stageMember(host, "bea").locator("button").click();
            host.getByTestId("participant-menu").getByTestId("action-mute").click();
            JsonNode mute = JSON.readTree((String) host.evaluate("() => window.__muteWatch"));
            LOG.info("mute: {}", mute);
            Assertions.assertThat(mute.get("levelBefore").asDouble()).isGreaterThan(EXPECTED_RMS * 0.8);
            // The SFU's part: no RTP reaches the host once the mute is accepted.
            Assertions.assertThat(mute.get("lastPacketMs").asDouble()).as("ms from the mute to the last packet: " + mute)
                    .isLessThanOrEqualTo(RECEIVE_STOP_DEADLINE_MS);
            // What the host hears: the receiver's jitter buffer plays out, then its concealment fades.
            Assertions.assertThat(mute.get("latencyMs").isNumber()).as("silence after the mute: " + mute).isTrue();
            Assertions.assertThat(mute.get("latencyMs").asDouble()).as("ms from the mute to silence: " + mute)
                    .isLessThanOrEqualTo(AUDIBLE_SILENCE_DEADLINE_MS);
            assertThat(guest.getByTestId("mute-toggle")).hasAttribute("data-state", "muted");
            long sentBefore = packetsSent(guest);
            host.waitForTimeout(500);
            Assertions.assertThat(packetsSent(guest)).as("the muted guest's browser kept sending; the SFU dropped it")
                    .isGreaterThan(sentBefore + 10);

            // The host speaks again and the guest, still on stage, hears her.
            host.getByTestId("mute-toggle").click();
            assertThat(host.getByTestId("mute-toggle")).hasAttribute("data-state", "unmuted");
            JsonNode guestHearsAgain = measureOrExplain(guest, "guest hears the host again");
            LOG.info("guest received RMS from the host again {}", guestHearsAgain);
            Assertions.assertThat(guestHearsAgain.get("median").asDouble())
                    .isCloseTo(EXPECTED_RMS, Percentage.withPercentage(20));

            // The guest's WebSocket drops: it reconnects, rejoins, and negotiates a new audio leg.
            int legs = audioState(guest).get("negotiations").asInt();
            guest.evaluate("() => window.__parleySockets.at(-1).close()");
            guest.waitForFunction("(n) => window.__parleyAudio.state().negotiations > n && window.__parleyAudio.state().connectionState === 'connected'",
                    legs, new Page.WaitForFunctionOptions().setTimeout(15_000));
            JsonNode afterReconnect = measureOrExplain(guest, "guest hears the host after reconnecting");
            LOG.info("guest received RMS after reconnecting {}", afterReconnect);
            Assertions.assertThat(afterReconnect.get("median").asDouble())
                    .isCloseTo(EXPECTED_RMS, Percentage.withPercentage(20));

            // Leaving stops everything: no connection, no track, no <audio> left behind.
            guest.getByTestId("leave-open").click();
            guest.getByTestId("leave-confirm").click();
            assertThat(guest).hasURL(parley.baseUrl() + "/hallway");
            JsonNode after = audioState(guest);
            Assertions.assertThat(after.get("connectionState").asText()).isEqualTo("closed");
            Assertions.assertThat(after.get("receivingTracks").asInt()).isZero();
            Assertions.assertThat(after.get("micLive").asBoolean()).isFalse();
            assertThat(guest.locator("audio")).hasCount(0);
        }
    }

    private Page openSignedIn(Browser browser, ApiClient member, TestParley parley) {
        BrowserContext context = Browsers.newContext(browser, Viewport.LAPTOP);
        Browsers.signIn(context, member, parley.baseUrl());
        context.addInitScript("localStorage.setItem('parley.audio.processing', 'off')");
        // Keeps the page's WebSockets at hand, so the test can drop the live connection.
        context.addInitScript("""
                window.__parleySockets = [];
                window.WebSocket = class extends WebSocket {
                  constructor(...args) { super(...args); window.__parleySockets.push(this); }
                };""");
        return Browsers.openPage(context, scriptErrors);
    }

    private static void awaitAudio(Page page, String connectionState, int receivingAtLeast) {
        try {
            page.waitForFunction("([s, n]) => { const a = window.__parleyAudio?.state(); return a && a.connectionState === s && a.receivingTracks >= n; }",
                    List.of(connectionState, receivingAtLeast), new Page.WaitForFunctionOptions().setTimeout(15_000));
        } catch (RuntimeException e) {
            throw new AssertionError("audio leg not " + connectionState + ": " + audioState(page) + " stats " + stats(page), e);
        }
    }

    private static JsonNode audioState(Page page) {
        try {
            return JSON.readTree((String) page.evaluate("() => JSON.stringify(window.__parleyAudio.state())"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long packetsSent(Page page) {
        Object sent = page.evaluate("async () => (await window.__parleyAudio.stats()).outbound.reduce((n, s) => n + (s.packetsSent || 0), 0)");
        return ((Number) sent).longValue();
    }

    private static String stats(Page page) {
        return (String) page.evaluate("async () => JSON.stringify(await window.__parleyAudio.stats())");
    }

    /** Measures what the page receives; when nothing arrives, fails with the peer connection's stats. */
    private static JsonNode measureOrExplain(Page page, String what) throws IOException {
        JsonNode result = AudioProbe.measure(page, "received");
        if (result.get("median").asDouble() < SILENCE_RMS) {
            throw new AssertionError(what + ": silence " + result + "; state " + audioState(page) + "; stats " + stats(page));
        }
        return result;
    }

    /**
     * Starts watching the host's received level every ~10 ms (windows of 1,024 samples, 21 ms) and
     * notes when the page learns of the mute (the delta, which the server sends before the ack, so
     * timing from it is the stricter measure). latencyMs: from then until the level drops below
     * SILENCE_RMS for good.
     */
    private static final String WATCH_MUTE = """
            async (memberId) => {
              const live = await import('/rooms/store.js');
              const ctx = window.__rmsContext || (window.__rmsContext = new AudioContext({ sampleRate: 48000 }));
              await ctx.resume();
              const analyser = ctx.createAnalyser();
              analyser.fftSize = 1024;
              const sources = window.__parleyAudio.receivedStreams().map((s) => { const n = ctx.createMediaStreamSource(s); n.connect(analyser); return n; });
              const buffer = new Float32Array(analyser.fftSize);
              const rms = () => { analyser.getFloatTimeDomainData(buffer); let sum = 0; for (const x of buffer) sum += x * x; return Math.sqrt(sum / buffer.length); };
              let mutedAt = null;
              const off = live.onRoomChange(({ state }) => {
                if (mutedAt === null && state?.participants.get(memberId)?.muted) mutedAt = performance.now();
              });
              window.__muteWatch = (async () => {
                const samples = [];
                const start = performance.now();
                while (performance.now() - start < 15000) {
                  const now = performance.now();
                  samples.push([now, rms()]);
                  if (mutedAt !== null && now - mutedAt > 1000) break;
                  await new Promise((r) => setTimeout(r, 10));
                }
                off();
                sources.forEach((n) => n.disconnect());
                // When the last RTP packet arrived (the stats' clock is Unix time in ms), and how long
                // the receiver's jitter buffer held audio on average.
                let lastPacketAt = null;
                let jitterMs = null;
                (await window.__parleyAudio.pc().getStats()).forEach((s) => {
                  if (s.type !== 'inbound-rtp' || !s.packetsReceived) return;
                  lastPacketAt = Math.max(lastPacketAt ?? 0, s.lastPacketReceivedTimestamp - performance.timeOrigin);
                  if (s.jitterBufferEmittedCount > 0) jitterMs = Math.round(1000 * s.jitterBufferDelay / s.jitterBufferEmittedCount);
                });
                const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;
                const before = samples.filter(([t]) => mutedAt === null || t < mutedAt).slice(-30).map(([, v]) => v);
                const after = samples.filter(([t]) => mutedAt !== null && t >= mutedAt);
                let quietFrom = null;
                for (let i = after.length - 1; i >= 0 && after[i][1] < SILENCE_RMS; i--) quietFrom = after[i][0];
                return JSON.stringify({
                  mutedSeen: mutedAt !== null, levelBefore: median(before),
                  lastPacketMs: lastPacketAt === null || mutedAt === null ? null : Math.round(lastPacketAt - mutedAt), jitterBufferMs: jitterMs,
                  latencyMs: quietFrom === null ? null : Math.round(quietFrom - mutedAt),
                  firstDropMs: ((x) => (x ? Math.round(x[0] - mutedAt) : null))(after.find(([, v]) => v < 0.9 * median(before))),
                  minus20dbMs: ((x) => (x ? Math.round(x[0] - mutedAt) : null))(after.find(([, v]) => v < 0.1 * median(before))),
                  afterMute: after.slice(0, 40).map(([t, v]) => [Math.round(t - mutedAt), Math.round(v * 10000) / 10000]),
                });
              })();
            }""".replace("SILENCE_RMS", String.valueOf(SILENCE_RMS));

    private static Locator stageMember(Page page, String username) {
        return page.locator("[data-testid=stage-member][data-username=" + username + "]");
    }

    private static Locator audienceMember(Page page, String username) {
        return page.locator("[data-testid=audience-member][data-username=" + username + "]");
    }
}
