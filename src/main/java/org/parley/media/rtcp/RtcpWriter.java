package org.parley.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the RTCP packets an SFU terminating RTCP per leg sends: RR and SR with report blocks (RFC 3550
 * §6.4), SDES with a CNAME (§6.5; every compound must carry one, §6.1) and BYE (§6.6). Each method writes
 * one packet at {@code off} and returns its length, or -1 if it does not fit or the arguments cannot be
 * encoded; concatenating the results gives a compound. Never throws on a short buffer.
 */
public final class RtcpWriter {

    /** RFC 3550 §6.4: RC is 5 bits, so at most 31 report blocks per SR or RR. */
    public static final int MAX_REPORT_BLOCKS = 31;

    private RtcpWriter() {
    }

    /** Writes a receiver report (RFC 3550 §6.4.2), layout in {@link ReceiverReport}. */
    public static int writeReceiverReport(byte[] buf, int off, int senderSsrc, List<ReportBlock> blocks) {
        int n = blocks.size();
        int total = ReceiverReport.FIXED_LENGTH + n * ReportBlock.LENGTH;
        if (n > MAX_REPORT_BLOCKS || !fits(buf, off, total)) {
            return -1;
        }
        header(buf, off, n, RtcpPacketType.RR, total);
        RtcpCompound.putI32(buf, off + 4, senderSsrc);
        for (int k = 0; k < n; k++) {
            blocks.get(k).write(buf, off + ReceiverReport.FIXED_LENGTH + k * ReportBlock.LENGTH);
        }
        return total;
    }

    /** Writes a sender report (RFC 3550 §6.4.1), layout in {@link SenderReport}. */
    public static int writeSenderReport(byte[] buf, int off, int senderSsrc, long ntpTimestamp, long rtpTimestamp,
                                        long packetCount, long octetCount, List<ReportBlock> blocks) {
        int n = blocks.size();
        int total = SenderReport.FIXED_LENGTH + n * ReportBlock.LENGTH;
        if (n > MAX_REPORT_BLOCKS || !fits(buf, off, total)) {
            return -1;
        }
        header(buf, off, n, RtcpPacketType.SR, total);
        RtcpCompound.putI32(buf, off + 4, senderSsrc);
        RtcpCompound.putI32(buf, off + 8, (int) (ntpTimestamp >>> 32));
        RtcpCompound.putI32(buf, off + 12, (int) ntpTimestamp);
        RtcpCompound.putI32(buf, off + 16, (int) rtpTimestamp);
        RtcpCompound.putI32(buf, off + 20, (int) packetCount);
        RtcpCompound.putI32(buf, off + 24, (int) octetCount);
        for (int k = 0; k < n; k++) {
            blocks.get(k).write(buf, off + SenderReport.FIXED_LENGTH + k * ReportBlock.LENGTH);
        }
        return total;
    }

    /** Writes an SDES packet with one chunk holding one CNAME item (1..255 UTF-8 bytes), RFC 3550 §6.5.1. */
    public static int writeSdesCname(byte[] buf, int off, int ssrc, String cname) {
        return writeSdesCname(buf, off, new int[] {ssrc}, 1, cname);
    }

    /**
     * Writes one SDES packet with a chunk per source, each holding the same CNAME item (1..255 UTF-8
     * bytes), RFC 3550 §6.5: the sources of one endpoint share its CNAME. At most 31 chunks (SC is 5 bits).
     */
    public static int writeSdesCname(byte[] buf, int off, int[] ssrcs, int count, String cname) {
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        if (text.length < 1 || text.length > 255 || count < 1 || count > MAX_REPORT_BLOCKS || count > ssrcs.length) {
            return -1;
        }
        // Per chunk: SSRC, item type + length + text, then at least one null octet, padded to 32 bits.
        int chunk = (4 + 2 + text.length + 1 + 3) & ~3;
        int total = RtcpCompound.HEADER_LENGTH + count * chunk;
        if (!fits(buf, off, total)) {
            return -1;
        }
        header(buf, off, count, RtcpPacketType.SDES, total);
        for (int k = 0; k < count; k++) {
            int c = off + RtcpCompound.HEADER_LENGTH + k * chunk;
            RtcpCompound.putI32(buf, c, ssrcs[k]);
            buf[c + 4] = SdesChunk.CNAME;
            buf[c + 5] = (byte) text.length;
            System.arraycopy(text, 0, buf, c + 6, text.length);
            for (int i = c + 6 + text.length; i < c + chunk; i++) {
                buf[i] = 0;
            }
        }
        return total;
    }

    /** Writes a BYE for up to 31 sources without a reason, RFC 3550 §6.6. */
    public static int writeBye(byte[] buf, int off, int... ssrcs) {
        int total = RtcpCompound.HEADER_LENGTH + 4 * ssrcs.length;
        if (ssrcs.length > MAX_REPORT_BLOCKS || !fits(buf, off, total)) {
            return -1;
        }
        header(buf, off, ssrcs.length, RtcpPacketType.BYE, total);
        for (int k = 0; k < ssrcs.length; k++) {
            RtcpCompound.putI32(buf, off + 4 + 4 * k, ssrcs[k]);
        }
        return total;
    }

    private static boolean fits(byte[] buf, int off, int total) {
        return buf != null && off >= 0 && off <= buf.length - total;
    }

    /** RFC 3550 §6.4.1: V=2, P=0, count, type, length in 32-bit words minus one. */
    private static void header(byte[] buf, int off, int count, int type, int total) {
        buf[off] = (byte) ((RtcpCompound.VERSION << 6) | count);
        buf[off + 1] = (byte) type;
        int words = total / 4 - 1;
        buf[off + 2] = (byte) (words >>> 8);
        buf[off + 3] = (byte) words;
    }
}
