package org.parley.media.forward;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Packets the forwarding pipeline dropped, one counter per {@link ForwardDropReason}. Incremented from packet
 * threads without locks or allocation (the map is filled once in the constructor and only read afterwards);
 * {@link #snapshot()} is for a metrics endpoint. A room's counters have the node's as parent: every drop
 * counts in both, so per-room totals and the node totals never disagree.
 */
public final class DropCounters {

    private final Map<ForwardDropReason, LongAdder> drops = new EnumMap<>(ForwardDropReason.class);
    private final DropCounters parent;

    /** Node-wide counters. */
    public DropCounters() {
        this(null);
    }

    /** Counters (e.g. of one room) that also count every drop in {@code parent}, if not null. */
    public DropCounters(DropCounters parent) {
        this.parent = parent;
        for (ForwardDropReason r : ForwardDropReason.values()) {
            drops.put(r, new LongAdder());
        }
    }

    /** Counts one dropped packet here and in the parent. Any thread; no lock, no allocation. */
    public void dropped(ForwardDropReason reason) {
        drops.get(reason).increment();
        if (parent != null) {
            parent.dropped(reason);
        }
    }

    /** The current count for one reason. */
    public long count(ForwardDropReason reason) {
        return drops.get(reason).sum();
    }

    /** Every reason's count by its label ({@code silence}, {@code not-selected}, ...), zeros included. */
    public Map<String, Long> byLabel() {
        Map<String, Long> out = new TreeMap<>();
        drops.forEach((k, v) -> out.put(k.label(), v.sum()));
        return out;
    }

    /** Every counter by name, zeros included: {@code dropped.forward.silence}, {@code dropped.forward.not-selected}, ... */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        drops.forEach((k, v) -> out.put("dropped.forward." + k.label(), v.sum()));
        return out;
    }
}
