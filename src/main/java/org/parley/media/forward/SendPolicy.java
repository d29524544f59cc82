package org.parley.media.forward;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Who may send audio in one room, and on which channel: the members on stage and unmuted, as last
 * announced by {@link org.parley.media.StageListener#stageChanged}; each of them speaks to the floor
 * (channel {@value #FLOOR}) or, as an interpreter, into their language's interpretation channel. The
 * rooms feature decides; the SFU only enforces, so a mute, demotion or change of channel takes effect
 * on the very next packet after {@link #update} returns, whatever the client does.
 *
 * <p>Channels are small numbers, one per language ever named in the room ({@link #channelOf}), so the
 * packet path compares ints, never strings.
 *
 * <p>Threading: the snapshot is a sorted {@code long[]} with a parallel {@code int[]} of channels,
 * never written after it is published through one volatile field, so {@link #channel} is lock-free and
 * allocation-free (no boxing, unlike {@code Set<Long>.contains}) from any packet thread. Writers are the
 * room's executor only (one writer).
 */
public final class SendPolicy {

    /** The channel of the floor: what everyone hears. */
    public static final int FLOOR = 0;

    /** Who may send, sorted, and the channel each sends on. */
    private record Senders(long[] ids, int[] channels, int generation) {}

    private static final Senders NOBODY = new Senders(new long[0], new int[0], 0);

    private final DropCounters counters;
    private volatile Senders senders = NOBODY;
    /** Interpretation channels by language; numbers are never reused within the room. */
    private final Map<String, Integer> channels = new ConcurrentHashMap<>();

    /** Starts closed: nobody may send until the first {@link #update}. */
    public SendPolicy(DropCounters counters) {
        this.counters = Objects.requireNonNull(counters);
    }

    /** Replaces the snapshot with {@code senders}, all on the floor; null elements are ignored. */
    public void update(Set<Long> senders) {
        update(senders, Map.of());
    }

    /**
     * Replaces the snapshot: {@code senders} may send, those in {@code interpreters} into their
     * language's channel (interpreters who are not senders, i.e. muted, send nothing).
     */
    public void update(Set<Long> senders, Map<Long, String> interpreters) {
        long[] ids = senders.stream().filter(Objects::nonNull).mapToLong(Long::longValue).sorted().distinct().toArray();
        int[] on = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            String language = interpreters.get(ids[i]);
            on[i] = language == null ? FLOOR : channelOf(language);
        }
        this.senders = new Senders(ids, on, this.senders.generation + 1);
    }

    /** Removes one member, e.g. when they leave before the next stage change arrives. Writer thread only. */
    void remove(long memberId) {
        Senders now = senders;
        int i = Arrays.binarySearch(now.ids, memberId);
        if (i >= 0) {
            senders = new Senders(without(now.ids, i), without(now.channels, i), now.generation + 1);
        }
    }

    /** Whether {@code memberId} may send right now. Lock-free, allocation-free. */
    public boolean allows(long memberId) {
        return channel(memberId) >= 0;
    }

    /**
     * The channel {@code memberId} sends on right now: {@link #FLOOR}, an interpretation channel (> 0),
     * or -1 when they may not send. Lock-free, allocation-free.
     */
    public int channel(long memberId) {
        Senders now = senders;
        int i = Arrays.binarySearch(now.ids, memberId);
        return i >= 0 ? now.channels[i] : -1;
    }

    /** {@link #allows}, counting a {@link ForwardDropReason#NOT_ON_STAGE_OR_MUTED} drop when it does not. */
    public boolean admit(long memberId) {
        if (allows(memberId)) {
            return true;
        }
        counters.dropped(ForwardDropReason.NOT_ON_STAGE_OR_MUTED);
        return false;
    }

    /** Whether {@code memberId} is sending as an interpreter (and so hears the floor only). */
    public boolean interprets(long memberId) {
        return channel(memberId) > FLOOR;
    }

    /**
     * The channel of {@code language}'s interpretation, numbered on first use; {@link #FLOOR} for null.
     * The rooms feature bounds the languages (ISO 639-1 codes), so the numbers stay small.
     */
    public int channelOf(String language) {
        if (language == null) {
            return FLOOR;
        }
        Integer known = channels.get(language);
        if (known != null) {
            return known;
        }
        synchronized (channels) {
            return channels.computeIfAbsent(language, l -> channels.size() + 1);
        }
    }

    /** Changes with every snapshot, so a packet thread can notice cheaply that senders moved. */
    public int generation() {
        return senders.generation;
    }

    /** The current senders as a set, for diagnostics and tests (allocates). */
    public Set<Long> senders() {
        return Arrays.stream(senders.ids).boxed().collect(Collectors.toUnmodifiableSet());
    }

    private static long[] without(long[] values, int i) {
        long[] next = new long[values.length - 1];
        System.arraycopy(values, 0, next, 0, i);
        System.arraycopy(values, i + 1, next, i, values.length - i - 1);
        return next;
    }

    private static int[] without(int[] values, int i) {
        int[] next = new int[values.length - 1];
        System.arraycopy(values, 0, next, 0, i);
        System.arraycopy(values, i + 1, next, i, values.length - i - 1);
        return next;
    }
}
