package org.parley.app;

import com.sun.management.OperatingSystemMXBean;
import io.javalin.http.Context;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Map;
import org.parley.media.MediaServer;
import org.parley.rooms.Rooms;
import org.parley.web.ProblemException;
import org.parley.web.Tokens;

/**
 * {@code GET /metrics}: the node's counters in the Prometheus text format — media drops by reason,
 * live rooms and participants, process CPU time and heap. Counts only, never names or addresses.
 * Open to loopback callers; others need {@code Authorization: Bearer <PARLEY_METRICS_TOKEN>}.
 */
final class Metrics {

    private final MediaServer media;
    private final Rooms rooms;
    private final String token;

    Metrics(MediaServer media, Rooms rooms, String token) {
        this.media = media;
        this.rooms = rooms;
        this.token = token;
    }

    void handle(Context ctx) throws Exception {
        if (!allowed(ctx)) {
            throw ProblemException.notFound("not_found", "No such resource: " + ctx.path());
        }
        var out = new StringBuilder();
        for (Map.Entry<String, Long> e : media.counters().entrySet()) {
            String name = "parley_media_" + e.getKey().replaceAll("[^A-Za-z0-9_]", "_");
            out.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(e.getValue()).append('\n');
        }
        long participants = rooms.live().stream().mapToLong(r -> r.snapshot().participants().size()).sum();
        gauge(out, "parley_rooms_live", rooms.live().size());
        gauge(out, "parley_room_participants", participants);
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        out.append("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total ")
                .append(os.getProcessCpuTime() / 1e9).append('\n');
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(out, "jvm_heap_used_bytes", heap.getUsed());
        gauge(out, "jvm_heap_committed_bytes", heap.getCommitted());
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
    }

    private boolean allowed(Context ctx) throws Exception {
        if (InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress()) {
            return true;
        }
        String given = ctx.header("Authorization");
        return token != null && !token.isEmpty() && Tokens.constantTimeEquals(given, "Bearer " + token);
    }

    private static void gauge(StringBuilder out, String name, long value) {
        out.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }
}
