package org.parley.media.rtcp;

/** RTCP packet type values (RFC 3550 §12.1, RFC 4585 §6.1, RFC 3611) and RTP/RTCP demultiplexing. */
public final class RtcpPacketType {

    /** Sender report, RFC 3550 §6.4.1. */
    public static final int SR = 200;
    /** Receiver report, RFC 3550 §6.4.2. */
    public static final int RR = 201;
    /** Source description, RFC 3550 §6.5. */
    public static final int SDES = 202;
    /** Goodbye, RFC 3550 §6.6. */
    public static final int BYE = 203;
    /** Application-defined, RFC 3550 §6.7. */
    public static final int APP = 204;
    /** Transport-layer feedback, RFC 4585 §6.2. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback, RFC 4585 §6.3. */
    public static final int PSFB = 206;
    /** Extended reports, RFC 3611. */
    public static final int XR = 207;

    private RtcpPacketType() {
    }

    /**
     * RFC 5761 §4: with rtcp-mux, a packet whose second byte is 192..223 (RTCP types 200..207 fall there;
     * RTP payload types 64..95 with the marker bit would too, which is why they must not be used) is RTCP;
     * any other RTP/RTCP packet (first byte 128..191, RFC 7983) is RTP.
     */
    public static boolean isRtcp(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 2 || off > buf.length - len) {
            return false;
        }
        int pt = buf[off + 1] & 0xff;
        return pt >= 192 && pt <= 223;
    }
}
