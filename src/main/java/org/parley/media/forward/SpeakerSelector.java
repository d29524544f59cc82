package org.parley.media.forward;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.parley.media.rtp.AudioLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses which of a room's senders are forwarded: the N loudest by their RFC 6464 audio levels, each in
 * one of N room-wide slots (slot i of every listener carries the same speaker; see {@link SlotRewriter}).
 *
 * <p>Rules, per packet of a sender the {@link SendPolicy} admitted:
 * <ol>
 *   <li>no audio level: dropped ({@code no-audio-level}), since it cannot be ranked;</li>
 *   <li>silence (level ≥ {@link ForwardConfig#silenceLevel()}, or V=0 when honoured, RFC 6464 §3-4): folded
 *       into the sender's average as loudness 0 and dropped ({@code silence});</li>
 *   <li>a slot holder's voiced packet is forwarded in its slot;</li>
 *   <li>anyone else takes a free slot (never used, or its holder has not been voiced for
 *       {@link ForwardConfig#speakingHold()}) at once, or the quietest holder's slot if the newcomer's
 *       smoothed loudness beats it by {@link ForwardConfig#hysteresisDb()}; otherwise dropped
 *       ({@code not-selected}). Holders never move between slots, which keeps each slot's stream stable.</li>
 * </ol>
 *
 * <p>Threading: single owner, the thread that handles this room's incoming packets; nothing is locked.
 * Allocation happens only for a sender's first packet and when the speaking set changes.
 */
public final class SpeakerSelector {

    private static final Logger log = LoggerFactory.getLogger(SpeakerSelector.class);

    private final ForwardConfig config;
    private final LongSupplier clock;
    private final DropCounters counters;
    private final SpeakingListener listener;
    private final double tauNanos;
    private final long holdNanos;
    private final long notifyNanos;

    private Speaker[] speakers = new Speaker[8];
    private int speakerCount;
    /** Slot i's holder, or null. */
    private final Speaker[] holders;

    /** Sorted member ids last reported to the listener, and a scratch array for the current set. */
    private final long[] notified;
    private int notifiedCount;
    private final long[] scratch;
    private long notifiedNanos;
    private boolean everNotified;
    /** The holder the last {@link #select} took its slot from while still speaking, or -1. */
    private long displaced = -1;

    /**
     * @param clock    monotonic nanoseconds ({@code System::nanoTime} in production)
     * @param listener told of speaking-set changes, rate-limited
     */
    public SpeakerSelector(ForwardConfig config, LongSupplier clock, DropCounters counters, SpeakingListener listener) {
        this.config = Objects.requireNonNull(config);
        this.clock = Objects.requireNonNull(clock);
        this.counters = Objects.requireNonNull(counters);
        this.listener = Objects.requireNonNull(listener);
        this.tauNanos = config.smoothing().toNanos();
        this.holdNanos = config.speakingHold().toNanos();
        this.notifyNanos = config.notifyInterval().toNanos();
        this.holders = new Speaker[config.slots()];
        this.notified = new long[config.slots()];
        this.scratch = new long[config.slots()];
    }

    /** Number of slots, = {@link ForwardConfig#slots()}. */
    public int slots() {
        return holders.length;
    }

    /**
     * Decides on one packet of {@code memberId}.
     *
     * @param rawLevel the raw RFC 6464 byte from {@link AudioLevel#find}, or {@link AudioLevel#ABSENT}
     * @return the slot to forward the packet in, or -1 if it is dropped (and counted)
     */
    public int select(long memberId, int rawLevel) {
        displaced = -1;
        long now = clock.getAsLong();
        int slot = decide(memberId, rawLevel, now);
        notifyIfDue(now);
        return slot;
    }

    private int decide(long memberId, int rawLevel, long now) {
        if (rawLevel == AudioLevel.ABSENT) {
            counters.dropped(ForwardDropReason.NO_AUDIO_LEVEL);
            return -1;
        }
        int level = AudioLevel.level(rawLevel);
        boolean silent = silent(rawLevel);
        Speaker s = speaker(memberId, now);
        s.hear(silent ? 0 : AudioLevel.SILENT - level, now, tauNanos);
        if (silent) {
            counters.dropped(ForwardDropReason.SILENCE);
            return -1;
        }
        s.voicedNanos = now;
        int slot = slotOf(s);
        if (slot < 0) {
            slot = claim(s, now);
        }
        if (slot < 0) {
            counters.dropped(ForwardDropReason.NOT_SELECTED);
        }
        return slot;
    }

    private int claim(Speaker s, long now) {
        int weakest = -1;
        double weakestLoudness = Double.MAX_VALUE;
        for (int i = 0; i < holders.length; i++) {
            Speaker h = holders[i];
            if (h == null || !h.voicedWithin(now, holdNanos)) {
                holders[i] = s;
                return i;
            }
            double l = h.loudness(now, tauNanos);
            if (l < weakestLoudness) {
                weakestLoudness = l;
                weakest = i;
            }
        }
        if (s.loudness(now, tauNanos) > weakestLoudness + config.hysteresisDb()) {
            displaced = holders[weakest].memberId;
            holders[weakest] = s;
            return weakest;
        }
        return -1;
    }

    /**
     * The member whose slot the last {@link #select} gave to a louder speaker while that member was still
     * speaking (within {@link ForwardConfig#speakingHold()}), or -1. The listeners' decoders of that slot
     * should hear silence before the new speaker (see {@link SlotRewriter#cut}).
     */
    public long displaced() {
        return displaced;
    }

    /**
     * Decides, from the audio level alone, whether {@link #select} would drop a packet whoever sends it:
     * no level, or silence. True means dropped, and counted as {@link #select} would count it. Lets the
     * receive path skip decrypting such packets (RFC 6464 levels are in the clear under SRTP, RFC 3711
     * §3.1). Not hearing the silence changes nothing: a speaker's average decays between packets exactly
     * as silence would fold it (see {@link Speaker}).
     */
    public boolean dropUndecrypted(int rawLevel) {
        if (rawLevel == AudioLevel.ABSENT) {
            counters.dropped(ForwardDropReason.NO_AUDIO_LEVEL);
            return true;
        }
        if (silent(rawLevel)) {
            counters.dropped(ForwardDropReason.SILENCE);
            return true;
        }
        return false;
    }

    private boolean silent(int rawLevel) {
        return AudioLevel.level(rawLevel) >= config.silenceLevel()
                || (config.honourVoiceActivity() && !AudioLevel.voiceActivity(rawLevel));
    }

    /** The member holding {@code slot}, or -1 when it is free. */
    public long holder(int slot) {
        Speaker h = holders[slot];
        return h == null ? -1 : h.memberId;
    }

    /** The slot {@code memberId} holds, or -1. */
    public int slotOf(long memberId) {
        for (int i = 0; i < holders.length; i++) {
            if (holders[i] != null && holders[i].memberId == memberId) {
                return i;
            }
        }
        return -1;
    }

    private int slotOf(Speaker s) {
        for (int i = 0; i < holders.length; i++) {
            if (holders[i] == s) {
                return i;
            }
        }
        return -1;
    }

    private Speaker speaker(long memberId, long now) {
        for (int i = 0; i < speakerCount; i++) {
            if (speakers[i].memberId == memberId) {
                return speakers[i];
            }
        }
        if (speakerCount == speakers.length) {
            speakers = Arrays.copyOf(speakers, speakerCount * 2);
        }
        Speaker s = new Speaker(memberId, now);
        speakers[speakerCount++] = s;
        return s;
    }

    /** Forgets a sender (left the room or the stage): frees its slot and its history. Owner thread only. */
    public void forget(long memberId) {
        for (int i = 0; i < speakerCount; i++) {
            if (speakers[i].memberId == memberId) {
                Speaker s = speakers[i];
                speakers[i] = speakers[--speakerCount];
                speakers[speakerCount] = null;
                for (int j = 0; j < holders.length; j++) {
                    if (holders[j] == s) {
                        holders[j] = null;
                    }
                }
                break;
            }
        }
        notifyIfDue(clock.getAsLong());
    }

    /**
     * Re-evaluates the speaking set without a packet, so rings clear when everyone stops sending. Call it
     * from the owner thread a few times per second (e.g. every {@link ForwardConfig#notifyInterval()}).
     */
    public void tick() {
        notifyIfDue(clock.getAsLong());
    }

    private void notifyIfDue(long now) {
        if (everNotified && now - notifiedNanos < notifyNanos) {
            return;
        }
        int n = 0;
        for (Speaker h : holders) {
            if (h != null && h.voicedWithin(now, holdNanos)) {
                scratch[n++] = h.memberId;
            }
        }
        Arrays.sort(scratch, 0, n);
        if (n == notifiedCount && Arrays.equals(scratch, 0, n, notified, 0, n)) {
            return;
        }
        System.arraycopy(scratch, 0, notified, 0, n);
        notifiedCount = n;
        notifiedNanos = now;
        everNotified = true;
        Long[] ids = new Long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = scratch[i];
        }
        try {
            listener.speakingChanged(Set.of(ids));
        } catch (RuntimeException e) {
            // Never let a listener's bug reach the packet loop; the next change is reported anyway.
            log.warn("speaking listener failed", e);
        }
    }
}
