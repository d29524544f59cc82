package org.parley.media.rtp;

import java.util.Locale;

/** Why a datagram is not a usable RTP packet (RFC 3550 §5.1, App. A.1); each is counted separately. */
public enum RtpDropReason {
    /** The offset or length do not describe a region of the buffer. */
    BAD_BOUNDS,
    /** Fewer than the 12 bytes of the fixed header. */
    TOO_SHORT,
    /** The version field is not 2 (RFC 3550 §5.1). */
    BAD_VERSION,
    /** The CSRC list (CC * 4 bytes) runs past the end of the packet. */
    CSRC_OVERRUN,
    /** The X bit is set but the extension header or its data run past the end (RFC 3550 §5.3.1). */
    EXTENSION_OVERRUN,
    /** The P bit is set but the pad count is 0 or larger than the payload (RFC 3550 §5.1, App. A.1). */
    BAD_PADDING;

    /** The counter name, e.g. {@code csrc-overrun}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
