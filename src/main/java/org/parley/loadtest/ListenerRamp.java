package org.parley.loadtest;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import org.parley.media.dtls.DtlsCertificate;

/**
 * Joins the listeners at {@code --ramp-rate} per second, at most {@code --max-pending} at a time, each
 * on a virtual thread: WebSocket and {@code hello}, {@code join} (the join clock starts) with the {@code
 * mediaOffer} right behind it, then the leg's ICE check, DTLS handshake and SRTP. The join ends, for the join time,
 * when the leg's first audio packet arrives (the receiver notes it).
 *
 * <p>Threading: {@link #run} on the orchestrator's thread; join tasks on virtual threads; the counters
 * are atomics; the legs' statistics are read once the receivers stopped.
 */
final class ListenerRamp {

    /** A join task not finished this long after the last one started is given up. */
    static final long FINISH_TIMEOUT_MILLIS = 90_000;
    /** Failure reasons shown, so a broken setup is diagnosable without drowning the output. */
    static final int REASONS_SHOWN = 5;
    /** Attempts per listener join. */
    static final int JOIN_ATTEMPTS = 2;

    private final LoadTestOptions options;
    private final HttpClient wsClient;
    private final String roomId;
    private final LoadRun run;
    private final DtlsCertificate identity;
    private final InetAddress local;
    private final List<Leg> listenerLegs = Collections.synchronizedList(new ArrayList<>());
    /** Where each successful join's time went; printed after the ramp. */
    private final List<Steps> steps = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger joined = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger notStarted = new AtomicInteger();

    ListenerRamp(LoadTestOptions options, HttpClient wsClient, String roomId, LoadRun run,
                 DtlsCertificate identity, InetAddress local) {
        this.options = options;
        this.wsClient = wsClient;
        this.roomId = roomId;
        this.run = run;
        this.identity = identity;
        this.local = local;
    }

    void run(List<Member> listeners) throws InterruptedException {
        Semaphore inFlight = new Semaphore(options.maxPending());
        long start = System.nanoTime();
        double intervalNanos = 1e9 / options.rampRate();
        List<Thread> tasks = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            long due = start + (long) (i * intervalNanos);
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            if (failed.get() > options.maxFailedJoins()) {
                notStarted.addAndGet(listeners.size() - i);
                run.out().printf("loadtest: more than %d joins failed: the ramp stops at %d listeners (--max-failed-joins)%n",
                        options.maxFailedJoins(), i);
                break;
            }
            if (!inFlight.tryAcquire(FINISH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                notStarted.addAndGet(listeners.size() - i);
                break;
            }
            Member member = listeners.get(i);
            int index = options.speakers() + i;
            tasks.add(Thread.ofVirtual().name("loadtest-join-" + i).start(() -> {
                try {
                    join(member, index);
                    joined.incrementAndGet();
                } catch (Exception e) {
                    if (failed.incrementAndGet() <= REASONS_SHOWN) {
                        out().println("loadtest: listener " + member.username + " could not join: "
                                + (e instanceof JoinFailed ? e.getMessage() : describe(e)));
                    }
                } finally {
                    inFlight.release();
                }
            }));
        }
        long deadline = System.nanoTime() + FINISH_TIMEOUT_MILLIS * 1_000_000L;
        for (Thread t : tasks) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        }
        printSteps();
    }

    /**
     * The timestamps of one successful join attempt (System.nanoTime): {@code join} sent, its ack,
     * the {@code mediaOffer}'s answer (the offer was sent right behind the join), the leg connected
     * (ICE check and DTLS handshake done); the first audio packet is the leg's.
     */
    private record Steps(long start, long acked, long answered, long connected, Leg leg) {}

    /**
     * Where the join time went, per step, over the joins whose first audio had arrived by the end of
     * the ramp: the steps add up to the join time of the summary (which also counts a failed first
     * attempt; these are the last attempt's steps).
     */
    private void printSteps() {
        List<Steps> done;
        synchronized (steps) {
            done = steps.stream().filter(s -> s.leg().firstAudioNanos != 0 && s.answered() != 0).toList();
        }
        if (done.isEmpty()) {
            return;
        }
        out().printf(Locale.ROOT, "loadtest: join steps p50 / p99 over %d listeners: join ack %s, "
                        + "mediaOffer answer %s, ICE check + DTLS handshake %s, first audio packet %s ms%n", done.size(),
                step(done, s -> s.acked() - s.start()), step(done, s -> s.answered() - s.acked()),
                step(done, s -> s.connected() - s.answered()), step(done, s -> s.leg().firstAudioNanos - s.connected()));
    }

    private static String step(List<Steps> done, ToLongFunction<Steps> nanos) {
        long[] sorted = done.stream().mapToLong(nanos).map(n -> Math.max(0, n)).sorted().toArray();
        return String.format(Locale.ROOT, "%.1f / %.1f", LoadRun.percentileMs(sorted, 0.50),
                LoadRun.percentileMs(sorted, 0.99));
    }

    /**
     * One listener's join, tried again once from the start (new WebSocket, new leg) if a step fails,
     * as a browser's client would reconnect; the join time still counts from the first attempt.
     */
    private void join(Member member, int index) throws Exception {
        long firstStart = 0;
        for (int attempt = 1; ; attempt++) {
            String step = "WebSocket";
            try {
                RoomSocket ws = RoomSocket.connect(wsClient, options.url(), member);
                run.track(ws);
                long joinStart = System.nanoTime();
                firstStart = firstStart == 0 ? joinStart : firstStart;
                step = "join";
                // The offer goes right behind the join, as the web client sends it (web/rooms/audio/audio.js): the
                // server takes a connection's messages in order, so it answers the offer after the
                // join without the client waiting a round trip in between.
                var joinAnswer = ws.send("join", "room", roomId);
                String language = options.listensIn(index - options.speakers());
                if (language != null) {
                    ws.send("listenIn", "language", language); // kept for the offer right behind it
                }
                step = "audio leg";
                Leg leg;
                try {
                    leg = run.connectLeg(ws, index, true, identity, local);
                } catch (Exception e) {
                    step = "join";
                    try {
                        joinAnswer.get(); // a refused join is the reason (the offer then said not_in_room)
                    } catch (ExecutionException refused) {
                        throw refused.getCause() instanceof Exception cause ? cause : refused;
                    }
                    step = "audio leg";
                    throw e;
                }
                long connected = System.nanoTime();
                leg.joinStartNanos = firstStart;
                listenerLegs.add(leg);
                steps.add(new Steps(joinStart, ws.answeredNanos("join"), ws.answeredNanos("mediaOffer"), connected, leg));
                return;
            } catch (Exception e) {
                if (attempt >= JOIN_ATTEMPTS) {
                    throw new JoinFailed(step, e);
                }
                retried.incrementAndGet();
            }
        }
    }

    /** Which step of a join failed, and why. */
    static final class JoinFailed extends Exception {
        JoinFailed(String step, Exception cause) {
            super(step + ": " + describe(cause), cause);
        }
    }

    /** Listeners whose leg has decrypted audio so far (racy read, for progress). */
    int hearing() {
        synchronized (listenerLegs) {
            int n = 0;
            for (Leg leg : listenerLegs) {
                if (leg.firstAudioNanos != 0) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Join → first audio, per listener that heard audio, sorted. */
    long[] joinTimesNanos() {
        synchronized (listenerLegs) {
            return listenerLegs.stream().filter(l -> l.firstAudioNanos != 0 && l.joinStartNanos != 0)
                    .mapToLong(l -> l.firstAudioNanos - l.joinStartNanos).sorted().toArray();
        }
    }

    /** Mean RFC 3550 interarrival jitter over every listener's receive slots that carried audio, in ms. */
    double meanJitterMs() {
        double sum = 0;
        int n = 0;
        synchronized (listenerLegs) {
            for (Leg leg : listenerLegs) {
                for (int i = 0; i < leg.slotSeen.length; i++) {
                    if (leg.slotSeen[i]) {
                        sum += leg.jitterQ4[i] / 16.0 / 48.0; // timestamp units of 1/48 ms
                        n++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Joined listeners that received nothing during the hold (dropped by the server, e.g. consent expired). */
    int silentInHold() {
        synchronized (listenerLegs) {
            return (int) listenerLegs.stream().filter(l -> l.windowPackets == 0).count();
        }
    }

    private PrintStream out() {
        return run.out();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
