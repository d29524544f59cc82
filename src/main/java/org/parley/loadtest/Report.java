package org.parley.loadtest;

import java.util.Locale;

/**
 * The numbers a run ends with, and the one machine-readable line it prints last (issue 5):
 * <pre>
 * parley-loadtest speakers=S listeners=L duration_s=D forwarded_pps=X server_cpu_us_per_packet=Y loss_pct=Z
 *                 join_p99_ms=A delay_p50_ms=B delay_p99_ms=C heap_kb_per_listener=H
 * </pre>
 * (one line). A figure that could not be measured — no {@code /metrics} access, no listener heard
 * audio — is {@code NaN}.
 */
record Report(int speakers, int listeners, long durationSeconds, double forwardedPps, double serverCpuUsPerPacket,
              double lossPct, double joinP99Ms, double delayP50Ms, double delayP99Ms, double heapKbPerListener,
              int interpreters) {

    static final String PREFIX = "parley-loadtest";

    /** A run without interpreters. */
    Report(int speakers, int listeners, long durationSeconds, double forwardedPps, double serverCpuUsPerPacket,
           double lossPct, double joinP99Ms, double delayP50Ms, double delayP99Ms, double heapKbPerListener) {
        this(speakers, listeners, durationSeconds, forwardedPps, serverCpuUsPerPacket, lossPct, joinP99Ms, delayP50Ms,
                delayP99Ms, heapKbPerListener, 0);
    }

    String finalLine() {
        return String.format(Locale.ROOT, "%s speakers=%d listeners=%d duration_s=%d forwarded_pps=%s "
                        + "server_cpu_us_per_packet=%s loss_pct=%s join_p99_ms=%s delay_p50_ms=%s delay_p99_ms=%s "
                        + "heap_kb_per_listener=%s",
                PREFIX, speakers, listeners, durationSeconds, number(forwardedPps, 0), number(serverCpuUsPerPacket, 2),
                number(lossPct, 3), number(joinP99Ms, 1), number(delayP50Ms, 2), number(delayP99Ms, 2),
                number(heapKbPerListener, 1)) + (interpreters > 0 ? " interpreters=" + interpreters : "");
    }

    private static String number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
