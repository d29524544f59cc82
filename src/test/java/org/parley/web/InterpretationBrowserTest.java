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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
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
 * Interpretation channels in real browsers (issue 14): a floor speaker and two interpreters, each
 * Chromium's fake microphone playing its own tone, and two listeners, one listening in Russian and one
 * to the floor. Each page measures every receive slot separately (the floor's three together, the
 * interpretation slot alone) with a Goertzel filter per tone: the Russian listener hears the floor and
 * the Russian interpreter, never the English one; the floor listener hears the floor alone; an
 * interpreter hears the floor only; switching to English moves the listener within a second.
 *
 * <p>The tones sit on analyser bin centres (48 kHz, 4,096 or 2,048 samples), so a tone's estimate is
 * its amplitude: 0.5 sent; "hears" is above {@value #HEARD}, "does not hear" below {@value #NOT_HEARD}.
 */
class InterpretationBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(InterpretationBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final double FLOOR_HZ = 468.75;
    static final double RUSSIAN_HZ = 750;
    static final double ENGLISH_HZ = 1171.875;
    static final double HEARD = 0.1;
    static final double NOT_HEARD = 0.03;
    /** The bound on switching language, measured from the click to the new tone alone in the slot. */
    static final long SWITCH_DEADLINE_MS = 1000;

    private final List<String> scriptErrors = new CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void pagesRanWithoutScriptErrors() {
        Assertions.assertThat(scriptErrors).as("uncaught errors in the web client").isEmpty();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_listener_in_russian_hears_the_floor_and_the_russian_interpreter_only_and_switching_to_english_takes_under_a_second()
            throws Exception {
        try (TestParley parley = TestParley.start();
             Playwright playwright = Playwright.create();
             Browser floorBrowser = speaking(playwright, "floor", FLOOR_HZ);
             Browser russianBrowser = speaking(playwright, "russian", RUSSIAN_HZ);
             Browser englishBrowser = speaking(playwright, "english", ENGLISH_HZ);
             Browser listenersBrowser = Browsers.launchChromium(playwright,
                     List.of("--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection"))) {
            PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
            ApiClient ada = new ApiClient(parley.baseUrl());
            ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
            ApiClient boris = member(parley, ada, "boris", "Boris Pasternak");
            ApiClient emma = member(parley, ada, "emma", "Emma Woodhouse");
            ApiClient dana = member(parley, ada, "dana", "Dana Scully");
            ApiClient eli = member(parley, ada, "eli", "Eli Wallach");
            ApiClient.Response created = ada.post("/api/rooms", Map.of("title", "Press conference", "type", "open",
                    "language", "de"));
            Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String roomUrl = parley.baseUrl() + "/room/" + created.json().get("id").asText();

            Page host = open(floorBrowser, ada, parley);
            Page russian = open(russianBrowser, boris, parley);
            Page english = open(englishBrowser, emma, parley);
            Page ruListener = open(listenersBrowser, dana, parley);
            Page floorListener = open(listenersBrowser, eli, parley);

            host.navigate(roomUrl);
            assertThat(host.getByTestId("mute-toggle")).isVisible();
            host.getByTestId("mute-toggle").click();
            assertThat(host.getByTestId("mute-toggle")).hasAttribute("data-state", "unmuted");

            // The moderator offers Russian and English.
            host.getByTestId("interpretation-open").click();
            host.getByTestId("interpretation-add").selectOption("ru");
            assertThat(host.getByTestId("interpretation-ru")).isVisible();
            host.getByTestId("interpretation-add").selectOption("en");
            assertThat(host.getByTestId("interpretation-en")).isVisible();
            host.getByTestId("interpretation-dialog-close").click();

            // Two members come on stage and are named interpreters from their menus; they unmute.
            onStageAsInterpreter(host, russian, roomUrl, "boris", "ru");
            onStageAsInterpreter(host, english, roomUrl, "emma", "en");
            assertThat(russian.getByTestId("interpreting-note")).containsText("Русский");
            assertThat(host.locator("[data-testid=stage-member][data-username=boris] [data-testid=interpreter-badge]"))
                    .hasText("Русский");

            // The listeners: Dana listens in Russian; Eli stays with the floor.
            ruListener.navigate(roomUrl);
            floorListener.navigate(roomUrl);
            assertThat(ruListener.getByTestId("listen-in")).containsText("Original");
            assertThat(ruListener.getByTestId("listen-in-en")).hasText("English");
            ruListener.getByTestId("listen-in-ru").click();
            assertThat(ruListener.locator("[data-testid=listen-in-ru] input")).isChecked();
            assertThat(ruListener.getByTestId("floor-level")).isVisible();
            for (Page page : List.of(host, russian, english, ruListener, floorListener)) {
                AudioProbe.awaitConnected(page, 4);
                page.evaluate(TONE_PROBE);
            }

            Heard dana1 = heard(ruListener, "Dana (Russian)", FLOOR_HZ);
            LOG.info("Russian listener: {}", dana1);
            dana1.hears("floor", FLOOR_HZ).hears("interpretation", RUSSIAN_HZ)
                    .doesNotHear("interpretation", ENGLISH_HZ).doesNotHear("floor", ENGLISH_HZ)
                    .doesNotHear("floor", RUSSIAN_HZ).doesNotHear("interpretation", FLOOR_HZ);
            Heard eli1 = heard(floorListener, "Eli (floor)", FLOOR_HZ);
            LOG.info("floor listener: {}", eli1);
            eli1.hears("floor", FLOOR_HZ).doesNotHear("floor", RUSSIAN_HZ).doesNotHear("floor", ENGLISH_HZ)
                    .doesNotHear("interpretation", RUSSIAN_HZ).doesNotHear("interpretation", ENGLISH_HZ);
            Heard boris1 = heard(russian, "Boris (interpreter)", FLOOR_HZ);
            LOG.info("Russian interpreter: {}", boris1);
            boris1.hears("floor", FLOOR_HZ).doesNotHear("floor", ENGLISH_HZ).doesNotHear("interpretation", ENGLISH_HZ);
            Heard ada1 = heard(host, "Ada (floor)", ENGLISH_HZ, 3_000);
            ada1.doesNotHear("floor", RUSSIAN_HZ).doesNotHear("floor", ENGLISH_HZ).doesNotHear("interpretation", RUSSIAN_HZ)
                    .doesNotHear("interpretation", ENGLISH_HZ);

            // What Dana hears, in words: the floor and her interpreter, not the English one.
            assertThat(ruListener.getByTestId("listening-status")).hasAttribute("data-hearing", "2");
            // What Dana sees (README): interpreters badged on the stage, Russian chosen, the original underneath.
            ruListener.screenshot(new Page.ScreenshotOptions()
                    .setPath(Path.of("target", "screenshots", "laptop-light-room-interpretation.png")));

            // Ducking: the floor plays at the listener's floor level under the interpreter.
            JsonNode volumes = json((String) ruListener.evaluate(
                    "() => JSON.stringify(window.__parleyAudio.receivedTracks().map((t) => [t.kind, t.volume]))"));
            LOG.info("Russian listener's volumes {}", volumes);
            for (JsonNode track : volumes) {
                Assertions.assertThat(track.get(1).asDouble()).as(track.toString())
                        .isEqualTo(track.get(0).asText().equals("floor") ? 0.2 : 1.0, Assertions.within(0.01));
            }

            // Switching to English: the English tone replaces the Russian one in the slot.
            JsonNode switched = json((String) ruListener.evaluate(SWITCH, List.of(RUSSIAN_HZ, ENGLISH_HZ)));
            LOG.info("switch from Russian to English: {}", switched);
            Assertions.assertThat(switched.get("ms").asLong()).as(switched.toString()).isBetween(0L, SWITCH_DEADLINE_MS);
            assertThat(ruListener.locator("[data-testid=listen-in-en] input")).isChecked();

            // Back to the original only: the interpretation slot falls silent, the floor comes back up.
            ruListener.getByTestId("listen-in-floor").click();
            assertThat(ruListener.locator("[data-testid=listen-in-floor] input")).isChecked();
            assertThat(ruListener.getByTestId("floor-level")).isHidden();
            // What the jitter buffer still holds of English plays out first (longer on a busy machine).
            ruListener.waitForFunction("(f) => window.__tones('interpretation', [f], 2048)[0] < 0.03", ENGLISH_HZ,
                    new Page.WaitForFunctionOptions().setTimeout(3_000).setPollingInterval(20));
            heard(ruListener, "Dana (original)", FLOOR_HZ).hears("floor", FLOOR_HZ).doesNotHear("interpretation", ENGLISH_HZ)
                    .doesNotHear("interpretation", RUSSIAN_HZ);
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

    private Page open(Browser browser, ApiClient member, TestParley parley) {
        BrowserContext context = Browsers.newContext(browser, Viewport.LAPTOP);
        Browsers.signIn(context, member, parley.baseUrl());
        context.addInitScript("localStorage.setItem('parley.audio.processing', 'off')");
        return Browsers.openPage(context, scriptErrors);
    }

    /** The member raises a hand, the host invites them, they accept, are named into {@code language} and unmute. */
    private static void onStageAsInterpreter(Page host, Page member, String roomUrl, String username, String language) {
        member.navigate(roomUrl);
        member.getByTestId("hand-toggle").click();
        host.locator("[data-testid=queue-member][data-username=" + username + "] [data-testid=queue-invite]").click();
        member.getByTestId("invitation-accept").click();
        Locator tile = host.locator("[data-testid=stage-member][data-username=" + username + "]");
        assertThat(tile).isVisible();
        tile.locator("button").click();
        host.getByTestId("action-interpret-" + language).click();
        assertThat(tile.getByTestId("interpreter-badge")).isVisible();
        member.getByTestId("mute-toggle").click();
        assertThat(member.getByTestId("mute-toggle")).hasAttribute("data-state", "unmuted");
    }

    /**
     * Installs {@code window.__tones(n)}: for the floor's slots (summed) and the interpretation slot, the
     * amplitude of each frequency asked in the last {@code n} samples (Goertzel; a bin-centred sine of
     * amplitude A reads A).
     */
    static final String TONE_PROBE = """
            async () => {
              const ctx = window.__toneContext || (window.__toneContext = new AudioContext({ sampleRate: 48000 }));
              await ctx.resume();
              const analysers = {};
              for (const kind of ['floor', 'interpretation']) {
                const analyser = ctx.createAnalyser();
                analyser.fftSize = 4096;
                for (const t of window.__parleyAudio.receivedTracks().filter((t) => t.kind === kind)) {
                  ctx.createMediaStreamSource(t.stream).connect(analyser);
                }
                analysers[kind] = analyser;
              }
              const goertzel = (buf, f) => {
                const c = 2 * Math.cos(2 * Math.PI * f / ctx.sampleRate);
                let s1 = 0, s2 = 0;
                for (const x of buf) { const s0 = x + c * s1 - s2; s2 = s1; s1 = s0; }
                return 2 * Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - c * s1 * s2)) / buf.length;
              };
              window.__tones = (kind, frequencies, n) => {
                const buf = new Float32Array(4096);
                analysers[kind].getFloatTimeDomainData(buf);
                const last = buf.subarray(buf.length - n);
                return frequencies.map((f) => Math.round(goertzel(last, f) * 1000) / 1000);
              };
            }""";

    /** Eight reads 150 ms apart of both kinds and the three tones, after {@code waitFor} shows on the floor. */
    static final String LISTEN = """
            async ([frequencies, waitFor, waitMs]) => {
              const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
              const deadline = performance.now() + waitMs;
              while (performance.now() < deadline && Math.max(...window.__tones('floor', [waitFor], 4096),
                  ...window.__tones('interpretation', [waitFor], 4096)) < 0.1) await sleep(100);
              await sleep(300);
              const reads = { floor: [], interpretation: [] };
              for (let i = 0; i < 8; i++) {
                await sleep(150);
                for (const kind of Object.keys(reads)) reads[kind].push(window.__tones(kind, frequencies, 4096));
              }
              return JSON.stringify(reads);
            }""";

    /**
     * Clicks "English" and returns how long until the interpretation slot carries English alone: three
     * reads in a row (20 ms apart, 2,048-sample windows) with English heard and Russian not.
     */
    static final String SWITCH = """
            async ([russian, english]) => {
              const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
              const start = performance.now();
              document.querySelector('[data-testid=listen-in-en] input').click();
              let streak = 0, last = null;
              while (performance.now() - start < 5000) {
                last = window.__tones('interpretation', [russian, english], 2048);
                streak = last[1] > 0.1 && last[0] < 0.03 ? streak + 1 : 0;
                if (streak === 3) return JSON.stringify({ ms: Math.round(performance.now() - start - 40), last });
                await sleep(20);
              }
              return JSON.stringify({ ms: -1, last });
            }""";

    /** What one page hears: per kind, the median amplitude of each tone and the loudest read. */
    record Heard(String page, Map<String, double[]> median, Map<String, double[]> max) {

        static final double[] FREQUENCIES = {FLOOR_HZ, RUSSIAN_HZ, ENGLISH_HZ};

        Heard hears(String kind, double hz) {
            Assertions.assertThat(median.get(kind)[index(hz)]).as("%s hears %s Hz on the %s: %s", page, hz, kind, this)
                    .isGreaterThan(HEARD);
            return this;
        }

        Heard doesNotHear(String kind, double hz) {
            Assertions.assertThat(max.get(kind)[index(hz)]).as("%s does not hear %s Hz on the %s: %s", page, hz, kind, this)
                    .isLessThan(NOT_HEARD);
            return this;
        }

        private static int index(double hz) {
            for (int i = 0; i < FREQUENCIES.length; i++) {
                if (FREQUENCIES[i] == hz) {
                    return i;
                }
            }
            throw new IllegalArgumentException(String.valueOf(hz));
        }

        @Override
        public String toString() {
            var text = new StringBuilder();
            median.forEach((kind, m) -> text.append(kind).append(" median ").append(java.util.Arrays.toString(m))
                    .append(" max ").append(java.util.Arrays.toString(max.get(kind))).append("; "));
            return text.toString();
        }
    }

    private static Heard heard(Page page, String who, double waitFor) throws IOException {
        return heard(page, who, waitFor, 10_000);
    }

    /** Reads what {@code page} hears, after waiting up to {@code waitMs} for {@code waitFor} to sound. */
    private static Heard heard(Page page, String who, double waitFor, int waitMs) throws IOException {
        JsonNode reads = json((String) page.evaluate(LISTEN, List.of(List.of(FLOOR_HZ, RUSSIAN_HZ, ENGLISH_HZ), waitFor, waitMs)));
        Map<String, double[]> median = new java.util.HashMap<>();
        Map<String, double[]> max = new java.util.HashMap<>();
        for (String kind : List.of("floor", "interpretation")) {
            double[] med = new double[3];
            double[] top = new double[3];
            for (int f = 0; f < 3; f++) {
                List<Double> values = new ArrayList<>();
                for (JsonNode read : reads.get(kind)) {
                    values.add(read.get(f).asDouble());
                }
                values.sort(null);
                med[f] = values.get(values.size() / 2);
                top[f] = values.getLast();
            }
            median.put(kind, med);
            max.put(kind, top);
        }
        return new Heard(who, median, max);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}
