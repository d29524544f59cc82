package org.parley.app;

import com.sun.management.OperatingSystemMXBean;
import io.javalin.http.Context;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.util.Map;
import org.parley.media.MediaServer;
import org.parley.media.RoomCounters;
import org.parley.rooms.Rooms;
import org.parley.web.ProblemException;
import org.parley.web.Tokens;

/**
 * {@code GET /metrics}: the node's counters in the Prometheus text format — media drops by reason,
 * per-room forwarding totals, live rooms and participants, packets forwarded, process CPU time and heap. Counts only, never names or addresses.
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
        Map<String, Long> counters = media.counters();
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            String name = "parley_media_" + e.getKey().replaceAll("[^A-Za-z0-9_]", "_");
            out.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(e.getValue()).append('\n');
        }
        // Audio packets sent to legs (every forwarded copy), under a name that says so: `parley loadtest`
        // divides the CPU time by it. The same count as parley_media_leg_rtp_sent.
        out.append("# TYPE parley_media_forwarded_packets_total counter\nparley_media_forwarded_packets_total ")
                .append(counters.getOrDefault("leg.rtp-sent", 0L)).append('\n');
        roomCounters(out);
        long participants = rooms.live().stream().mapToLong(r -> r.snapshot().participants().size()).sum();
        gauge(out, "parley_rooms_live", rooms.live().size());
        gauge(out, "parley_room_participants", participants);
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        out.append("# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total ")
                .append(os.getProcessCpuTime() / 1e9).append('\n');
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(out, "jvm_heap_used_bytes", heap.getUsed());
        gauge(out, "jvm_heap_committed_bytes", heap.getCommitted());
        // Heap in use right after the last collection of each pool: close to the live data, unlike
        // jvm_heap_used_bytes, which also counts garbage not yet collected. `parley loadtest` uses it.
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            afterGc += usage == null ? 0 : usage.getUsed();
        }
        gauge(out, "jvm_heap_after_gc_bytes", afterGc);
        long collections = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
        }
        out.append("# TYPE jvm_gc_collections_total counter\njvm_gc_collections_total ").append(collections).append('\n');
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
    }

    /**
     * Each room's forwarding totals, labelled by room id (random, never a title or a name): forwarded
     * copies, silence frames sent on cuts, and drops by reason. A room's series end with the room.
     */
    private void roomCounters(StringBuilder out) {
        Map<String, RoomCounters> perRoom = media.roomCounters();
        out.append("# TYPE parley_room_media_forwarded_total counter\n");
        perRoom.forEach((room, c) -> out.append("parley_room_media_forwarded_total{room=\"").append(room).append("\"} ")
                .append(c.forwarded()).append('\n'));
        out.append("# TYPE parley_room_media_silence_frames_sent_total counter\n");
        perRoom.forEach((room, c) -> out.append("parley_room_media_silence_frames_sent_total{room=\"").append(room)
                .append("\"} ").append(c.silenceFramesSent()).append('\n'));
        out.append("# TYPE parley_room_media_dropped_total counter\n");
        perRoom.forEach((room, c) -> new java.util.TreeMap<>(c.dropped()).forEach((reason, n) ->
                out.append("parley_room_media_dropped_total{room=\"").append(room).append("\",reason=\"").append(reason)
                        .append("\"} ").append(n).append('\n')));
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
