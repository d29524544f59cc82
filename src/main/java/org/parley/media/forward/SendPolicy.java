package org.parley.media.forward;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may send audio in one room: the members on stage and unmuted, as last announced by
 * {@link org.parley.media.StageListener#stageChanged}. The rooms feature decides; the SFU only enforces, so
 * a mute or demotion takes effect on the very next packet after {@link #update} returns, whatever the
 * client does.
 *
 * <p>Threading: the snapshot is a sorted {@code long[]} that is never written after it is published
 * through a volatile field, so {@link #allows} is lock-free and allocation-free (no boxing, unlike
 * {@code Set<Long>.contains}) from any packet thread. Writers are the room's executor only (one writer).
 */
public final class SendPolicy {

    private static final long[] NOBODY = {};

    private final DropCounters counters;
    /** Sorted, immutable once published; replaced whole. */
    private volatile long[] senders = NOBODY;

    /** Starts closed: nobody may send until the first {@link #update}. */
    public SendPolicy(DropCounters counters) {
        this.counters = Objects.requireNonNull(counters);
    }

    /** Replaces the snapshot with {@code senders}; null elements are ignored. */
    public void update(Set<Long> senders) {
        this.senders = senders.stream().filter(Objects::nonNull).mapToLong(Long::longValue).sorted().distinct().toArray();
    }

    /** Removes one member, e.g. when they leave before the next stage change arrives. Writer thread only. */
    void remove(long memberId) {
        long[] now = senders;
        int i = Arrays.binarySearch(now, memberId);
        if (i >= 0) {
            long[] next = new long[now.length - 1];
            System.arraycopy(now, 0, next, 0, i);
            System.arraycopy(now, i + 1, next, i, now.length - i - 1);
            senders = next;
        }
    }

    /** Whether {@code memberId} may send right now. Lock-free, allocation-free. */
    public boolean allows(long memberId) {
        return Arrays.binarySearch(senders, memberId) >= 0;
    }

    /** {@link #allows}, counting a {@link ForwardDropReason#NOT_ON_STAGE_OR_MUTED} drop when it does not. */
    public boolean admit(long memberId) {
        if (allows(memberId)) {
            return true;
        }
        counters.dropped(ForwardDropReason.NOT_ON_STAGE_OR_MUTED);
        return false;
    }

    /** The current snapshot as a set, for diagnostics and tests (allocates). */
    public Set<Long> senders() {
        return Arrays.stream(senders).boxed().collect(Collectors.toUnmodifiableSet());
    }
}
