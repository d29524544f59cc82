package org.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code firefox-esr}, headless, in a {@link NetworkNamespace}, with a fresh profile and
 * fake media devices, driven over WebDriver BiDi ({@link BiDi}). Nothing is downloaded: the test
 * skips when the package is missing ({@code apt-get install firefox-esr}; {@code .ci/run} does).
 *
 * <p>Firefox's remote agent listens on the namespace's 127.0.0.1 only, so a {@link NamespaceRelay}
 * inside the namespace makes it reachable on the namespace's veth address. {@link #close} ends Firefox, every process it started, the
 * relay, and deletes the profile; the caller then removes the namespace.
 */
final class FirefoxEsr implements AutoCloseable {

    static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    /** Inside the namespace nothing else listens, so a fixed port is free. */
    private static final int AGENT_PORT = 9222;
    /** Start-up on a busy 2-core machine: a few seconds; this is the bound. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);

    private final Path home;
    private final Process firefox;
    private final Process relay;
    private final BiDi bidi;
    private final List<JsonNode> logEntries = new CopyOnWriteArrayList<>();

    private FirefoxEsr(Path home, Process firefox, Process relay, BiDi bidi) {
        this.home = home;
        this.firefox = firefox;
        this.relay = relay;
        this.bidi = bidi;
    }

    /** Skips the test, saying why, where Debian's Firefox ESR is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(FIREFOX),
                "Firefox test skipped: " + FIREFOX + " is missing (apt-get install -y firefox-esr)");
    }

    /**
     * Starts Firefox in {@code ns}, treating {@code secureHost} (Parley's address on the link, plain
     * HTTP) as a secure context, as 127.0.0.1 would be: getUserMedia needs one.
     */
    static FirefoxEsr start(NetworkNamespace ns, String secureHost) {
        assumeInstalled();
        Path home;
        try {
            home = Files.createTempDirectory("parley-firefox-");
            Files.createDirectories(home.resolve("profile"));
            Files.writeString(home.resolve("profile").resolve("user.js"), FirefoxPrefs.userJs(secureHost));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process firefox = null;
        Process relay = null;
        try {
            var builder = new ProcessBuilder(ns.exec(List.of(FIREFOX.toString(), "--headless", "--no-remote",
                    "--profile", home.resolve("profile").toString(), "--remote-debugging-port", String.valueOf(AGENT_PORT),
                    "about:blank")));
            Map<String, String> env = builder.environment();
            env.put("HOME", home.toString());
            env.put("MOZ_HEADLESS", "1");
            env.put("MOZ_CRASHREPORTER_DISABLE", "1");
            // Errors of the WebRTC negotiation (JSEP) reach this log; see log().
            env.put("MOZ_LOG", "jsep:3");
            builder.redirectErrorStream(true).redirectOutput(home.resolve("firefox.log").toFile());
            firefox = builder.start();
            relay = startRelay(ns);
            BiDi bidi = BiDi.connect(URI.create("ws://" + ns.innerAddress() + ":" + AGENT_PORT + "/session"), START_TIMEOUT);
            FirefoxEsr browser = new FirefoxEsr(home, firefox, relay, bidi);
            bidi.on("log.entryAdded", browser.logEntries::add);
            bidi.send("session.new", Map.of("capabilities", Map.of()));
            bidi.send("session.subscribe", Map.of("events", List.of("log.entryAdded")));
            return browser;
        } catch (IOException | RuntimeException | Error e) {
            stop(firefox);
            stop(relay);
            String log = readLog(home);
            delete(home);
            throw new IllegalStateException("Firefox did not start: " + e.getMessage() + "\n" + log, e);
        }
    }

    /** The first tab of the browser. */
    FirefoxTab tab() {
        JsonNode tree = bidi.send("browsingContext.getTree", Map.of());
        return new FirefoxTab(bidi, tree.path("contexts").path(0).path("context").asText(), logEntries);
    }

    /** Everything the pages logged to the console (BiDi {@code log.entryAdded}: console and JavaScript errors). */
    List<JsonNode> consoleEntries() {
        return List.copyOf(logEntries);
    }

    /** Firefox's own output so far: its standard output and error, with the {@code jsep} log. */
    String log() {
        return readLog(home);
    }

    @Override
    public void close() {
        try {
            bidi.send("browser.close", Map.of(), Duration.ofSeconds(5));
        } catch (AssertionError e) {
            // killed below
        }
        bidi.close();
        stop(firefox);
        stop(relay);
        delete(home);
    }

    private static Process startRelay(NetworkNamespace ns) {
        Path classes;
        try {
            classes = Path.of(NamespaceRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> java = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classes.toString(),
                NamespaceRelay.class.getName(), ns.innerAddress(), String.valueOf(AGENT_PORT));
        try {
            Process relay = new ProcessBuilder(ns.exec(java)).redirectErrorStream(true).start();
            var out = new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(NamespaceRelay.READY)) {
                    return relay;
                }
                said.append(line).append('\n'); // a JVM warning, say
            }
            stop(relay);
            throw new IllegalStateException("relay into the namespace did not start:\n" + said);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends a process and everything it started (Firefox runs a dozen content processes). */
    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            all.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String readLog(Path home) {
        try {
            Path log = home.resolve("firefox.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
