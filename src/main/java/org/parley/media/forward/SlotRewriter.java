package org.parley.media.forward;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpWriter;

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

    /**
     * An Opus packet that decodes to 20 ms of silence (RFC 6716 §3.1: TOC 0xF8 = config 31, CELT-only
     * fullband 20 ms, mono, one frame; then the two-byte frame 0xFF 0xFE), the frame libwebrtc and Jitsi
     * send for DTX comfort silence. A decoder that receives it goes quiet at once instead of concealing
     * the lost stream, whose fade takes ~200-400 ms.
     *
     * <pre>
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |config=31|s| c |     0xFF      |     0xFE      |   TOC 0xF8: s=0 mono, c=0 one frame
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    static final byte[] OPUS_SILENCE = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};

    /**
     * Initial sequence numbers are random (RFC 3550 §5.1) but below 2^15, as libwebrtc's are: the server is
     * keyed a moment before the listener (it completes the DTLS handshake first, RFC 6347 §4.2.4) and sends
     * into that moment; a stream that started near 65535 and wrapped there reaches the listener with a
     * rollover counter of 1 while RFC 3711 §3.3.1 makes the listener start at 0, and every packet of that
     * slot fails authentication for good (one leg in ~1,000 in the load test before this bound).
     */
    static final int INITIAL_SEQ_BOUND = 1 << 15;

    private final Slot[] slots;
    private final DropCounters counters;

    /**
     * @param ssrcs  the listener's outgoing SSRC per slot, as announced in its SDP (distinct)
     * @param random source of each slot's random initial sequence number (below 2^15) and timestamp (RFC 3550 §5.1)
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
            slots[i] = new Slot(ssrcs[i], random.nextInt(INITIAL_SEQ_BOUND), random.nextInt());
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
     * Speaker {@code member} was cut from {@code slot} (muted, off stage, or displaced by a louder speaker).
     * True if it was feeding that slot: then send {@link #writeSilence} packets into it next. The next
     * packet in the slot, from anyone, starts a new source (sequence continued, marker set).
     */
    public boolean cut(int slot, long member) {
        return slots[slot].cut(member);
    }

    /**
     * Writes one RTP packet carrying {@link #OPUS_SILENCE} into {@code slot}'s stream at {@code off}: the
     * slot's SSRC, the next sequence number, a timestamp one frame on. Plain RTP, to be protected like any
     * forwarded packet.
     *
     * @return its length, or -1 if it does not fit (nothing is then taken from the slot's spaces)
     */
    public int writeSilence(int slot, int payloadType, byte[] out, int off) {
        int length = RtpPacket.FIXED_HEADER_LENGTH + OPUS_SILENCE.length;
        if (out == null || off < 0 || off > out.length - length) {
            return -1;
        }
        Slot s = slots[slot];
        int seq = s.next();
        RtpWriter.writeHeader(out, off, false, payloadType, seq, s.outTimestamp() & 0xffff_ffffL, s.ssrc);
        System.arraycopy(OPUS_SILENCE, 0, out, off + RtpPacket.FIXED_HEADER_LENGTH, OPUS_SILENCE.length);
        return length;
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
