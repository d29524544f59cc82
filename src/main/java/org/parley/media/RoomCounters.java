package org.parley.media;

import java.util.Map;

/**
 * One room's forwarding totals since its media started, for the metrics endpoint (per node totals stay in
 * {@link MediaServer#counters()}; every drop counted here is counted there too).
 *
 * @param forwarded         RTP packets sent to listeners (one per listener and packet)
 * @param silenceFramesSent Opus silence packets sent into slots whose speaker was cut (muted, off stage,
 *                          or displaced by a louder speaker), so listeners' decoders go quiet at once
 * @param dropped           packets not forwarded, by reason label ({@code not-on-stage-or-muted},
 *                          {@code silence}, {@code not-selected}, ...; see
 *                          {@link org.parley.media.forward.ForwardDropReason}), zeros included; immutable
 */
public record RoomCounters(long forwarded, long silenceFramesSent, Map<String, Long> dropped) {

    public RoomCounters {
        dropped = Map.copyOf(dropped);
    }
}
