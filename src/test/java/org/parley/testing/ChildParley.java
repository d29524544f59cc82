package org.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Parley server in a process of its own ({@code java … org.parley.app.Main}, as {@code ./parley}
 * runs it), so that a test can {@code kill -9} it: the crash and disk-full drills. It runs on 127.0.0.1
 * with ports chosen by the system; its output is appended to {@code log}.
 */
public final class ChildParley implements AutoCloseable {

    /** Longest a start may take on a busy 2-core machine (JVM, Flyway, Jetty). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private ChildParley(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server on {@code dataDir} with {@code settings} on top of the test defaults; waits until it listens. */
    public static ChildParley start(Path dataDir, Map<String, String> settings, Path log) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.parley.app.Main"));
        var builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PARLEY_"));
        env.putAll(TestParley.settings(dataDir));
        env.put("PARLEY_MEDIA_SOCKET", "nio"); // the drills do not send audio
        env.putAll(settings);
        try {
            Files.createDirectories(log.getParent());
            long from = Files.exists(log) ? Files.size(log) : 0;
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            return new ChildParley(process, awaitPort(process, log, from));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int awaitPort(Process process, Path log, long from) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String out = tail(log, from);
            Matcher m = LISTENING.matcher(out);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited with " + process.exitValue() + " while starting:\n" + out);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Parley did not listen within " + START_TIMEOUT + ":\n" + tail(log, from));
    }

    private static String tail(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no flush, no close. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** A clean stop (SIGTERM: the shutdown hook closes the server in order). */
    public void stop() {
        process.destroy();
        waitFor();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
