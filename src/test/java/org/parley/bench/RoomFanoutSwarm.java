package org.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of {@link RoomFanoutBenchmark}: N listener sockets plus the host's, all through one
 * shared HttpClient. The host changes the room's title {@link #CHANGES} times; every listener notes
 * when the delta carrying it arrives. Latency = arrival − send, on one monotonic clock.
 * Messages are only sniffed, never parsed: the clients must not be the bottleneck.
 */
public final class RoomFanoutSwarm {

    static final int CHANGES = 30;
    static final Duration BETWEEN_CHANGES = Duration.ofMillis(300);
    /** Joins in flight at once during the ramp-up. */
    static final int JOIN_CONCURRENCY = 64;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String room = args[1];
        List<String> tokens = Files.readAllLines(Path.of(args[2]));
        int listeners = tokens.size() - 1;
        var http = HttpClient.newHttpClient();
        long[][] arrivals = new long[CHANGES][listeners];
        long[] sent = new long[CHANGES];
        var change = new AtomicLong(-1);

        long rampStart = System.nanoTime();
        var host = connect(http, base, tokens.get(0), new Sniffer(null, -1, change));
        host.joined.get(30, TimeUnit.SECONDS);
        host.ws.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}", true).join();
        host.ack.get(30, TimeUnit.SECONDS);

        List<Sniffer> clients = new ArrayList<>();
        var slots = new Semaphore(JOIN_CONCURRENCY);
        for (int i = 0; i < listeners; i++) {
            slots.acquire();
            var s = connect(http, base, tokens.get(i + 1), new Sniffer(arrivals, i, change));
            clients.add(s);
            s.joined.thenCompose(x -> s.ws.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}", true))
                    .thenCompose(x -> s.ack).whenComplete((x, e) -> slots.release());
        }
        CompletableFuture.allOf(clients.stream().map(s -> s.ack).toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        double rampSeconds = (System.nanoTime() - rampStart) / 1e9;

        for (int c = 0; c < CHANGES; c++) {
            Thread.sleep(BETWEEN_CHANGES.toMillis());
            change.set(c);
            sent[c] = System.nanoTime();
            host.ws.sendText("{\"type\":\"editTitle\",\"title\":\"bench-" + c + "\"}", true).join();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Sniffer s : clients) {
            s.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        List<Double> all = new ArrayList<>();
        List<Double> lastPerChange = new ArrayList<>();
        long missing = 0;
        for (int c = 0; c < CHANGES; c++) {
            double last = 0;
            for (int i = 0; i < listeners; i++) {
                if (arrivals[c][i] == 0) {
                    missing++;
                    continue;
                }
                double ms = (arrivals[c][i] - sent[c]) / 1e6;
                all.add(ms);
                last = Math.max(last, ms);
            }
            lastPerChange.add(last);
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] lasts = lastPerChange.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("room-fanout clients=%d changes=%d join_ramp_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
                        + " last_client_p50_ms=%.2f last_client_p99_ms=%.2f missing=%d%n",
                listeners, CHANGES, rampSeconds, pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                pct(lasts, 50), pct(lasts, 99), missing);
        System.exit(missing == 0 ? 0 : 3);
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static Sniffer connect(HttpClient http, String base, String token, Sniffer sniffer) {
        http.newWebSocketBuilder().header("Cookie", "parley_session=" + token).connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create(base.replace("http", "ws") + "/ws"), sniffer)
                .whenComplete((ws, e) -> {
                    if (e != null) {
                        sniffer.joined.completeExceptionally(e);
                    } else {
                        sniffer.ws = ws;
                    }
                });
        return sniffer;
    }

    /** Records arrival times of title deltas; recognises messages by their first bytes only. */
    static final class Sniffer implements WebSocket.Listener {
        final long[][] arrivals;
        final int index;
        final AtomicLong change;
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        final CompletableFuture<Void> ack = new CompletableFuture<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile WebSocket ws;
        private final StringBuilder head = new StringBuilder();
        private boolean inMessage;
        private int seen;

        Sniffer(long[][] arrivals, int index, AtomicLong change) {
            this.arrivals = arrivals;
            this.index = index;
            this.change = change;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            if (!inMessage) {
                head.setLength(0);
                inMessage = true;
            }
            if (head.length() < 160) {
                head.append(data, 0, Math.min(data.length(), 160 - head.length()));
            }
            if (last) {
                inMessage = false;
                String h = head.toString();
                if (h.startsWith("{\"type\":\"hello\"")) {
                    joined.complete(null);
                } else if (h.startsWith("{\"type\":\"ack\"")) {
                    ack.complete(null);
                } else if (arrivals != null && h.startsWith("{\"type\":\"delta\"") && h.contains("\"title\":\"bench-")) {
                    int at = h.indexOf("\"title\":\"bench-") + 15;
                    int c = Integer.parseInt(h.substring(at, h.indexOf('"', at)));
                    arrivals[c][index] = now;
                    if (++seen == CHANGES) {
                        done.countDown();
                    }
                }
            }
            return null;
        }
    }
}
