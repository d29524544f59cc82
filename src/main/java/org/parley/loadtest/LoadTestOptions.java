package org.parley.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.media.udp.UdpStack;

/**
 * The options of {@code parley loadtest}, every default named here and shown by {@code --help}.
 *
 * @param url           the Parley server to load; the only address the tool sends to
 * @param speakers      members on stage sending Opus
 * @param listeners     members in the audience, each with its own audio leg
 * @param hold          the measured hold phase (the final line's {@code duration_s})
 * @param rampRate      listener joins started per second
 * @param maxPending    listener joins in progress at once (the ramp waits beyond that)
 * @param settle        wait between the last join and the start of the hold
 * @param invite        an administrator invitation code or link, when the tool cannot get one itself
 * @param dataDir       where the local admin endpoint file and the member cache are
 * @param metricsToken  bearer token for {@code /metrics} of a non-loopback server
 * @param opus          an Ogg Opus file of 20 ms packets; null: the built-in 440 Hz tone
 * @param level         RFC 6464 audio level the speakers announce, in -dBov (0 loudest, 127 silence)
 * @param receivers     client threads reading the listeners' sockets
 * @param failLossPct   exit with status 1 when loss is above this (negative: never)
 * @param maxFailedJoins the ramp stops starting joins after this many failed (an overloaded server);
 *                      the hold still runs, and the listeners never started count as lost
 * @param udp           the UDP stack of the legs' sockets (auto: the native one where it loads, for
 *                      batched reads and kernel arrival times)
 * @param interpreters  of the speakers, how many interpret, each into its own language
 *                      ({@link #INTERPRETATION_LANGUAGES}); the listeners are spread evenly over the floor
 *                      and those languages (docs/media.md "Interpretation channels")
 */
record LoadTestOptions(URI url, int speakers, int listeners, Duration hold, double rampRate, int maxPending,
                       Duration settle, String invite, Path dataDir, String metricsToken, Path opus, int level,
                       int receivers, double failLossPct, int maxFailedJoins, UdpStack.Choice udp, int interpreters) {

    /** The languages interpreters interpret into, in order: the first K are used. */
    static final List<String> INTERPRETATION_LANGUAGES = List.of("en", "fr", "es", "it");

    /** The language listener {@code index} listens in: null (the floor) for every (K+1)-th, else one of K. */
    String listensIn(int index) {
        int channel = index % (interpreters + 1);
        return channel == 0 ? null : INTERPRETATION_LANGUAGES.get(channel - 1);
    }

    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final int DEFAULT_SPEAKERS = 1;
    static final int DEFAULT_LISTENERS = 100;
    static final Duration DEFAULT_HOLD = Duration.ofSeconds(60);
    /** The join-time target is stated at 50 joins per second. */
    static final double DEFAULT_RAMP_RATE = 50;
    static final int DEFAULT_MAX_PENDING = 100;
    static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
    /** -20 dBov: clearly speech, well above the SFU's silence threshold (127). */
    static final int DEFAULT_LEVEL = 20;
    static final int DEFAULT_RECEIVERS = 1;
    /** The speakers are bounded so one sender thread keeps 20 ms pacing. */
    static final int MAX_SPEAKERS = 16;
    static final int MAX_LISTENERS = 20_000;

    /** A bad command line: the message is shown with the usage hint and exit status 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static String help() {
        return String.format(Locale.ROOT, """
                Usage: parley loadtest [options]

                Loads a running Parley server like real clients would: signs members up through the public
                API, puts S speakers on stage sending Opus (20 ms packets) and adds L listeners, each with a
                full audio leg (ICE check, DTLS 1.2 handshake, SRTP). Ramps up, holds, measures, stops by
                itself. The last line printed is machine-readable:
                  parley-loadtest speakers=S listeners=L duration_s=D forwarded_pps=X server_cpu_us_per_packet=Y
                  loss_pct=Z join_p99_ms=A delay_p50_ms=B delay_p99_ms=C heap_kb_per_listener=H

                Options (defaults in brackets):
                  --url URL              Parley server to load; nothing else is contacted [%s]
                  --speakers S           members on stage sending audio, 1-%d [%d]
                  --listeners L          listeners, each with its own audio leg, 0-%d [%d]
                  --duration D           hold time measured after the ramp, e.g. 60s, 2m, 500ms [%ds]
                  --hold D               same as --duration
                  --ramp-rate R          listener joins started per second [%.0f]
                  --max-pending N        listener joins in progress at once [%d]
                  --settle D             pause between the last join and the hold [%ds]
                  --invite CODE|LINK     administrator invitation (./parley invite --admin); not needed on
                                         the server's own machine when --data-dir holds its admin endpoint
                  --data-dir DIR         the server's data folder: admin endpoint file, and where the
                                         members created are cached (loadtest-members.json) [PARLEY_DATA_DIR or ./data]
                  --metrics-token TOKEN  bearer token for /metrics of a non-loopback server [PARLEY_METRICS_TOKEN]
                  --opus FILE            Ogg Opus file of 20 ms packets to send [built-in 440 Hz tone, 32 kbit/s CBR]
                  --level N              audio level the speakers announce, -dBov 0-126 [%d]
                  --receivers N          client threads reading listener sockets [%d]
                  --fail-loss-pct P      exit with status 1 when loss is above P percent [never]
                  --max-failed-joins N   stop the ramp after N failed joins; the hold still runs and the
                                         listeners not started count as lost [10%% of L, at least 10]
                  --udp auto|linux|nio   the legs' UDP stack: linux reads batches (recvmmsg) and takes the
                                         kernel's arrival times; auto uses it where it loads [auto]
                  --interpreters K       of the S speakers, K interpret (into en, fr, es, it), 0-4 and
                                         fewer than S; listeners spread over the floor and the K languages [0]
                  --help                 this text

                Sign-ups are rate-limited per IP (PARLEY_AUTH_ATTEMPTS_PER_IP, default 30 per 10 minutes):
                start the server with e.g. PARLEY_AUTH_ATTEMPTS_PER_IP=100000 for large load tests.
                Members are cached and reused by later runs. See docs/benchmarks.md.
                """, DEFAULT_URL, MAX_SPEAKERS, DEFAULT_SPEAKERS, MAX_LISTENERS, DEFAULT_LISTENERS,
                DEFAULT_HOLD.toSeconds(), DEFAULT_RAMP_RATE, DEFAULT_MAX_PENDING, DEFAULT_SETTLE.toSeconds(),
                DEFAULT_LEVEL, DEFAULT_RECEIVERS);
    }

    /** Parses the arguments after {@code loadtest}; null when {@code --help} was asked for. */
    static LoadTestOptions parse(List<String> args, Map<String, String> env) throws UsageException {
        URI url = URI.create(DEFAULT_URL);
        int speakers = DEFAULT_SPEAKERS;
        int listeners = DEFAULT_LISTENERS;
        Duration hold = DEFAULT_HOLD;
        double rampRate = DEFAULT_RAMP_RATE;
        int maxPending = DEFAULT_MAX_PENDING;
        Duration settle = DEFAULT_SETTLE;
        String invite = null;
        Path dataDir = Path.of(env.getOrDefault("PARLEY_DATA_DIR", "./data"));
        String metricsToken = env.get("PARLEY_METRICS_TOKEN");
        Path opus = null;
        int level = DEFAULT_LEVEL;
        int receivers = DEFAULT_RECEIVERS;
        double failLossPct = -1;
        int maxFailedJoins = -1;
        UdpStack.Choice udp = UdpStack.Choice.AUTO;
        int interpreters = 0;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (!option.startsWith("--")) {
                throw new UsageException("unexpected argument '" + option + "'");
            }
            String value;
            int eq = option.indexOf('=');
            if (eq > 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(option + " needs a value");
            }
            switch (option) {
                case "--url" -> url = url(value);
                case "--speakers" -> speakers = integer(option, value, 1, MAX_SPEAKERS);
                case "--listeners" -> listeners = integer(option, value, 0, MAX_LISTENERS);
                case "--duration", "--hold" -> hold = duration(option, value, Duration.ofSeconds(1), Duration.ofHours(6));
                case "--ramp-rate" -> rampRate = number(option, value, 0.1, 10_000);
                case "--max-pending" -> maxPending = integer(option, value, 1, 10_000);
                case "--settle" -> settle = duration(option, value, Duration.ZERO, Duration.ofMinutes(10));
                case "--invite" -> invite = inviteCode(value);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--metrics-token" -> metricsToken = value;
                case "--opus" -> opus = Path.of(value);
                case "--level" -> level = integer(option, value, 0, 126);
                case "--receivers" -> receivers = integer(option, value, 1, 16);
                case "--fail-loss-pct" -> failLossPct = number(option, value, 0, 100);
                case "--max-failed-joins" -> maxFailedJoins = integer(option, value, 0, MAX_LISTENERS);
                case "--udp" -> udp = udpChoice(value);
                case "--interpreters" -> interpreters = integer(option, value, 0, INTERPRETATION_LANGUAGES.size());
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        if (interpreters >= speakers) {
            throw new UsageException("--interpreters must be fewer than --speakers: someone speaks on the floor");
        }
        if (maxFailedJoins < 0) {
            maxFailedJoins = Math.max(10, listeners / 10);
        }
        return new LoadTestOptions(url, speakers, listeners, hold, rampRate, maxPending, settle, invite, dataDir,
                metricsToken, opus, level, receivers, failLossPct, maxFailedJoins, udp, interpreters);
    }

    private static UdpStack.Choice udpChoice(String value) throws UsageException {
        try {
            return UdpStack.Choice.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--udp: " + e.getMessage());
        }
    }

    private static URI url(String value) throws UsageException {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null) {
                throw new UsageException("--url must be the server's base address, e.g. " + DEFAULT_URL + " (got '" + value + "')");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new UsageException("--url is not a URL: '" + value + "'");
        }
    }

    /** Accepts the code itself or an invitation link ending in {@code /invite/CODE}. */
    private static String inviteCode(String value) throws UsageException {
        String code = value.contains("/invite/") ? value.substring(value.lastIndexOf("/invite/") + 8) : value;
        if (code.isBlank() || code.contains("/")) {
            throw new UsageException("--invite needs an invitation code or link (from ./parley invite --admin)");
        }
        return code.strip();
    }

    private static int integer(String option, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + " (got " + n + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number (got '" + value + "')");
        }
    }

    private static double number(String option, String value, double min, double max) throws UsageException {
        try {
            double n = Double.parseDouble(value);
            if (!(n >= min && n <= max)) {
                throw new UsageException(option + " must be between " + min + " and " + max + " (got " + value + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number (got '" + value + "')");
        }
    }

    /** {@code 60}, {@code 60s}, {@code 2m}, {@code 500ms}; a bare number is seconds. */
    static Duration duration(String option, String value, Duration min, Duration max) throws UsageException {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(value.strip());
        if (!m.matches()) {
            throw new UsageException(option + " needs a duration like 60s, 2m or 500ms (got '" + value + "')");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = amount * switch (unit) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1000;
        };
        Duration d = Duration.ofMillis(Math.round(millis));
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new UsageException(option + " must be between " + min.toMillis() + " ms and " + max.toMinutes()
                    + " min (got '" + value + "')");
        }
        return d;
    }
}
