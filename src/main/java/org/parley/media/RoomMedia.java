package org.parley.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.parley.media.forward.DropCounters;
import org.parley.media.forward.ForwardConfig;
import org.parley.media.forward.ForwardDropReason;
import org.parley.media.forward.SendPolicy;
import org.parley.media.forward.SlotRewriter;
import org.parley.media.forward.SpeakerSelector;
import org.parley.media.forward.SpeakingListener;
import org.parley.media.rtp.AudioLevel;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.session.PeerSession;
import org.parley.media.session.PeerState;

/**
 * The audio of one room: its browser legs and the forwarding between them.
 *
 * <pre>
 *  receive thread:  header check (policy, level) ─► decrypt ─► policy, SpeakerSelector ─► copy into one job
 *                   (skips decrypting drops)                  of the sender's channel       per sender shard
 *  sender thread k: for each of its legs, for each job in hand (≠ the leg's own speaker, floor or the leg's channel):
 *                   copy ─► SlotRewriter ─► SRTP protect ─► queue ─► sendmmsg
 *                   (all in the thread's one buffer)        (per 64, or when idle)
 * </pre>
 *
 * <p>Interpretation is routing, not mixing (docs/media.md): a sender the {@link SendPolicy} puts on an
 * interpretation channel is ranked by that channel's own one-slot selector and forwarded into the one
 * extra receive slot of the legs listening to that channel ({@link Leg#listening}); the floor's
 * selector and slots are untouched, so a listener of a channel hears the floor and its interpreter,
 * and nobody else ever gets an interpreter's packets. Per forwarded copy this costs one int compare.
 *
 * <p>Threading: packets arrive on the transport's single receive thread, which alone runs
 * {@link #admitEncrypted}, {@link #forward} and the speaker selector (confinement, no locks). Each leg
 * belongs to one {@link SendShard}, whose thread alone runs that leg's slot rewriter ({@link #send}). The legs are immutable arrays behind a volatile field, replaced on join and
 * leave from the signalling threads under this object's monitor, and read without locks per packet.
 */
final class RoomMedia {

    /** Opus silence frames sent into a slot when its speaker is cut (two: one may be lost). */
    static final int SILENCE_FRAMES_ON_CUT = 2;

    /** One browser leg: its session and what forwarding to it needs. */
    static final class Leg {
        final long memberId;
        final Object connection;
        final int opusPayloadType;
        final int audioLevelId;
        /** Owned by the leg's sender thread. */
        final SlotRewriter rewriter;
        /** Whether the leg has the interpretation slot (its offer had one receive slot more than the floor's). */
        final boolean interpretationSlot;
        /** The sender shard that owns this leg; set once by {@link #add}, under the room's monitor. */
        int shard;
        volatile PeerSession session;
        /**
         * The interpretation channel this leg hears besides the floor, {@link SendPolicy#FLOOR} for none.
         * Always the floor for a leg without the slot and for an interpreter's leg (MediaServer sees to it).
         */
        volatile int listening = SendPolicy.FLOOR;

        Leg(long memberId, Object connection, int opusPayloadType, int audioLevelId, SlotRewriter rewriter,
            boolean interpretationSlot) {
            this.memberId = memberId;
            this.connection = connection;
            this.opusPayloadType = opusPayloadType;
            this.audioLevelId = audioLevelId;
            this.rewriter = rewriter;
            this.interpretationSlot = interpretationSlot;
        }
    }

    final String roomId;
    private final SendPolicy policy;
    private final ForwardConfig forwardConfig;
    private final LongSupplier clock;
    /** The floor's selector: {@code channels[0]}. Receive thread only, like the others. */
    private final SpeakerSelector selector;
    /** The selector of each channel, by channel number; interpretation ones made on first use. Receive thread. */
    private SpeakerSelector[] channels;
    /** The policy's generation the channels were last checked against. Receive thread. */
    private int checkedGeneration = -1;
    /** Who is speaking on each channel, as its selector last said. Receive thread. */
    private final List<Set<Long>> speakingByChannel = new ArrayList<>();
    private final SpeakingListener speaking;
    private final SendShard[] shards;
    private final DropCounters drops;
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder silenceSent = new LongAdder();
    private volatile Leg[] legs = new Leg[0];
    /** {@code byShard[k]}: the legs sender shard k owns; replaced together with {@link #legs}. */
    private volatile Leg[][] byShard;

    /**
     * @param drops    this room's drop counters (with the node's as parent); the legs' rewriters must count
     *                 into the same object
     * @param clock    monotonic nanoseconds for the selectors ({@code System::nanoTime} in production)
     * @param speaking told who speaks in the room, floor and interpreters together, when that changes
     */
    RoomMedia(String roomId, SendPolicy policy, ForwardConfig forward, LongSupplier clock, DropCounters drops,
              SendShard[] shards, SpeakingListener speaking) {
        this.roomId = roomId;
        this.policy = policy;
        this.forwardConfig = forward;
        this.clock = clock;
        this.drops = drops;
        this.shards = shards;
        this.speaking = speaking;
        this.selector = newSelector(SendPolicy.FLOOR, forward);
        this.channels = new SpeakerSelector[] {selector};
        this.byShard = new Leg[shards.length][0];
    }

    /** The receive slots of the floor; a leg's interpretation slot comes after them. */
    int floorSlots() {
        return selector.slots();
    }

    private SpeakerSelector newSelector(int channel, ForwardConfig config) {
        return new SpeakerSelector(config, clock, drops, members -> speakingChanged(channel, members));
    }

    /** Receive thread: one channel's speakers changed; the room's are those of every channel. */
    private void speakingChanged(int channel, Set<Long> members) {
        while (speakingByChannel.size() <= channel) {
            speakingByChannel.add(Set.of());
        }
        speakingByChannel.set(channel, members);
        Set<Long> all = new HashSet<>();
        speakingByChannel.forEach(all::addAll);
        speaking.speakingChanged(Set.copyOf(all));
    }

    /** Receive thread: the selector of {@code channel}, an interpretation channel's made on first use (one slot). */
    private SpeakerSelector selector(int channel) {
        if (channel >= channels.length) {
            channels = Arrays.copyOf(channels, channel + 1);
        }
        SpeakerSelector s = channels[channel];
        if (s == null) {
            s = newSelector(channel, forwardConfig.withSlots(1));
            channels[channel] = s;
        }
        return s;
    }

    /**
     * Receive thread, before decryption: whether a packet from {@code from} could be forwarded at all,
     * judged from its header alone (SRTP leaves the header and its RFC 6464 level in the clear, RFC 3711
     * §3.1, not yet authenticated: it is only trusted to drop). False means dropped, counted by reason.
     */
    boolean admitEncrypted(Leg from, RtpPacket header) {
        if (admitted(from) < 0) {
            return false;
        }
        return !selector.dropUndecrypted(from.audioLevelId > 0 ? AudioLevel.find(header, from.audioLevelId)
                : AudioLevel.ABSENT);
    }

    /**
     * Receive thread: a decrypted packet from {@code from}, dropped unless the room lets its member send
     * (checked on every packet, so a mute or demotion takes effect on the next one) and the selector gives
     * it a slot; then queued to every sender shard, which rewrites it into that slot for each of its legs.
     */
    void forward(Leg from, RtpPacket packet) {
        int channel = admitted(from);
        if (channel < 0) {
            return;
        }
        if (policy.generation() != checkedGeneration) {
            cutMoved();
        }
        SpeakerSelector chosen = channel == SendPolicy.FLOOR ? selector : selector(channel);
        int level = from.audioLevelId > 0 ? AudioLevel.find(packet, from.audioLevelId) : AudioLevel.ABSENT;
        int slot = chosen.select(from.memberId, level);
        if (slot < 0) {
            return;
        }
        long displaced = chosen.displaced();
        int legSlot = legSlot(channel, slot);
        enqueue(from.memberId, channel, legSlot, packet, displaced, displaced >= 0 ? legSlot : -1);
    }

    /** Where a channel's selector slot is in a leg: the floor's slots first, then the interpretation slot. */
    private int legSlot(int channel, int slot) {
        return channel == SendPolicy.FLOOR ? slot : floorSlots() + slot;
    }

    /**
     * The policy check: the channel the sender may send on, or -1. A member it stops who holds a slot
     * is cut from it (silence into the slot).
     */
    private int admitted(Leg from) {
        int channel = policy.channel(from.memberId);
        if (channel >= 0) {
            return channel;
        }
        drops.dropped(ForwardDropReason.NOT_ON_STAGE_OR_MUTED);
        for (int held = 0; held < channels.length; held++) {
            cutIfHolding(held, from.memberId);
        }
        return -1;
    }

    /**
     * Receive thread, when the policy changed: a slot holder now on another channel (an interpreter
     * named, or back on the floor) leaves its old channel's slot at once, with silence after it.
     */
    private void cutMoved() {
        checkedGeneration = policy.generation();
        for (int channel = 0; channel < channels.length; channel++) {
            SpeakerSelector s = channels[channel];
            for (int slot = 0; s != null && slot < s.slots(); slot++) {
                long holder = s.holder(slot);
                int now = holder < 0 ? channel : policy.channel(holder);
                if (now >= 0 && now != channel) {
                    cutIfHolding(channel, holder);
                }
            }
        }
    }

    private void cutIfHolding(int channel, long member) {
        SpeakerSelector s = channels[channel];
        int slot = s == null ? -1 : s.slotOf(member);
        if (slot >= 0) {
            s.forget(member); // frees the slot now, and clears the speaking ring
            enqueue(member, channel, -1, null, member, legSlot(channel, slot));
        }
    }

    /** Receive thread: one job per shard that has legs here, the packet bytes copied into it. */
    private void enqueue(long from, int channel, int slot, RtpPacket packet, long cutMember, int cutSlot) {
        Leg[][] owned = byShard;
        long now = System.nanoTime();
        for (int k = 0; k < owned.length; k++) {
            if (owned[k].length == 0) {
                continue;
            }
            SendShard shard = shards[k];
            SendShard.Job job = shard.offer();
            if (job == null) {
                drops.dropped(ForwardDropReason.SEND_QUEUE_FULL);
                continue;
            }
            if (packet != null) {
                System.arraycopy(packet.buffer(), packet.offset(), job.data, 0, packet.length());
                job.length = packet.length();
            }
            job.room = this;
            job.from = from;
            job.channel = channel;
            job.slot = slot;
            job.cutMember = cutMember;
            job.cutSlot = cutSlot;
            job.nowNanos = now;
            shard.publish();
        }
    }

    /**
     * Sender thread of {@code shard}: runs {@code jobs[0, count)} (this room's, in order) for every leg of
     * this room the shard owns, visiting each leg once for all of them.
     */
    void send(SendShard shard, SendShard.Job[] jobs, int count) {
        byte[] out = shard.packet;
        RtpPacket view = shard.view;
        int sent = 0;
        int silences = 0;
        for (Leg to : byShard[shard.index]) {
            PeerSession session = to.session;
            if (session == null || session.state() != PeerState.CONNECTED) {
                continue;
            }
            int listening = to.listening;
            for (int j = 0; j < count; j++) {
                SendShard.Job job = jobs[j];
                if (to.memberId == job.from || (job.channel != SendPolicy.FLOOR && job.channel != listening)) {
                    continue;
                }
                if (job.cutMember >= 0 && to.rewriter.cut(job.cutSlot, job.cutMember)) {
                    for (int i = 0; i < SILENCE_FRAMES_ON_CUT; i++) {
                        int n = to.rewriter.writeSilence(job.cutSlot, to.opusPayloadType, out, 0);
                        if (n > 0 && session.queueRtp(shard.srtp.set(0, n), shard.batch)) {
                            silences++;
                        }
                    }
                }
                if (job.slot < 0) {
                    continue;
                }
                System.arraycopy(job.data, 0, out, 0, job.length);
                if (view.wrap(out, 0, job.length) != null
                        || !to.rewriter.rewrite(view, job.slot, job.from, job.nowNanos)) {
                    continue;
                }
                view.setPayloadType(to.opusPayloadType);
                if (session.queueRtp(shard.srtp.set(0, job.length), shard.batch)) {
                    sent++;
                }
            }
        }
        if (sent > 0) {
            forwarded.add(sent);
        }
        if (silences > 0) {
            silenceSent.add(silences);
        }
    }

    /** This room's drop counters, for the legs' rewriters. */
    DropCounters drops() {
        return drops;
    }

    /** This room's totals so far; see {@link RoomCounters}. */
    RoomCounters counters() {
        return new RoomCounters(forwarded.sum(), silenceSent.sum(), drops.byLabel());
    }

    /** Adds a leg, giving it to the sender shard with the fewest legs in this room. */
    synchronized void add(Leg leg) {
        Leg[][] owned = byShard;
        int least = 0;
        for (int k = 1; k < owned.length; k++) {
            if (owned[k].length < owned[least].length) {
                least = k;
            }
        }
        leg.shard = least;
        Leg[] next = Arrays.copyOf(legs, legs.length + 1);
        next[legs.length] = leg;
        publish(next);
    }

    synchronized void remove(Leg leg) {
        removeIfPresent(leg);
    }

    /** Removes {@code leg}; true when it was there (so callers can act exactly once). */
    synchronized boolean removeIfPresent(Leg leg) {
        Leg[] next = Arrays.stream(legs).filter(l -> l != leg).toArray(Leg[]::new);
        boolean removed = next.length != legs.length;
        publish(next);
        return removed;
    }

    private void publish(Leg[] all) {
        Leg[][] owned = new Leg[shards.length][];
        for (int k = 0; k < shards.length; k++) {
            final int shard = k;
            owned[k] = Arrays.stream(all).filter(l -> l.shard == shard).toArray(Leg[]::new);
        }
        byShard = owned;
        legs = all;
    }

    /** The legs of a connection (at most one) or of a member (one per connection). */
    synchronized List<Leg> legs(Predicate<Leg> which) {
        List<Leg> out = new ArrayList<>();
        for (Leg l : legs) {
            if (which.test(l)) {
                out.add(l);
            }
        }
        return out;
    }

    boolean isEmpty() {
        return legs.length == 0;
    }
}
