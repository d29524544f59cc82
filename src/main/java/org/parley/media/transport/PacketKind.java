package org.parley.media.transport;

/**
 * RFC 7983 §7: what a datagram on the shared port is, from its first byte.
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--&gt; STUN
 *                  |      [16..19] -+--&gt; ZRTP        (not used: dropped)
 *      packet --&gt;  |      [20..63] -+--&gt; DTLS
 *                  |      [64..79] -+--&gt; TURN channel (not used: dropped)
 *                  |    [128..191] -+--&gt; RTP/RTCP (SRTP and SRTCP)
 *                  +----------------+
 * </pre>
 */
enum PacketKind {
    STUN,
    DTLS,
    RTP,
    UNKNOWN;

    static PacketKind of(byte firstByte) {
        int b = firstByte & 0xFF;
        if (b <= 3) {
            return STUN;
        }
        if (b >= 20 && b <= 63) {
            return DTLS;
        }
        if (b >= 128 && b <= 191) {
            return RTP;
        }
        return UNKNOWN;
    }
}
