package org.parley.media.forward;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Packets the forwarding pipeline dropped, one counter per {@link ForwardDropReason}. Incremented from packet
 * threads without locks or allocation (the map is filled once in the constructor and only read afterwards);
 * {@link #snapshot()} is for a metrics endpoint.
 */
public final class DropCounters {

    private final Map<ForwardDropReason, LongAdder> drops = new EnumMap<>(ForwardDropReason.class);

    public DropCounters() {
        for (ForwardDropReason r : ForwardDropReason.values()) {
            drops.put(r, new LongAdder());
        }
    }

    void dropped(ForwardDropReason reason) {
        drops.get(reason).increment();
    }

    /** The current count for one reason. */
    public long count(ForwardDropReason reason) {
        return drops.get(reason).sum();
    }

    /** Every counter by name, zeros included: {@code dropped.forward.silence}, {@code dropped.forward.not-selected}, ... */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        drops.forEach((k, v) -> out.put("dropped.forward." + k.label(), v.sum()));
        return out;
    }
}
