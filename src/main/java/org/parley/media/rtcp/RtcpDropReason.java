package org.parley.media.rtcp;

import java.util.Locale;

/** Why a datagram is not a usable RTCP compound packet (RFC 3550 App. A.2); each is counted separately. */
public enum RtcpDropReason {
    /** The offset or length do not describe a region of the buffer. */
    BAD_BOUNDS,
    /** Fewer than the 4 bytes of a common header, or a trailing fragment after the last packet. */
    TOO_SHORT,
    /** A packet's version field is not 2 (RFC 3550 §6.4.1). */
    BAD_VERSION,
    /** A packet's length field runs past the end of the datagram (RFC 3550 App. A.2). */
    LENGTH_OVERRUN,
    /** A packet other than the last has the P bit set (RFC 3550 §6.4.1). */
    PADDING_NOT_LAST,
    /** The pad count is 0 or larger than the packet (RFC 3550 §6.4.1). */
    BAD_PADDING,
    /** An SR or RR is too short for its header or its report count (RFC 3550 §6.4). */
    REPORT_OVERRUN,
    /** An SDES chunk or item runs past the end of its packet (RFC 3550 §6.5). */
    BAD_SDES,
    /** A BYE's source list or reason runs past the end of its packet (RFC 3550 §6.6). */
    BAD_BYE,
    /** An RTPFB or PSFB message is shorter than its 12-byte common part (RFC 4585 §6.1). */
    FEEDBACK_TOO_SHORT;

    /** The counter name, e.g. {@code length-overrun}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
