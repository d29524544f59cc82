package org.parley.media.forward;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.parley.media.rtp.RtpPacket;

/**
 * Rewrites the speakers' packets onto one listener's fixed receive slots, so the listener negotiates N
 * audio streams once and the SFU switches who is heard in each without a new offer/answer.
 *
 * <pre>
 *  speaker A (ssrc a, seq 500..)  ─┐                     ┌─ slot 0 (ssrc s0, seq 71, 72, 73 | 74M, 75 ..)
 *  speaker B (ssrc b, seq 9000..) ─┼─ SpeakerSelector ──►│  slot 1 ...                        ▲ B from here
 *  speaker C ...                  ─┘   (slot index)      └─ slot N-1                          marker set
 * </pre>
 *
 * <p>The SSRC, sequence number, timestamp and marker are rewritten in place through the {@link RtpPacket}
 * setters; the caller rewrites a copy per listener and then protects it with the listener's SRTP context
 * (the header is authenticated, RFC 3711 §3.1). See {@link Slot} for the mapping rules.
 *
 * <p>Threading: one owner, the thread forwarding to this listener. Rewriting allocates nothing. Drops are
 * counted per listener, so one late source packet may count once per listener that got the switch.
 */
public final class SlotRewriter {

    private final Slot[] slots;
    private final DropCounters counters;

    /**
     * @param ssrcs  the listener's outgoing SSRC per slot, as announced in its SDP (distinct)
     * @param random source of each slot's random initial sequence number and timestamp (RFC 3550 §5.1)
     */
    public SlotRewriter(int[] ssrcs, RandomGenerator random, DropCounters counters) {
        this.counters = Objects.requireNonNull(counters);
        this.slots = new Slot[ssrcs.length];
        for (int i = 0; i < ssrcs.length; i++) {
            for (int j = 0; j < i; j++) {
                if (ssrcs[j] == ssrcs[i]) {
                    throw new IllegalArgumentException("slot SSRCs must be distinct");
                }
            }
            slots[i] = new Slot(ssrcs[i], random.nextInt(1 << 16), random.nextInt());
        }
    }

    /** Number of slots. */
    public int slots() {
        return slots.length;
    }

    /** The outgoing SSRC of {@code slot}. */
    public int ssrc(int slot) {
        return slots[slot].ssrc;
    }

    /**
     * Rewrites {@code packet} (a valid view, typically of the listener's copy) from speaker {@code member}
     * into {@code slot}.
     *
     * @param nowNanos the monotonic time the packet is handled, from the same clock for every call
     * @return whether to send it; if not, the drop is counted and the packet is left unchanged
     */
    public boolean rewrite(RtpPacket packet, int slot, long member, long nowNanos) {
        Slot s = slots[slot];
        int result = s.map(member, packet.ssrc(), packet.sequenceNumber(), (int) packet.timestamp(), nowNanos);
        if (result == Slot.STALE) {
            counters.dropped(ForwardDropReason.STALE_AFTER_SWITCH);
            return false;
        }
        if (result == Slot.JUMP) {
            counters.dropped(ForwardDropReason.SEQUENCE_JUMP);
            return false;
        }
        packet.setSsrc(s.ssrc);
        packet.setSequenceNumber(result & 0xffff);
        packet.setTimestamp(s.outTimestamp() & 0xffff_ffffL);
        if ((result & Slot.MARK) != 0) {
            packet.setMarker(true);
        }
        return true;
    }
}
