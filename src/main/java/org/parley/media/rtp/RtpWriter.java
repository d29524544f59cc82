package org.parley.media.rtp;

/**
 * Writes RTP headers (RFC 3550 §5.1) and RFC 8285 one-byte extension blocks into a caller's buffer, for
 * packets the SFU originates (and for tests). Returns the bytes written, or -1 when they do not fit;
 * never throws on a short buffer.
 */
public final class RtpWriter {

    private RtpWriter() {
    }

    /**
     * Writes a fixed header with CSRCs, no extension and no padding (the X and P bits clear).
     *
     * @return the header length, {@code 12 + 4 * csrcs.length}, or -1 if it does not fit or there are more
     *     than 15 CSRCs
     */
    public static int writeHeader(byte[] buf, int off, boolean marker, int payloadType, int sequenceNumber,
                                  long timestamp, int ssrc, int... csrcs) {
        int n = csrcs == null ? 0 : csrcs.length;
        int h = RtpPacket.FIXED_HEADER_LENGTH + 4 * n;
        if (n > 15 || buf == null || off < 0 || off > buf.length - h) {
            return -1;
        }
        buf[off] = (byte) ((RtpPacket.VERSION << 6) | n);
        buf[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7f));
        buf[off + 2] = (byte) (sequenceNumber >>> 8);
        buf[off + 3] = (byte) sequenceNumber;
        RtpPacket.putI32(buf, off + 4, (int) timestamp);
        RtpPacket.putI32(buf, off + 8, ssrc);
        for (int i = 0; i < n; i++) {
            RtpPacket.putI32(buf, off + 12 + 4 * i, csrcs[i]);
        }
        return h;
    }

    /**
     * Appends a one-byte-form extension block (RFC 8285 §4.2) holding one element per id at {@code off},
     * which must directly follow the header written by {@link #writeHeader} at {@code headerOff}; sets the
     * header's X bit. Elements are 1..16 bytes, ids 1..14; the block is zero-padded to 32 bits.
     *
     * @return bytes written (4 + the padded element list), or -1 if invalid or it does not fit
     */
    public static int writeOneByteExtensions(byte[] buf, int headerOff, int off, int[] ids, byte[][] values) {
        if (buf == null || ids == null || values == null || ids.length != values.length || headerOff < 0
                || off < headerOff + RtpPacket.FIXED_HEADER_LENGTH) {
            return -1;
        }
        int data = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 1 || ids[i] > 14 || values[i] == null || values[i].length < 1 || values[i].length > 16) {
                return -1;
            }
            data += 1 + values[i].length;
        }
        int padded = (data + 3) & ~3;
        if (off > buf.length - 4 - padded) {
            return -1;
        }
        buf[off] = (byte) (HeaderExtensions.ONE_BYTE_PROFILE >>> 8);
        buf[off + 1] = (byte) HeaderExtensions.ONE_BYTE_PROFILE;
        buf[off + 2] = (byte) ((padded / 4) >>> 8);
        buf[off + 3] = (byte) (padded / 4);
        int p = off + 4;
        for (int i = 0; i < ids.length; i++) {
            buf[p++] = (byte) ((ids[i] << 4) | (values[i].length - 1));
            System.arraycopy(values[i], 0, buf, p, values[i].length);
            p += values[i].length;
        }
        while (p < off + 4 + padded) {
            buf[p++] = 0;
        }
        buf[headerOff] |= 0x10;
        return 4 + padded;
    }
}
