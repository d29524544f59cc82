package org.parley.media.stun;

import java.util.Arrays;

/**
 * Turns a datagram into a {@link StunMessage} or a {@link StunDropReason}, following the checks of
 * RFC 8489 §6.3 and §14. It never throws, whatever the bytes: every length is checked before it is used.
 * Thread-safe (no state).
 */
public final class StunParser {

    /** No honest message has more; a 1,500-byte datagram could otherwise index 370 empty attributes. */
    static final int MAX_ATTRIBUTES = 64;
    /** RFC 8489 §14.3: USERNAME is less than 509 bytes (513 allowed for RFC 5389 compatibility). */
    static final int MAX_USERNAME_BYTES = 513;

    private StunParser() {
    }

    /**
     * RFC 7983 §7 and RFC 8489 §6: the cheap test a demultiplexer may use — at least a header, the two
     * top bits zero and the magic cookie in place.
     */
    public static boolean looksLikeStun(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= StunMessage.HEADER_LENGTH && off <= buf.length - len
                && (buf[off] & 0xC0) == 0 && readInt(buf, off + 4) == StunMessage.MAGIC_COOKIE;
    }

    public static StunParseResult parse(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            return StunParseResult.drop(StunDropReason.BAD_BOUNDS);
        }
        if (len < StunMessage.HEADER_LENGTH) {
            return StunParseResult.drop(StunDropReason.TOO_SHORT);
        }
        if ((buf[off] & 0xC0) != 0) {
            return StunParseResult.drop(StunDropReason.NOT_STUN);
        }
        if (readInt(buf, off + 4) != StunMessage.MAGIC_COOKIE) {
            return StunParseResult.drop(StunDropReason.BAD_MAGIC_COOKIE);
        }
        int bodyLength = readShort(buf, off + 2);
        // RFC 8489 §6: the length excludes the header and is a multiple of 4; over UDP the datagram is
        // exactly one message (§6.3).
        if ((bodyLength & 3) != 0 || StunMessage.HEADER_LENGTH + bodyLength != len) {
            return StunParseResult.drop(StunDropReason.BAD_LENGTH);
        }
        byte[] raw = Arrays.copyOfRange(buf, off, off + len);
        return parseAttributes(raw);
    }

    private static StunParseResult parseAttributes(byte[] raw) {
        int[] types = new int[8];
        int[] offsets = new int[8];
        int[] lengths = new int[8];
        int count = 0;
        int[] unknown = new int[0];
        int integrityOffset = -1;
        int fingerprintOffset = -1;
        int pos = StunMessage.HEADER_LENGTH;
        int seen = 0;
        while (pos < raw.length) {
            if (fingerprintOffset >= 0) {
                return StunParseResult.drop(StunDropReason.FINGERPRINT_NOT_LAST);
            }
            if (raw.length - pos < 4) {
                return StunParseResult.drop(StunDropReason.TRUNCATED_ATTRIBUTE);
            }
            if (++seen > MAX_ATTRIBUTES) {
                return StunParseResult.drop(StunDropReason.TOO_MANY_ATTRIBUTES);
            }
            int type = readShort(raw, pos);
            int length = readShort(raw, pos + 2);
            int valueOffset = pos + 4;
            int padded = (length + 3) & ~3;
            // RFC 8489 §14: the value is padded to a multiple of 4 bytes; the padding is part of the message.
            if (padded > raw.length - valueOffset) {
                return StunParseResult.drop(StunDropReason.TRUNCATED_ATTRIBUTE);
            }
            if (!isWellFormed(type, raw, valueOffset, length)) {
                return StunParseResult.drop(StunDropReason.BAD_ATTRIBUTE);
            }
            if (type == StunAttributeType.FINGERPRINT) {
                fingerprintOffset = pos;
            }
            // RFC 8489 §14.5: after MESSAGE-INTEGRITY, ignore everything but FINGERPRINT (and -SHA256).
            boolean ignored = integrityOffset >= 0 && type != StunAttributeType.FINGERPRINT
                    && type != StunAttributeType.MESSAGE_INTEGRITY_SHA256;
            if (!ignored) {
                if (type == StunAttributeType.MESSAGE_INTEGRITY) {
                    integrityOffset = pos;
                }
                if (count == types.length) {
                    types = Arrays.copyOf(types, count * 2);
                    offsets = Arrays.copyOf(offsets, count * 2);
                    lengths = Arrays.copyOf(lengths, count * 2);
                }
                types[count] = type;
                offsets[count] = valueOffset;
                lengths[count] = length;
                count++;
                if (StunAttributeType.isComprehensionRequired(type) && !StunAttributeType.isKnownComprehensionRequired(type)) {
                    unknown = Arrays.copyOf(unknown, unknown.length + 1);
                    unknown[unknown.length - 1] = type;
                }
            }
            pos = valueOffset + padded;
        }
        if (fingerprintOffset >= 0
                && Fingerprint.compute(raw, fingerprintOffset) != readInt(raw, fingerprintOffset + 4)) {
            return StunParseResult.drop(StunDropReason.BAD_FINGERPRINT);
        }
        StunMessageType messageType = StunMessageType.decode(readShort(raw, 0));
        return StunParseResult.ok(new StunMessage(raw, messageType, Arrays.copyOf(types, count),
                Arrays.copyOf(offsets, count), Arrays.copyOf(lengths, count), integrityOffset,
                fingerprintOffset >= 0, unknown));
    }

    /** Size checks for the attributes whose values the getters decode. */
    private static boolean isWellFormed(int type, byte[] raw, int valueOffset, int length) {
        return switch (type) {
            case StunAttributeType.MESSAGE_INTEGRITY -> length == MessageIntegrity.VALUE_LENGTH;
            case StunAttributeType.FINGERPRINT, StunAttributeType.PRIORITY -> length == 4;
            case StunAttributeType.ICE_CONTROLLED, StunAttributeType.ICE_CONTROLLING -> length == 8;
            case StunAttributeType.USE_CANDIDATE -> length == 0;
            case StunAttributeType.USERNAME -> length <= MAX_USERNAME_BYTES;
            case StunAttributeType.XOR_MAPPED_ADDRESS -> XorMappedAddress.isWellFormed(raw, valueOffset, length);
            case StunAttributeType.ERROR_CODE -> ErrorCode.isWellFormed(raw, valueOffset, length);
            default -> true;
        };
    }

    private static int readShort(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
    }

    private static int readInt(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
    }
}
