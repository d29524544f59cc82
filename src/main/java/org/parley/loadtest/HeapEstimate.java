package org.parley.loadtest;

import java.util.List;

/**
 * The server's live heap at one point of the run. On the server's machine its loopback admin endpoint
 * runs a full collection and reports the heap in use: the live data, exactly ({@link #afterFullGc}).
 * Against a remote server there is no remote GC, so the only figure close to the live data is the heap
 * in use right after the server's last collection ({@code jvm_heap_after_gc_bytes} in {@code /metrics}:
 * live data plus old garbage not yet collected):
 * <ul>
 *   <li>before the listeners join: the newest such figure, whenever that collection ran;</li>
 *   <li>at the end of the hold: the newest such figure, only if a collection ran during the hold
 *       ({@code jvm_gc_collections_total} grew), so that every listener was in it.</li>
 * </ul>
 * Otherwise the estimate is NaN, with the reason in {@link #method}: heap in use without a
 * collection counts garbage and would mislead by orders of magnitude.
 * heap_kb_per_listener = (end estimate - baseline estimate) / listeners.
 */
record HeapEstimate(double bytes, String method) {

    static HeapEstimate afterFullGc(double bytes) {
        return new HeapEstimate(bytes, "after a full GC");
    }

    static HeapEstimate before(List<ServerMetrics> readings) {
        ServerMetrics newest = newest(readings);
        if (newest == null) {
            return new HeapEstimate(Double.NaN, "no /metrics");
        }
        if (Double.isNaN(newest.heapAfterGcBytes())) {
            return new HeapEstimate(Double.NaN, "no collection yet");
        }
        return new HeapEstimate(newest.heapAfterGcBytes(), "after the last GC");
    }

    static HeapEstimate after(ServerMetrics holdStart, List<ServerMetrics> readings) {
        ServerMetrics newest = newest(readings);
        if (newest == null || holdStart == null) {
            return new HeapEstimate(Double.NaN, "no /metrics");
        }
        if (Double.isNaN(newest.heapAfterGcBytes()) || !(newest.collections() > holdStart.collections())) {
            return new HeapEstimate(Double.NaN, "no GC during the hold: hold longer, or give the server a smaller heap");
        }
        return new HeapEstimate(newest.heapAfterGcBytes(), "after a GC during the hold");
    }

    private static ServerMetrics newest(List<ServerMetrics> readings) {
        ServerMetrics newest = null;
        for (ServerMetrics m : readings) {
            newest = m == null ? newest : m;
        }
        return newest;
    }
}
