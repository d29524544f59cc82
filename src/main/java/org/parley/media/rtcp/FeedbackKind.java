package org.parley.media.rtcp;

/**
 * The feedback messages of RFC 4585 §6 (and RFC 5104, transport-cc, REMB) that the SFU recognises, and
 * what an audio-only SFU terminating RTCP per leg does with each: a NACK can be answered or passed to the
 * sender (after mapping rewritten sequence numbers back); bandwidth feedback belongs to the leg it
 * arrived on; picture feedback means nothing for audio.
 */
public enum FeedbackKind {
    /** RTPFB FMT 1, RFC 4585 §6.2.1. */
    GENERIC_NACK(RtcpPacketType.RTPFB, 1, true),
    /** RTPFB FMT 3 and 4, RFC 5104 §4.2. */
    TMMBR(RtcpPacketType.RTPFB, 3, false),
    TMMBN(RtcpPacketType.RTPFB, 4, false),
    /** RTPFB FMT 15, draft-holmer-rmcat-transport-wide-cc-extensions §3.1. */
    TRANSPORT_CC(RtcpPacketType.RTPFB, 15, false),
    /** PSFB FMT 1..4: picture loss, slice loss, reference picture selection, full intra request. */
    PLI(RtcpPacketType.PSFB, 1, false),
    SLI(RtcpPacketType.PSFB, 2, false),
    RPSI(RtcpPacketType.PSFB, 3, false),
    FIR(RtcpPacketType.PSFB, 4, false),
    /** PSFB FMT 15, application layer feedback, RFC 4585 §6.4 (REMB among others). */
    APPLICATION(RtcpPacketType.PSFB, 15, false),
    /** Any other FMT of RTPFB or PSFB. */
    OTHER(0, 0, false);

    private final int packetType;
    private final int fmt;
    private final boolean forwardToSender;

    FeedbackKind(int packetType, int fmt, boolean forwardToSender) {
        this.packetType = packetType;
        this.fmt = fmt;
        this.forwardToSender = forwardToSender;
    }

    /** Whether an SFU forwards this message toward the media sender; all others are consumed or dropped. */
    public boolean forwardToSender() {
        return forwardToSender;
    }

    static FeedbackKind of(int packetType, int fmt) {
        for (FeedbackKind k : values()) {
            if (k.packetType == packetType && k.fmt == fmt) {
                return k;
            }
        }
        return OTHER;
    }
}
