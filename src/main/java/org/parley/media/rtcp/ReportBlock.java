package org.parley.media.rtcp;

/**
 * One reception report block of an SR or RR, RFC 3550 §6.4.1.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_n (SSRC of source n)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * @param ssrc                       the source reported on
 * @param fractionLost               packets lost since the previous report, as a fixed-point fraction of 256
 * @param cumulativeLost             packets lost since the start, signed 24-bit (duplicates can make it negative)
 * @param extendedHighestSequence    cycles (high 16 bits) and highest sequence number received, unsigned 32-bit
 * @param jitter                     interarrival jitter in timestamp units (App. A.8), unsigned 32-bit
 * @param lastSenderReport           middle 32 bits of the NTP timestamp of the source's last SR, or 0
 * @param delaySinceLastSenderReport time since that SR in 1/65536 s, or 0 if none
 */
public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                          long jitter, long lastSenderReport, long delaySinceLastSenderReport) {

    /** RFC 3550 §6.4.1: each block is 24 bytes. */
    public static final int LENGTH = 24;
    /** Largest and smallest values of the signed 24-bit cumulative loss field. */
    static final int MAX_CUMULATIVE_LOST = 0x7fffff;
    static final int MIN_CUMULATIVE_LOST = -0x800000;

    static ReportBlock read(byte[] b, int i) {
        int lostWord = RtcpCompound.i32(b, i + 4);
        int cumulative = (lostWord << 8) >> 8; // sign-extend the low 24 bits
        return new ReportBlock(RtcpCompound.i32(b, i), lostWord >>> 24, cumulative, RtcpCompound.u32(b, i + 8),
                RtcpCompound.u32(b, i + 12), RtcpCompound.u32(b, i + 16), RtcpCompound.u32(b, i + 20));
    }

    void write(byte[] b, int i) {
        int lost = Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, cumulativeLost));
        RtcpCompound.putI32(b, i, ssrc);
        RtcpCompound.putI32(b, i + 4, ((fractionLost & 0xff) << 24) | (lost & 0xffffff));
        RtcpCompound.putI32(b, i + 8, (int) extendedHighestSequence);
        RtcpCompound.putI32(b, i + 12, (int) jitter);
        RtcpCompound.putI32(b, i + 16, (int) lastSenderReport);
        RtcpCompound.putI32(b, i + 20, (int) delaySinceLastSenderReport);
    }
}
