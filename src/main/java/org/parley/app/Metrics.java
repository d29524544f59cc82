package org.parley.app;

import com.sun.management.OperatingSystemMXBean;
import io.javalin.http.Context;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.util.List;
import org.parley.kernel.Tokens;
import org.parley.module.MetricsWriter;
import org.parley.module.Module;
import org.parley.web.ProblemException;

/**
 * {@code GET /metrics}: the node's counters in the Prometheus text format — each module's series
 * (media drops by reason, per-room forwarding totals, live rooms and participants, packets
 * forwarded), then process CPU time, heap and collections. Counts only, never names or addresses.
 * Open to loopback callers; others need {@code Authorization: Bearer <PARLEY_METRICS_TOKEN>}.
 */
final class Metrics {

    private final List<Module> modules;
    private final String token;

    Metrics(List<Module> modules, String token) {
        this.modules = List.copyOf(modules);
        this.token = token;
    }

    void handle(Context ctx) throws Exception {
        if (!allowed(ctx)) {
            throw ProblemException.notFound("not_found", "No such resource: " + ctx.path());
        }
        var out = new MetricsWriter();
        modules.forEach(m -> m.metrics(out));
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        out.counter("process_cpu_seconds_total", os.getProcessCpuTime() / 1e9);
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.gauge("jvm_heap_used_bytes", heap.getUsed());
        out.gauge("jvm_heap_committed_bytes", heap.getCommitted());
        // Heap in use right after the last collection of each pool: close to the live data, unlike
        // jvm_heap_used_bytes, which also counts garbage not yet collected. `parley loadtest` uses it.
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            afterGc += usage == null ? 0 : usage.getUsed();
        }
        out.gauge("jvm_heap_after_gc_bytes", afterGc);
        long collections = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
        }
        out.counter("jvm_gc_collections_total", collections);
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").header("Cache-Control", "no-store").result(out.toString());
    }

    private boolean allowed(Context ctx) throws Exception {
        if (InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress()) {
            return true;
        }
        String given = ctx.header("Authorization");
        return token != null && !token.isEmpty() && Tokens.constantTimeEquals(given, "Bearer " + token);
    }
}
