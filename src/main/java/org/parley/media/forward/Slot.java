package org.parley.media.forward;

/**
 * One receive slot of one listener: a fixed outgoing SSRC with its own sequence number and timestamp
 * spaces, onto which whichever speaker currently holds the slot is mapped.
 *
 * <p>While one source feeds the slot, outgoing = source + offset (mod 2^16 for sequence numbers, 2^32 for
 * timestamps), so loss and reordering map through unchanged: a gap of k stays a gap of k. When the source
 * changes (another speaker, or the same one with a new SSRC or a restarted sequence) the offsets are
 * re-anchored so the outgoing sequence continues at last + 1 and the timestamp moves on by the wall-clock
 * gap, at least one frame, and the first packet carries the marker bit (RFC 3551 §4.1: the first packet
 * of a talkspurt), which tells the receiver's jitter buffer to resynchronise instead of stretching.
 *
 * <p>Sequence numbers are extended to 64 bits with the checks of RFC 3550 App. A.1, so 16-bit wrap-around
 * is handled and a packet from before the switch point can be recognised and dropped: forwarding it
 * would put the previous speaker's sequence space into the new one's.
 *
 * <p>Threading: owned by the thread forwarding to this listener. No allocation per packet.
 */
final class Slot {

    /** RFC 3550 App. A.1: largest forward jump and reorder depth accepted without probation. */
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    static final int SEQ_MOD = 1 << 16;
    /** RFC 7587 §4.1: Opus RTP timestamps run at 48 kHz; a 20 ms frame is 960 ticks. */
    static final int CLOCK_RATE = 48_000;
    static final int FRAME_TICKS = 960;
    /** {@link #map} results besides a sequence number. */
    static final int MARK = 1 << 16;
    static final int STALE = -1;
    static final int JUMP = -2;

    final int ssrc;

    private boolean anchored;
    private long sourceMember;
    private int sourceSsrc;
    /** Outgoing = source + offset, in 16 and 32 bits. */
    private int seqOffset;
    private int tsOffset;
    /** Extended highest source sequence number, and the one at the switch point. */
    private long maxExt;
    private long baseExt;
    /** RFC 3550 App. A.1: after a big jump, the sequence number that would confirm a restart; -1 if none. */
    private int badSeq = -1;

    /** Outgoing sequence number and timestamp of the newest packet sent, and when it was sent. */
    private int lastSeq;
    private int lastTs;
    private long lastNanos;
    private boolean sent;
    /** The outgoing timestamp of the packet {@link #map} accepted last. */
    private int outTs;

    Slot(int ssrc, int initialSeq, int initialTs) {
        this.ssrc = ssrc;
        // RFC 3550 §5.1: start from random values; the first anchor continues from "last" + 1 / + a frame.
        this.lastSeq = (initialSeq - 1) & 0xffff;
        this.lastTs = initialTs - FRAME_TICKS;
    }

    /**
     * Maps a packet with source sequence number {@code seq} and timestamp {@code ts} (low 32 bits) from
     * {@code member}'s {@code srcSsrc} onto this slot.
     *
     * @return the outgoing sequence number (0..65535), or'ed with {@link #MARK} if the packet starts a new
     *     source; or {@link #STALE} for a packet from before the switch point, {@link #JUMP} for a big jump
     *     on probation. The outgoing timestamp is then in {@link #outTimestamp()}.
     */
    int map(long member, int srcSsrc, int seq, int ts, long nowNanos) {
        if (!anchored || member != sourceMember || srcSsrc != sourceSsrc) {
            anchor(member, srcSsrc, seq, ts, nowNanos);
            return lastSeq | MARK;
        }
        int udelta = (seq - (int) maxExt) & 0xffff;
        long ext;
        if (udelta < MAX_DROPOUT) {
            ext = maxExt + udelta; // in order, maybe after a gap, maybe into the next 16-bit cycle
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq != badSeq) {
                badSeq = (seq + 1) & 0xffff;
                return JUMP;
            }
            // Two sequential packets after a big jump: the source restarted its sequence. Re-anchor.
            anchor(member, srcSsrc, seq, ts, nowNanos);
            return lastSeq | MARK;
        } else {
            ext = maxExt - (SEQ_MOD - udelta); // late (reordered or duplicate)
            if (ext < baseExt) {
                return STALE;
            }
        }
        badSeq = -1;
        int out = (seq + seqOffset) & 0xffff;
        outTs = ts + tsOffset;
        if (ext > maxExt) {
            maxExt = ext;
            lastSeq = out;
            lastTs = outTs;
            lastNanos = nowNanos;
        }
        return out;
    }

    /**
     * {@code member} was cut from this slot (muted, off stage, or displaced by a louder speaker): true if
     * it was the slot's source, in which case the slot lets go of it, so whoever comes next re-anchors
     * (continuing the sequence, marker set), even {@code member} itself after an unmute.
     */
    boolean cut(long member) {
        if (!anchored || member != sourceMember) {
            return false;
        }
        anchored = false;
        return true;
    }

    /**
     * Takes the next outgoing sequence number and timestamp for a packet the SFU makes up (a silence
     * frame): one frame after the newest packet sent. Returns the sequence number; the timestamp is then in
     * {@link #outTimestamp()}.
     */
    int next() {
        lastSeq = (lastSeq + 1) & 0xffff;
        lastTs += FRAME_TICKS;
        outTs = lastTs;
        // The made-up frame stands for the next 20 ms, so the next anchor's wall-clock gap starts after it.
        lastNanos += Speaker.FRAME_NANOS;
        sent = true;
        return lastSeq;
    }

    /** The outgoing timestamp (low 32 bits) of the packet {@link #map} accepted last. */
    int outTimestamp() {
        return outTs;
    }

    private void anchor(long member, int srcSsrc, int seq, int ts, long nowNanos) {
        // Continue the slot's own spaces: sequence at last + 1 (no gap the receiver would count as loss),
        // timestamp by the real time since the last packet so playout timing stays true, and by at least
        // one frame so it strictly increases.
        long gapTicks = FRAME_TICKS;
        if (sent && nowNanos - lastNanos > 0) {
            gapTicks = Math.max(FRAME_TICKS, (nowNanos - lastNanos) / 1000 * CLOCK_RATE / 1_000_000);
        }
        int nextSeq = (lastSeq + 1) & 0xffff;
        int nextTs = lastTs + (int) gapTicks;
        seqOffset = nextSeq - seq;
        tsOffset = nextTs - ts;
        anchored = true;
        sourceMember = member;
        sourceSsrc = srcSsrc;
        maxExt = seq;
        baseExt = seq;
        badSeq = -1;
        lastSeq = nextSeq;
        lastTs = nextTs;
        outTs = nextTs;
        lastNanos = nowNanos;
        sent = true;
    }
}
