package org.parley.loadtest;

import java.util.HashMap;
import java.util.Map;

/**
 * One reading of the server's {@code /metrics} (Prometheus text format), with the figures the load
 * test needs: process CPU seconds, heap in use (and in use after the last collection, when the server
 * exports it), and packets forwarded to legs.
 */
record ServerMetrics(long atNanos, double cpuSeconds, double heapUsedBytes, double heapAfterGcBytes, double collections,
                     double forwarded) {

    static final String CPU = "process_cpu_seconds_total";
    static final String HEAP = "jvm_heap_used_bytes";
    static final String HEAP_AFTER_GC = "jvm_heap_after_gc_bytes";
    static final String COLLECTIONS = "jvm_gc_collections_total";
    static final String FORWARDED = "parley_media_forwarded_packets_total";
    /** Older servers: the same count as the sum of every leg's sent RTP packets. */
    static final String FORWARDED_FALLBACK = "parley_media_leg_rtp_sent";

    /** Parses the text; null when it lacks the CPU or heap figure. */
    static ServerMetrics parse(String text, long atNanos) {
        if (text == null) {
            return null;
        }
        Map<String, Double> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            try {
                values.put(line.substring(0, space).strip(), Double.parseDouble(line.substring(space + 1).strip()));
            } catch (NumberFormatException e) {
                // not a sample line we need
            }
        }
        Double cpu = values.get(CPU);
        Double heap = values.get(HEAP);
        if (cpu == null || heap == null) {
            return null;
        }
        double forwarded = values.getOrDefault(FORWARDED, values.getOrDefault(FORWARDED_FALLBACK, Double.NaN));
        double afterGc = values.getOrDefault(HEAP_AFTER_GC, Double.NaN);
        return new ServerMetrics(atNanos, cpu, heap, afterGc > 0 ? afterGc : Double.NaN,
                values.getOrDefault(COLLECTIONS, Double.NaN), forwarded);
    }
}
