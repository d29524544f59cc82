package org.parley.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A reusable cursor over one (decrypted) RTCP compound packet, RFC 3550 §6.1. {@link #wrap} validates the
 * whole compound first, as App. A.2 does, down to each SR/RR's report count, each SDES chunk and each
 * BYE, so iterating afterwards cannot fail and a bad datagram is dropped whole with one reason.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| RC/FMT  |      PT       |   length (32-bit words - 1)   |  common header of
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  every packet
 * |                      SSRC of packet sender                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                       ... then the next packet, back to back  :
 * </pre>
 *
 * <p>RFC 3550 wants compounds to start with an SR or RR; RFC 5506 (reduced-size RTCP, which browsers
 * negotiate with {@code a=rtcp-rsize}) lifts that, so it is not checked. Only the last packet may carry
 * padding (§6.4.1).
 *
 * <p>The typed readers ({@link #senderReport()} and friends) allocate; RTCP runs at a few packets per
 * second per stream, so that is acceptable here, unlike on the RTP path. Threading: one owner at a time.
 */
public final class RtcpCompound {

    /** RFC 3550 §6.4.1: the common header is 4 bytes. */
    static final int HEADER_LENGTH = 4;
    static final int VERSION = 2;

    private byte[] buf;
    private int start;
    private int end;
    private int cursor;
    private int current = -1;
    private int currentLength;

    /**
     * Views and validates {@code len} bytes at {@code off} as a compound packet and rewinds the cursor.
     *
     * @return {@code null} if the compound is valid, else why it must be dropped (the cursor is then empty)
     */
    public RtcpDropReason wrap(byte[] b, int off, int len) {
        buf = null;
        start = end = cursor = 0;
        current = -1;
        currentLength = 0;
        if (b == null || off < 0 || len < 0 || off > b.length - len) {
            return RtcpDropReason.BAD_BOUNDS;
        }
        if (len < HEADER_LENGTH) {
            return RtcpDropReason.TOO_SHORT;
        }
        int i = off;
        int e = off + len;
        while (i < e) {
            if (e - i < HEADER_LENGTH) {
                return RtcpDropReason.TOO_SHORT;
            }
            int first = b[i] & 0xff;
            if (first >>> 6 != VERSION) {
                return RtcpDropReason.BAD_VERSION;
            }
            int total = 4 * (u16(b, i + 2) + 1);
            if (total > e - i) {
                return RtcpDropReason.LENGTH_OVERRUN;
            }
            int content = total;
            if ((first & 0x20) != 0) {
                if (i + total != e) {
                    return RtcpDropReason.PADDING_NOT_LAST;
                }
                int pad = b[i + total - 1] & 0xff;
                if (pad == 0 || pad > total - HEADER_LENGTH) {
                    return RtcpDropReason.BAD_PADDING;
                }
                content -= pad;
            }
            RtcpDropReason bad = checkBody(b, i, content, b[i + 1] & 0xff, first & 0x1f);
            if (bad != null) {
                return bad;
            }
            i += total;
        }
        buf = b;
        start = cursor = off;
        end = e;
        return null;
    }

    private static RtcpDropReason checkBody(byte[] b, int i, int content, int type, int count) {
        switch (type) {
            case RtcpPacketType.SR:
                return content < SenderReport.FIXED_LENGTH + count * ReportBlock.LENGTH
                        ? RtcpDropReason.REPORT_OVERRUN : null;
            case RtcpPacketType.RR:
                return content < ReceiverReport.FIXED_LENGTH + count * ReportBlock.LENGTH
                        ? RtcpDropReason.REPORT_OVERRUN : null;
            case RtcpPacketType.SDES:
                return walkSdes(b, i, content, count, null) ? null : RtcpDropReason.BAD_SDES;
            case RtcpPacketType.BYE:
                return checkBye(b, i, content, count) ? null : RtcpDropReason.BAD_BYE;
            case RtcpPacketType.RTPFB, RtcpPacketType.PSFB:
                return content < Feedback.FIXED_LENGTH ? RtcpDropReason.FEEDBACK_TOO_SHORT : null;
            default:
                return null; // APP, XR and unknown types: framing only; the pipeline drops them.
        }
    }

    /** Moves to the next packet of the compound; false at the end (or if the last wrap failed). */
    public boolean next() {
        if (buf == null || cursor >= end) {
            current = -1;
            return false;
        }
        current = cursor;
        int total = 4 * (u16(buf, cursor + 2) + 1);
        currentLength = total;
        if ((buf[cursor] & 0x20) != 0) {
            currentLength -= buf[cursor + total - 1] & 0xff;
        }
        cursor += total;
        return true;
    }

    /** Rewinds to the first packet. */
    public void rewind() {
        cursor = start;
        current = -1;
    }

    /** The current packet's type (see {@link RtcpPacketType}). */
    public int packetType() {
        return buf[current + 1] & 0xff;
    }

    /** The current packet's 5-bit count field: RC, SC or FMT depending on the type. */
    public int count() {
        return buf[current] & 0x1f;
    }

    /** Absolute offset of the current packet. */
    public int packetOffset() {
        return current;
    }

    /** Length of the current packet in bytes, without padding. */
    public int packetLength() {
        return currentLength;
    }

    /** The first 32-bit word after the header (the sender's SSRC for SR, RR, feedback), or 0 if none. */
    public int firstSsrc() {
        return currentLength >= 8 ? i32(buf, current + 4) : 0;
    }

    /** The current packet as a sender report, or {@code null} if it is not one. */
    public SenderReport senderReport() {
        if (current < 0 || packetType() != RtcpPacketType.SR) {
            return null;
        }
        int p = current;
        return new SenderReport(i32(buf, p + 4), ((long) i32(buf, p + 8) << 32) | u32(buf, p + 12),
                u32(buf, p + 16), u32(buf, p + 20), u32(buf, p + 24), blocks(p + SenderReport.FIXED_LENGTH));
    }

    /** The current packet as a receiver report, or {@code null} if it is not one. */
    public ReceiverReport receiverReport() {
        if (current < 0 || packetType() != RtcpPacketType.RR) {
            return null;
        }
        return new ReceiverReport(i32(buf, current + 4), blocks(current + ReceiverReport.FIXED_LENGTH));
    }

    private List<ReportBlock> blocks(int at) {
        int n = count();
        List<ReportBlock> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(ReportBlock.read(buf, at + k * ReportBlock.LENGTH));
        }
        return out;
    }

    /** The current packet's SDES chunks, or {@code null} if it is not SDES. */
    public List<SdesChunk> sdes() {
        if (current < 0 || packetType() != RtcpPacketType.SDES) {
            return null;
        }
        List<SdesChunk> out = new ArrayList<>(count());
        walkSdes(buf, current, currentLength, count(), out);
        return out;
    }

    /**
     * RFC 3550 §6.5: SC chunks, each an SSRC then items (type, length, text) ended by at least one null
     * octet and padded to 32 bits. Validates, and collects CNAMEs into {@code out} when it is non-null.
     */
    private static boolean walkSdes(byte[] b, int pkt, int content, int chunks, List<SdesChunk> out) {
        int e = pkt + content;
        int i = pkt + HEADER_LENGTH;
        for (int c = 0; c < chunks; c++) {
            if (i + 4 > e) {
                return false;
            }
            int ssrc = i32(b, i);
            String cname = null;
            i += 4;
            while (true) {
                if (i >= e) {
                    return false;
                }
                int type = b[i] & 0xff;
                if (type == SdesChunk.END) {
                    // Skip the null octet and the padding to the next 32-bit boundary.
                    i = pkt + ((i - pkt + 4) & ~3);
                    if (i > e) {
                        return false;
                    }
                    break;
                }
                if (i + 2 > e || i + 2 + (b[i + 1] & 0xff) > e) {
                    return false;
                }
                int textLength = b[i + 1] & 0xff;
                if (out != null && type == SdesChunk.CNAME && cname == null) {
                    cname = new String(b, i + 2, textLength, StandardCharsets.UTF_8);
                }
                i += 2 + textLength;
            }
            if (out != null) {
                out.add(new SdesChunk(ssrc, cname));
            }
        }
        return true;
    }

    /** The current packet as a BYE, or {@code null} if it is not one. */
    public Bye bye() {
        if (current < 0 || packetType() != RtcpPacketType.BYE) {
            return null;
        }
        int n = count();
        List<Integer> ssrcs = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            ssrcs.add(i32(buf, current + HEADER_LENGTH + 4 * k));
        }
        int r = current + HEADER_LENGTH + 4 * n;
        String reason = null;
        if (r < current + currentLength) {
            reason = new String(buf, r + 1, buf[r] & 0xff, StandardCharsets.UTF_8);
        }
        return new Bye(ssrcs, reason);
    }

    private static boolean checkBye(byte[] b, int pkt, int content, int count) {
        int r = HEADER_LENGTH + 4 * count;
        if (r > content) {
            return false;
        }
        // RFC 3550 §6.6: an optional length-prefixed reason may follow the sources.
        return r == content || r + 1 + (b[pkt + r] & 0xff) <= content;
    }

    /** The current packet as RTPFB/PSFB feedback, or {@code null} if it is neither. */
    public Feedback feedback() {
        if (current < 0) {
            return null;
        }
        int type = packetType();
        if (type != RtcpPacketType.RTPFB && type != RtcpPacketType.PSFB) {
            return null;
        }
        int fmt = count();
        return new Feedback(FeedbackKind.of(type, fmt), type, fmt, i32(buf, current + 4), i32(buf, current + 8),
                current + Feedback.FIXED_LENGTH, currentLength - Feedback.FIXED_LENGTH);
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return i32(b, i) & 0xffff_ffffL;
    }

    static void putI32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
