package org.parley.media.session;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.media.FanOutConfig;
import org.parley.media.MediaServer;
import org.parley.media.dtls.DtlsConfig;
import org.parley.media.forward.ForwardConfig;
import org.parley.media.rtp.RtpWriter;
import org.parley.media.sdp.Offers;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.transport.MediaConfig;

/**
 * The forwarding benchmark of the media issue (docs/benchmarks.md): server CPU time per forwarded
 * packet and the latency forwarding adds, with S speakers and L listener legs connected over real
 * UDP on loopback (ICE, DTLS, SRTP), one {@link MediaServer} in this JVM.
 *
 * <p>Usage: {@code ForwardingBenchmark [--speakers S] [--duration SECONDS] [--senders T] [listeners...]},
 * default {@code --speakers 1 --duration 20 200 1} and the server's default sender threads. The run with one listener is the baseline: its latency
 * is almost all client work and loopback, so the difference to it is what fanning out adds; put it
 * last, so that it runs on compiled code (a cold JVM forwards 50 packets a second in the interpreter).
 * Prints one {@code parley-forwarding ...} line per size, a {@code parley-forwarding-detail} line,
 * and with a baseline a {@code parley-forwarding-added} line.
 */
public final class ForwardingBenchmark {

    static final String ROOM = "bench";
    static final int PACKETS_PER_SECOND = 50;
    static final int PAYLOAD = 80;
    static final int AUDIO_LEVEL = 10; // -10 dBov: loud (RFC 6464)
    static final int SETUP_IN_FLIGHT = 20;
    static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");
    static final Pattern PORT = Pattern.compile("a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 (\\d+) typ host");

    record Result(int speakers, int listeners, int duration, double rampSeconds, double forwardedPps,
                  double serverCpuUsPerPacket, double serverCpuUsPerInPacket, double serverCpuPct,
                  double clientCpuUsPerPacket, double processCpuUsPerPacket, long serverSent, long windowArrivals,
                  double p50, double p99, double max, double firstP50, double spreadP50, double spreadP99,
                  double lossPct, long unprotectFailures) {}

    public static void main(String[] args) throws Exception {
        int speakers = 1;
        int duration = 20;
        int senders = 0;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--speakers" -> speakers = Integer.parseInt(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--senders" -> senders = Integer.parseInt(args[++i]);
                default -> sizes.add(Integer.parseInt(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(200, 1); // the baseline last, on code the JIT has compiled
        }
        Result baseline = null;
        List<Result> results = new ArrayList<>();
        for (int listeners : sizes) {
            Result r = run(speakers, listeners, duration, senders);
            System.out.printf(Locale.ROOT, "parley-forwarding speakers=%d listeners=%d duration_s=%d forwarded_pps=%.0f "
                    + "server_cpu_us_per_packet=%.2f latency_p50_ms=%.3f latency_p99_ms=%.3f loss_pct=%.3f%n",
                    r.speakers, r.listeners, r.duration, r.forwardedPps, r.serverCpuUsPerPacket, r.p50, r.p99, r.lossPct);
            System.out.printf(Locale.ROOT, "parley-forwarding-detail listeners=%d join_ramp_s=%.1f "
                    + "server_cpu_us_per_incoming_packet=%.1f server_receive_thread_cpu_pct=%.1f "
                    + "client_cpu_us_per_packet=%.2f process_cpu_us_per_packet=%.2f server_sent=%d listener_arrivals=%d "
                    + "latency_max_ms=%.3f first_listener_p50_ms=%.3f fanout_spread_p50_ms=%.3f fanout_spread_p99_ms=%.3f "
                    + "unprotect_failures=%d%n",
                    r.listeners, r.rampSeconds, r.serverCpuUsPerInPacket, r.serverCpuPct, r.clientCpuUsPerPacket,
                    r.processCpuUsPerPacket, r.serverSent, r.windowArrivals, r.max, r.firstP50, r.spreadP50,
                    r.spreadP99, r.unprotectFailures);
            results.add(r);
            if (listeners == 1) {
                baseline = r;
            }
            System.out.flush();
        }
        for (Result r : results) {
            if (baseline != null && r.listeners > 1) {
                System.out.printf(Locale.ROOT, "parley-forwarding-added listeners=%d added_latency_p50_ms=%.3f "
                        + "added_latency_p99_ms=%.3f (minus the 1-listener baseline)%n",
                        r.listeners, r.p50 - baseline.p50, r.p99 - baseline.p99);
            }
        }
    }

    /** @param senders sender threads of the server; 0 for {@link FanOutConfig#defaultSenderThreads()} */
    static Result run(int speakers, int listeners, int duration, int senders) throws Exception {
        var transport = MediaConfig.defaults().withPort(0).withBindAddress(InetAddress.getLoopbackAddress())
                .withAdvertisedAddresses(List.of(InetAddress.getLoopbackAddress()));
        int total = duration * PACKETS_PER_SECOND;
        int warmup = Math.min(3, Math.max(1, duration / 4)) * PACKETS_PER_SECOND;
        List<BenchLeg> legs = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (MediaServer media = MediaServer.start(new MediaServer.Config(transport, DtlsConfig.defaults(),
                ForwardConfig.defaults().withHonourVoiceActivity(false)).withFanOut(
                FanOutConfig.defaults().withSenderThreads(senders > 0 ? senders : FanOutConfig.defaultSenderThreads())),
                (room, who) -> { })) {
            var receiver = new BenchReceiver(speakers, total + 1, (int) Math.min(Integer.MAX_VALUE - 8,
                    (long) listeners * speakers * (total - warmup + 1)));
            receiver.measure(warmup, total - 1);
            for (int i = 0; i < speakers + listeners; i++) {
                legs.add(BenchLeg.open(i, i >= speakers));
            }

            // RFC 7675 §5.1: every leg refreshes consent every 5 s, spread evenly over 20 ms ticks as a
            // crowd's would be (250 ticks per round). Started before the ramp: the first legs must not expire
            // (10 s) while the last ones join.
            ScheduledExecutorService consent = Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().name("bench-consent").daemon().unstarted(r));
            long[] tick = {0};
            consent.scheduleAtFixedRate(() -> {
                int n = legs.size();
                long t = tick[0]++;
                for (long k = t * n / 250; k < (t + 1) * n / 250; k++) {
                    legs.get((int) (k % n)).wire().keepConsent();
                }
            }, 20, 20, TimeUnit.MILLISECONDS);

            // Join ramp: SETUP_IN_FLIGHT offers, checks and handshakes at a time.
            long rampStart = System.nanoTime();
            ExecutorService setup = Executors.newFixedThreadPool(SETUP_IN_FLIGHT,
                    r -> Thread.ofPlatform().name("bench-setup").daemon().unstarted(r));
            List<Future<?>> joins = new ArrayList<>();
            for (BenchLeg leg : legs) {
                joins.add(setup.submit(() -> {
                    join(media, receiver, leg);
                    return null;
                }));
            }
            for (Future<?> f : joins) {
                f.get(60, TimeUnit.SECONDS);
            }
            setup.shutdown();
            double rampSeconds = (System.nanoTime() - rampStart) / 1e9;

            Set<Long> stage = new HashSet<>();
            for (int s = 0; s < speakers; s++) {
                stage.add(memberId(legs.get(s)));
            }
            media.stageChanged(ROOM, stage);
            Thread.sleep(300); // the server completes its side of the last handshakes

            long[] serverThreads = serverThreadIds();
            long sendStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            long[] senderCpu = new long[1];
            Thread sender = Thread.ofPlatform().name("bench-sender")
                    .start(() -> senderCpu[0] = send(legs, speakers, total, warmup, sendStart));
            long[] clientThreads = {receiver.threadId()};

            // CPU window: from the end of warm-up to 200 ms after the last packet was sent.
            LockSupport.parkNanos(sendStart + (long) warmup * 20_000_000L - System.nanoTime());
            long serverCpu0 = cpu(threads, serverThreads);
            long receiveCpu0 = threads.getThreadCpuTime(serverThreads[0]);
            long clientCpu0 = cpu(threads, clientThreads);
            long processCpu0 = os.getProcessCpuTime();
            long sent0 = media.counters().get("sent");
            long t0 = System.nanoTime();
            receiver.counting = true;
            sender.join();
            Thread.sleep(200);
            receiver.counting = false;
            long t1 = System.nanoTime();
            long serverCpu = cpu(threads, serverThreads) - serverCpu0;
            long receiveCpu = threads.getThreadCpuTime(serverThreads[0]) - receiveCpu0;
            long clientCpu = cpu(threads, clientThreads) - clientCpu0 + senderCpu[0];
            long processCpu = os.getProcessCpuTime() - processCpu0;
            long serverSent = media.counters().get("sent") - sent0;
            StringBuilder drops = new StringBuilder();
            media.counters().forEach((name, value) -> {
                if (name.startsWith("dropped") && value > 0) {
                    drops.append(' ').append(name).append('=').append(value);
                }
            });
            System.out.println("parley-forwarding-drops listeners=" + listeners + drops);
            // Stragglers count against loss, not against the CPU window: wait until nothing has
            // arrived for 500 ms (at most 10 s), so a backlog reads as latency rather than loss.
            for (long before = -1, deadline = System.nanoTime() + 10_000_000_000L;
                 receiver.measuredArrivals != before && System.nanoTime() < deadline; ) {
                before = receiver.measuredArrivals;
                Thread.sleep(500);
            }
            consent.shutdownNow();
            receiver.stop();

            long arrivals = Math.max(1, receiver.windowArrivals);
            double window = (t1 - t0) / 1e9;
            long[] lat = Arrays.copyOf(receiver.latencies, receiver.samples);
            Arrays.sort(lat);
            List<Long> spreads = new ArrayList<>();
            List<Long> firsts = new ArrayList<>();
            for (int s = 0; s < speakers; s++) {
                for (int q = warmup; q < total; q++) {
                    long first = receiver.firstArrival[s][q];
                    if (first != Long.MAX_VALUE) {
                        spreads.add(receiver.lastArrival[s][q] - first);
                        firsts.add(first - receiver.sendTime[s][q]);
                    }
                }
            }
            long[] firstLatency = firsts.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] spread = spreads.stream().mapToLong(Long::longValue).sorted().toArray();
            long expected = (long) listeners * speakers * (total - warmup);
            long incoming = (long) speakers * Math.round(window * PACKETS_PER_SECOND);
            return new Result(speakers, listeners, duration, rampSeconds, arrivals / window,
                    serverCpu / 1e3 / arrivals, receiveCpu / 1e3 / Math.max(1, incoming), 100.0 * receiveCpu / (t1 - t0),
                    clientCpu / 1e3 / arrivals, processCpu / 1e3 / arrivals, serverSent, receiver.windowArrivals,
                    ms(lat, 0.50), ms(lat, 0.99), lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1e6,
                    ms(firstLatency, 0.50), ms(spread, 0.50), ms(spread, 0.99),
                    100.0 * (expected - receiver.measuredArrivals) / expected, receiver.unprotectFailures);
        } finally {
            legs.forEach(BenchLeg::close);
        }
    }

    private static long memberId(BenchLeg leg) {
        return leg.listener() ? 1000L + leg.index() : 1L + leg.index();
    }

    private static void join(MediaServer media, BenchReceiver receiver, BenchLeg leg) throws Exception {
        long member = memberId(leg);
        String offer = Offers.chrome().replace("a=ice-ufrag:Kq3v", "a=ice-ufrag:" + UdpBrowser.UFRAG)
                .replace("a=ice-pwd:Hn2ytVuEIxf0kvN3M8WPmU1A", "a=ice-pwd:" + UdpBrowser.PWD)
                .replace("a=fingerprint:sha-256 " + "4A:".repeat(31) + "4A",
                        "a=fingerprint:" + leg.wire().fingerprint().toSdp());
        var result = media.answer(ROOM, member, "connection-" + member, offer);
        if (!(result instanceof MediaServer.AnswerResult.Answer(String answer))) {
            throw new IllegalStateException("refused: " + result);
        }
        var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(find(PORT, answer)));
        receiver.register(leg);
        leg.wire().connect(server, find(UFRAG, answer), find(PWD, answer), BenchLeg.CHECKS);
    }

    /**
     * Every speaker sends one packet per 20 ms tick; the send timestamp is taken just before protect.
     * Returns this thread's CPU time from the end of warm-up on (read here: a dead thread has none).
     */
    private static long send(List<BenchLeg> legs, int speakers, int total, int warmup, long start) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuAtWarmup = 0;
        byte[] plain = new byte[256];
        SrtpBuffer out = new SrtpBuffer(new byte[512], 0, 0);
        for (int seq = 0; seq < total; seq++) {
            long due = start + seq * 20_000_000L;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            if (seq == warmup) {
                cpuAtWarmup = threads.getCurrentThreadCpuTime();
            }
            for (int s = 0; s < speakers; s++) {
                int n = RtpWriter.writeHeader(plain, 0, false, 111, seq & 0xffff, seq * 960L, 0x1111 + s);
                n += RtpWriter.writeOneByteExtensions(plain, 0, n, new int[] {1},
                        new byte[][] {{(byte) (0x80 | AUDIO_LEVEL)}});
                Arrays.fill(plain, n, n + PAYLOAD, (byte) 0x5a);
                long now = System.nanoTime();
                BenchReceiver.writeInt(plain, n, (int) (now >>> 32));
                BenchReceiver.writeInt(plain, n + 4, (int) now);
                BenchReceiver.writeInt(plain, n + 8, s);
                BenchReceiver.writeInt(plain, n + 12, seq);
                legs.get(s).wire().sendRtp(plain, n + PAYLOAD, out); // a refused one counts as lost
            }
        }
        return threads.getCurrentThreadCpuTime() - cpuAtWarmup;
    }

    /**
     * The server's platform threads: the receive thread first, then the consent timer, the STUN reply
     * thread and the sender threads ({@code parley-media-send-k}) that rewrite, encrypt and send the copies.
     */
    private static long[] serverThreadIds() {
        long udp = -1;
        List<Long> others = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("parley-media-udp")) {
                udp = t.threadId();
            } else if (t.getName().equals("parley-media-consent") || t.getName().equals("parley-media-reply")
                    || t.getName().startsWith("parley-media-send-")) {
                others.add(t.threadId());
            }
        }
        if (udp < 0) {
            throw new IllegalStateException("no parley-media-udp thread");
        }
        long[] ids = new long[1 + others.size()];
        ids[0] = udp;
        for (int i = 0; i < others.size(); i++) {
            ids[i + 1] = others.get(i);
        }
        return ids;
    }

    private static long cpu(ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, threads.getThreadCpuTime(id));
        }
        return sum;
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(p + " not in " + text);
        }
        return m.group(1);
    }

    private ForwardingBenchmark() {}
}
