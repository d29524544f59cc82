package org.parley.media.client;

/**
 * What a datagram from the server is, from its first two bytes, as a browser demultiplexes the one
 * 5-tuple of a bundled, rtcp-muxed leg:
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--&gt; STUN                       RFC 7983 §7
 *                  |      [20..63] -+--&gt; DTLS
 *      packet --&gt;  |    [128..191] -+--&gt; second byte [192..223]: RTCP   RFC 5761 §4
 *                  |                |    otherwise:               RTP
 *                  |          else -+--&gt; OTHER (dropped)
 *                  +----------------+
 * </pre>
 */
public enum DatagramKind {
    STUN,
    DTLS,
    RTP,
    RTCP,
    OTHER;

    /** The kind of the {@code length} bytes at the start of {@code datagram}; allocates nothing. */
    public static DatagramKind of(byte[] datagram, int length) {
        if (length < 1) {
            return OTHER;
        }
        int first = datagram[0] & 0xff;
        if (first <= 3) {
            return STUN;
        }
        if (first >= 20 && first <= 63) {
            return DTLS;
        }
        if (first < 128 || first > 191 || length < 2) {
            return OTHER;
        }
        int second = datagram[1] & 0xff;
        return second >= 192 && second <= 223 ? RTCP : RTP;
    }
}
