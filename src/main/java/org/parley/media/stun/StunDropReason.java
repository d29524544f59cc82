package org.parley.media.stun;

import java.util.Locale;

/** Why a datagram is not a usable STUN message (RFC 8489 §6.3); each is counted separately. */
public enum StunDropReason {
    /** The offset or length do not describe a region of the buffer. */
    BAD_BOUNDS,
    /** Fewer than the 20 bytes of a header. */
    TOO_SHORT,
    /** The two most significant bits are not zero (RFC 8489 §6). */
    NOT_STUN,
    /** The magic cookie is not 0x2112A442 (RFC 8489 §6). */
    BAD_MAGIC_COOKIE,
    /** The length field is not a multiple of 4 or does not match the datagram (RFC 8489 §6, §6.3). */
    BAD_LENGTH,
    /** An attribute header or value (with its padding) runs past the end of the message (RFC 8489 §14). */
    TRUNCATED_ATTRIBUTE,
    /** A known attribute has a value of the wrong size or content. */
    BAD_ATTRIBUTE,
    /** More attributes than any honest message carries. */
    TOO_MANY_ATTRIBUTES,
    /** An attribute follows FINGERPRINT, which must be last (RFC 8489 §14.7). */
    FINGERPRINT_NOT_LAST,
    /** The FINGERPRINT value is not the CRC-32 of the message (RFC 8489 §14.7). */
    BAD_FINGERPRINT;

    /** The counter name, e.g. {@code bad-magic-cookie}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
