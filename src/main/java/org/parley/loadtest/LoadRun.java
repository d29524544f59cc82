package org.parley.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.media.client.DtlsClient;
import org.parley.media.dtls.DtlsCertificate;
import org.parley.media.udp.UdpStack;

/**
 * One load test, phase by phase: members → stage (speakers join, get invited, unmute, connect audio,
 * start sending) → server baseline → listener ramp ({@link ListenerRamp}) → settle → hold (measured)
 * → drain → clean-up (the room is ended). Every wait is bounded; the run stops by itself.
 *
 * <p>Threading: the calling thread drives the phases; a scheduler thread refreshes consent for every
 * leg and prints progress; receivers, the sender and join tasks have their own threads (see there).
 */
final class LoadRun {

    /** RFC 7675 §5.1: browsers refresh consent about every 5 s; spread over 20 ms ticks like a crowd's. */
    static final long CONSENT_PERIOD_MILLIS = 5000;
    static final long CONSENT_TICK_MILLIS = 20;
    static final int CONSENT_TICKS = (int) (CONSENT_PERIOD_MILLIS / CONSENT_TICK_MILLIS);
    /** /metrics readings before the listeners join (the newest gives the baseline heap). */
    static final int BASELINE_SAMPLES = 4;
    /** How far ahead the measurement window is announced to the sender and receivers. */
    static final long WINDOW_LEAD_MILLIS = 500;
    /** After the hold: wait until nothing arrived for this long (at most {@link #DRAIN_MAX_MILLIS}). */
    static final long DRAIN_QUIET_MILLIS = 500;
    /**
     * The drain's bound. Generous because, with kernel arrival times, what waits in the legs' own sockets
     * arrived in time and only this process has yet to read it: on a saturated machine its reader can be
     * seconds behind at the end of the hold (at 3 × 2,000 on 2 cores, ~1.5 M datagrams, read at ~0.4 M/s).
     */
    static final long DRAIN_MAX_MILLIS = 30_000;
    /** Members tried as the room's creator (createRoom allows 20 rooms per member per hour). */
    static final int CREATOR_ATTEMPTS = 5;

    private final LoadTestOptions options;
    private final List<byte[]> opus;
    private final PrintStream out;
    private final InetAddress host;
    private final SecureRandom random = new SecureRandom();
    private final CaptureClock clock = new CaptureClock();
    private final List<Leg> legs = Collections.synchronizedList(new ArrayList<>());
    private final ConsentWheel<Leg> consent = new ConsentWheel<>(CONSENT_TICKS);
    private final List<RoomSocket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final List<Receiver> receivers = new ArrayList<>();
    private final UdpStack stack;
    private volatile String phase = "starting";
    private volatile ListenerRamp ramp;
    private volatile SpeakerSender sender;
    private long clientCpuAtHoldStart;
    private long clientCpuInHold;
    /** Receive slots the server's answers gave (the most speakers one listener hears at once). */
    private volatile int answerSlots;

    LoadRun(LoadTestOptions options, List<byte[]> opus, InetAddress host, PrintStream out) {
        this.options = options;
        this.opus = opus;
        this.host = host;
        this.out = out;
        this.stack = UdpStack.select(options.udp());
    }

    Report execute() throws Exception {
        ParleyHttp http = new ParleyHttp(options.url());
        http.checkReachable();
        int s = options.speakers();
        int l = options.listeners();
        List<Member> members = new ArrayList<>(new Provisioning(http, options, out).members(s + l));
        DtlsCertificate identity = DtlsClient.newCertificate(); // one for every leg: see DtlsClient
        InetAddress local = host.isLoopbackAddress() ? host : null;
        for (int i = 0; i < options.receivers(); i++) {
            receivers.add(new Receiver(i, clock, stack));
        }
        HttpClient wsClient = RoomSocket.newClient();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("loadtest-scheduler").daemon().unstarted(r));
        scheduleConsent(scheduler);
        scheduler.scheduleAtFixedRate(this::progress, 1, 1, TimeUnit.SECONDS);
        RoomSocket moderator = null;
        try {
            phase = "stage";
            String roomId = createRoom(http, members, s);
            List<Leg> speakerLegs = new ArrayList<>();
            for (int i = 0; i < s; i++) {
                RoomSocket ws = RoomSocket.connect(wsClient, options.url(), members.get(i));
                sockets.add(ws);
                ws.call("join", "room", roomId);
                if (i == 0) {
                    moderator = ws;
                    if (options.interpreters() > 0) {
                        moderator.call("setInterpretation", "languages",
                                LoadTestOptions.INTERPRETATION_LANGUAGES.subList(0, options.interpreters()));
                    }
                } else {
                    moderator.call("inviteToSpeak", "member", members.get(i).id);
                    ws.call("answerInvitation", "accept", true);
                }
                int interpreter = i - (s - options.interpreters());
                if (interpreter >= 0) {
                    moderator.call("nameInterpreter", "member", members.get(i).id, "language",
                            LoadTestOptions.INTERPRETATION_LANGUAGES.get(interpreter));
                }
                ws.call("setMuted", "muted", false); // speakers come on stage muted
                speakerLegs.add(connectLeg(ws, i, false, identity, local));
            }
            sender = new SpeakerSender(speakerLegs, opus, options.level(), clock);
            sender.start();
            out.printf("loadtest: room %s, %d speaker(s) on stage sending Opus%s%n", roomId, s, options.interpreters() == 0
                    ? "" : ", " + options.interpreters() + " of them interpreting into "
                    + LoadTestOptions.INTERPRETATION_LANGUAGES.subList(0, options.interpreters()));

            phase = "baseline";
            List<ServerMetrics> baseline = readings(http, BASELINE_SAMPLES, 500);
            // On the server's machine its admin endpoint gives the heap after a full collection: exact.
            var localAdmin = LocalAdmin.find(options.url(), options.dataDir(), http.client);
            HeapEstimate heapBefore = localAdmin.map(a -> HeapEstimate.afterFullGc(a.heapAfterFullGc()))
                    .filter(h -> !Double.isNaN(h.bytes())).orElseGet(() -> HeapEstimate.before(baseline));

            phase = "ramp";
            ramp = new ListenerRamp(options, wsClient, roomId, this, identity, local);
            ramp.run(members.subList(s, s + l));
            phase = "settle";
            Thread.sleep(options.settle().toMillis());

            phase = "hold";
            // The window is fixed a little ahead, so the sender and the receivers know it before the
            // first packet it covers is stamped, however late this thread is scheduled.
            long windowStart = System.nanoTime() + WINDOW_LEAD_MILLIS * 1_000_000L;
            long windowEnd = windowStart + options.hold().toMillis() * 1_000_000L;
            receivers.forEach(r -> r.window(windowStart, windowEnd));
            sender.window(windowStart, windowEnd);
            Thread.sleep(Math.max(0, (windowStart - System.nanoTime()) / 1_000_000L));
            ServerMetrics first = reading(http);
            clientCpuAtHoldStart = processCpuNanos();
            List<ServerMetrics> hold = new ArrayList<>();
            while (System.nanoTime() < windowEnd) {
                Thread.sleep(Math.max(1, Math.min(1000, (windowEnd - System.nanoTime()) / 1_000_000L)));
                // Only a remote server's heap needs readings during the hold (after-GC heap, see HeapEstimate);
                // on the server's machine the admin endpoint measures it exactly, and the tool keeps its own
                // load on the server (each /metrics sums every leg's counters) out of the measured window.
                if (localAdmin.isEmpty() && System.nanoTime() < windowEnd - 200_000_000L) {
                    hold.add(reading(http));
                }
            }
            ServerMetrics last = reading(http);
            clientCpuInHold = processCpuNanos() - clientCpuAtHoldStart;
            hold.add(last);
            HeapEstimate heapAfter = localAdmin.map(a -> HeapEstimate.afterFullGc(a.heapAfterFullGc()))
                    .filter(h -> !Double.isNaN(h.bytes())).orElseGet(() -> HeapEstimate.after(first, hold));
            phase = "drain";
            sender.stop();
            drain();
            phase = "done";
            return report(first, last, heapBefore, heapAfter, s);
        } finally {
            scheduler.shutdownNow();
            scheduler.awaitTermination(2, TimeUnit.SECONDS); // no progress line after the final one
            if (sender != null) {
                sender.stop();
            }
            if (moderator != null) {
                try {
                    moderator.send("endRoom").get(5, TimeUnit.SECONDS); // every leg closes with the room
                } catch (Exception e) {
                    // the room ends anyway once everyone's grace period is over
                }
            }
            synchronized (sockets) {
                sockets.forEach(RoomSocket::close);
            }
            for (Receiver r : receivers) {
                r.stop();
            }
            synchronized (legs) {
                legs.forEach(Leg::close);
            }
        }
    }

    /** A WebSocket already in the room offers audio and connects the leg: the listener join's media half. */
    Leg connectLeg(RoomSocket ws, int index, boolean listener, DtlsCertificate identity, InetAddress local)
            throws Exception {
        String ufrag = token(8);
        String pwd = token(24);
        Leg leg = new Leg(index, listener, identity, ufrag, pwd, local == null ? anyLocal(host) : local, stack);
        legs.add(leg);
        consent.add(leg);
        receivers.get(index % receivers.size()).register(leg);
        return connect(ws, leg, identity);
    }

    private Leg connect(RoomSocket ws, Leg leg, DtlsCertificate identity) throws Exception {
        JsonNode ack = ws.call("mediaOffer", "sdp", Sdp.offer(leg.wire.ufrag(), leg.wire.pwd(), identity.fingerprint().toSdp()));
        Sdp.Answer answer = Sdp.parse(ack.path("sdp").asText());
        if (leg.listener) {
            answerSlots = answer.slots();
        }
        leg.connect(Sdp.target(answer, host), answer.ufrag(), answer.pwd());
        return leg;
    }

    PrintStream out() {
        return out;
    }

    void track(RoomSocket ws) {
        sockets.add(ws);
    }

    private String createRoom(ParleyHttp http, List<Member> members, int speakers) throws Exception {
        String title = "Load test " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ParleyHttp.RateLimited limited = null;
        for (int i = 0; i < Math.min(CREATOR_ATTEMPTS, members.size()); i++) {
            try {
                String id = http.createRoom(members.get(i), title);
                Collections.swap(members, 0, i); // the creator is the moderator: speaker 0
                return id;
            } catch (ParleyHttp.RateLimited e) {
                limited = e; // 20 rooms per member per hour: let another member start it
            }
        }
        throw limited;
    }

    /** Every leg refreshes consent once per {@link #CONSENT_PERIOD_MILLIS}, spread over the period's ticks. */
    private void scheduleConsent(ScheduledExecutorService scheduler) {
        AtomicLong tick = new AtomicLong();
        scheduler.scheduleAtFixedRate(() -> consent.due(tick.getAndIncrement()).forEach(Leg::keepConsent),
                CONSENT_TICK_MILLIS, CONSENT_TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void progress() {
        long received = receivers.stream().mapToLong(r -> r.received).sum();
        ListenerRamp r = ramp;
        SpeakerSender snd = sender;
        out.printf(Locale.ROOT, "loadtest: [%s] listeners joined %d/%d (hearing audio %d, failed %d), sent %d, received %d%n",
                phase, r == null ? 0 : r.joined.get(), options.listeners(), r == null ? 0 : r.hearing(),
                r == null ? 0 : r.failed.get(), snd == null ? 0 : snd.sent.get(), received);
    }

    /**
     * Waits until the listeners have received what was in flight: nothing new over a quiet interval in which
     * every reader swept all its sockets at least once (a reader starved by a busy machine has not looked yet,
     * so its silence proves nothing); at most {@link #DRAIN_MAX_MILLIS}.
     */
    private void drain() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_MAX_MILLIS * 1_000_000L;
        long before = -1;
        long[] sweeps = sweeps();
        while (System.nanoTime() < deadline) {
            Thread.sleep(DRAIN_QUIET_MILLIS);
            long now = receivers.stream().mapToLong(r -> r.received).sum();
            long[] later = sweeps();
            boolean allSwept = true;
            for (int i = 0; i < later.length; i++) {
                allSwept &= later[i] >= sweeps[i] + 2;
            }
            if (now == before && allSwept) {
                return;
            }
            if (allSwept) {
                sweeps = later;
            }
            before = now;
        }
    }

    private long[] sweeps() {
        return receivers.stream().mapToLong(r -> r.sweeps).toArray();
    }

    private Report report(ServerMetrics first, ServerMetrics last, HeapEstimate before, HeapEstimate after, int speakers)
            throws InterruptedException {
        for (Receiver r : receivers) {
            r.stop(); // the statistics are read below, after the reader threads are gone
        }
        Histogram delay = new Histogram();
        long windowReceived = 0;
        long withoutTimestamp = 0;
        long authFailures = 0;
        long replays = 0;
        for (Receiver r : receivers) {
            delay.add(r.delayMicros);
            windowReceived += r.windowReceived;
            withoutTimestamp += r.withoutTimestamp;
            authFailures += r.authFailures;
            replays += r.replays;
        }
        int listeners = options.listeners();
        // Per listener: the floor's loudest (up to the floor slots) of the floor speakers, plus, for a
        // listener of a language, its one interpreter. Every speaker sends the same packets.
        int slots = answerSlots == 0 ? Sdp.SLOTS : Math.min(Sdp.SLOTS, answerSlots);
        double perSpeaker = sender.sentInWindow.get() / (double) speakers;
        int floorSpeakers = speakers - options.interpreters();
        long listeningIn = java.util.stream.IntStream.range(0, listeners).filter(i -> options.listensIn(i) != null).count();
        double expected = perSpeaker * (listeners * (double) Math.min(slots, floorSpeakers) + listeningIn);
        double loss = expected == 0 ? Double.NaN : Math.max(0, 100.0 * (expected - windowReceived) / expected);
        long[] joins = ramp == null ? new long[0] : ramp.joinTimesNanos();
        double holdSeconds = options.hold().toMillis() / 1000.0;
        double forwardedPps = windowReceived / holdSeconds;
        double cpuUs = Double.NaN;
        double heapKb = Double.NaN;
        if (first != null && last != null) {
            double forwarded = last.forwarded() - first.forwarded();
            double seconds = (last.atNanos() - first.atNanos()) / 1e9;
            if (!Double.isNaN(forwarded) && seconds > 0) {
                forwardedPps = forwarded / seconds;
                cpuUs = forwarded > 0 ? (last.cpuSeconds() - first.cpuSeconds()) * 1e6 / forwarded : Double.NaN;
            }
            out.printf(Locale.ROOT, "loadtest: server: %.0f packets/s forwarded, %.1f %% of one core (process CPU); "
                    + "heap %.1f MB before the listeners (%s), %.1f MB at the end of the hold (%s)%n", forwardedPps,
                    100 * (last.cpuSeconds() - first.cpuSeconds()) / seconds, before.bytes() / 1e6, before.method(),
                    after.bytes() / 1e6, after.method());
        } else {
            out.println("loadtest: server: /metrics not readable (give --metrics-token for a remote server); "
                    + "forwarded_pps is what the listeners received");
        }
        // Per listener the server held at the end: those that joined (all L unless the ramp stopped early).
        int joined = ramp == null ? 0 : ramp.joined.get();
        if (joined > 0) {
            heapKb = (after.bytes() - before.bytes()) / 1024 / joined;
        }
        double jitterMs = ramp == null ? Double.NaN : ramp.meanJitterMs();
        out.printf(Locale.ROOT, "loadtest: joins: %d/%d listeners heard audio (%d failed to join, %d retried, "
                + "%d not started, %d joined but heard nothing in the hold), join p50 %.1f ms, p99 %.1f ms%n",
                joins.length, listeners, ramp == null ? 0 : ramp.failed.get(), ramp == null ? 0 : ramp.retried.get(),
                ramp == null ? 0 : ramp.notStarted.get(), ramp == null ? 0 : ramp.silentInHold(),
                percentileMs(joins, 0.50), percentileMs(joins, 0.99));
        out.printf(Locale.ROOT, "loadtest: packets in the %.0f s hold: expected %.0f, received %d, loss %.3f %%; "
                + "delay p50 %.2f ms, p99 %.2f ms, max %.1f ms; jitter (RFC 3550) mean %.2f ms%n", holdSeconds, expected,
                windowReceived, loss, delay.percentile(0.5) / 1000, delay.percentile(0.99) / 1000,
                delay.percentile(1.0) / 1000, jitterMs);
        // The clients share the machine with the server when run locally: if they are starved, delay and
        // join time grow in their own queues, not the server's. This says how busy they were.
        out.printf(Locale.ROOT, "loadtest: client: %.1f %% of one core during the hold (this process), %d packets "
                + "without a send time, %d failed SRTP authentication, %d refused as replays, %d late sender ticks, %d failed sends%n",
                100.0 * clientCpuInHold / (holdSeconds * 1e9), withoutTimestamp, authFailures, replays, sender.late.get(),
                sender.sendFailures.get());
        return new Report(speakers, listeners, options.hold().toSeconds(), forwardedPps, cpuUs, loss,
                percentileMs(joins, 0.99), delay.percentile(0.5) / 1000, delay.percentile(0.99) / 1000, heapKb,
                options.interpreters());
    }

    static double percentileMs(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sortedNanos.length - 1, Math.max(0, Math.ceil(q * sortedNanos.length) - 1));
        return sortedNanos[i] / 1e6;
    }

    private List<ServerMetrics> readings(ParleyHttp http, int samples, long pauseMillis) throws InterruptedException {
        List<ServerMetrics> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                Thread.sleep(pauseMillis);
            }
            out.add(reading(http));
        }
        return out;
    }

    /** One {@code /metrics} reading; null when the server does not let us read it. */
    private ServerMetrics reading(ParleyHttp http) {
        return ServerMetrics.parse(http.metrics(options.metricsToken()), System.nanoTime());
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static InetAddress anyLocal(InetAddress target) {
        try {
            return InetAddress.getByName(target instanceof java.net.Inet6Address ? "::" : "0.0.0.0");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ICE characters (RFC 8839 §5.4: ALPHA / DIGIT / "+" / "/"). */
    private String token(int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }
}
