package org.parley.loadtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * {@code parley loadtest}: loads a running Parley server with speakers and listeners that speak the
 * browser's wire protocol, measures what they experience and what the server spends, and prints one
 * machine-readable line last (docs/benchmarks.md). Exit status: 0 done, 1 the run failed (or loss was
 * above {@code --fail-loss-pct}), 2 a bad command line.
 */
public final class LoadTest {

    static final String TONE = "/loadtest/tone-440hz-20ms.opus";
    /** Held: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger JITSI_LOG = java.util.logging.Logger.getLogger("org.jitsi");

    private LoadTest() {}

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        LoadTestOptions options;
        List<byte[]> opus;
        InetAddress host;
        try {
            options = LoadTestOptions.parse(args, env);
            if (options == null) {
                out.print(LoadTestOptions.help());
                return 0;
            }
            opus = OggOpusReader.packets(readOpus(options));
            host = InetAddress.getByName(options.url().getHost());
        } catch (LoadTestOptions.UsageException e) {
            err.println("parley loadtest: " + e.getMessage() + "\n(parley loadtest --help lists the options)");
            return 2;
        } catch (OggOpusReader.BadOpusFile | IOException e) {
            err.println("parley loadtest: cannot use the Opus file: " + e.getMessage());
            return 2;
        }
        try {
            Report report = new LoadRun(options, opus, host, out).execute();
            out.println(report.finalLine());
            out.flush();
            if (options.failLossPct() >= 0 && !(report.lossPct() <= options.failLossPct())) {
                err.printf("parley loadtest: loss %s %% is above --fail-loss-pct %s%n", report.lossPct(), options.failLossPct());
                return 1;
            }
            return 0;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            err.println("parley loadtest: cannot connect to " + options.url() + " (is the server running?)");
            return 1;
        } catch (UnknownHostException e) {
            err.println("parley loadtest: unknown host in --url: " + e.getMessage());
            return 2;
        } catch (ParleyHttp.RateLimited | ParleyHttp.ApiFailure | RoomSocket.Refused e) {
            err.println("parley loadtest: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("parley loadtest: interrupted");
            return 1;
        } catch (Exception e) {
            err.println("parley loadtest: the run failed: " + e);
            return 1;
        }
    }

    /**
     * On the command line the load test's own output is the point: the media libraries' start-up notes
     * (jitsi-srtp logs through java.util.logging, Parley's SRTP provider through logback) go to WARN,
     * unless PARLEY_LOG_LEVEL asks for more.
     */
    public static void quietLibraryLogs(Map<String, String> env) {
        if (env.get("PARLEY_LOG_LEVEL") == null) {
            JITSI_LOG.setLevel(java.util.logging.Level.WARNING);
            if (org.slf4j.LoggerFactory.getLogger("org.parley") instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    private static byte[] readOpus(LoadTestOptions options) throws IOException {
        if (options.opus() != null) {
            return Files.readAllBytes(options.opus());
        }
        try (InputStream in = LoadTest.class.getResourceAsStream(TONE)) {
            if (in == null) {
                throw new IOException("the built-in tone " + TONE + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }
}
