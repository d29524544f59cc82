package org.parley.media.rtcp;

/**
 * The common part of a transport-layer (RTPFB) or payload-specific (PSFB) feedback message, RFC 4585
 * §6.1. The FCI is left in the buffer; the pipeline only needs to know what the message is and for whom.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   FMT   |       PT      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :            Feedback Control Information (FCI)                 :
 * </pre>
 *
 * @param fciOffset absolute offset of the FCI in the compound's buffer
 * @param fciLength FCI length in bytes
 */
public record Feedback(FeedbackKind kind, int packetType, int fmt, int senderSsrc, int mediaSsrc, int fciOffset,
                       int fciLength) {

    static final int FIXED_LENGTH = 12;
}
