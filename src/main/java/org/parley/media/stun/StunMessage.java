package org.parley.media.stun;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * A parsed STUN message (RFC 8489 §5). Immutable; it keeps its own copy of the datagram so that
 * MESSAGE-INTEGRITY can be checked later against a password the caller looks up from USERNAME.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type                  |            Length             |  attributes (RFC 8489 §14),
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  each padded to 4 bytes
 * |                         Value (variable)                ....
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Where an attribute occurs more than once, the getters return the first (RFC 8489 §14). Attributes
 * after MESSAGE-INTEGRITY other than FINGERPRINT are ignored (§14.5). The parser has already checked
 * the size of every attribute the getters decode, so they never fail.
 */
public final class StunMessage {

    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_LENGTH = 12;

    private final byte[] raw;
    private final StunMessageType type;
    private final int[] types;
    private final int[] valueOffsets;
    private final int[] valueLengths;
    private final int integrityOffset;
    private final boolean fingerprint;
    private final int[] unknownComprehensionRequired;

    StunMessage(byte[] raw, StunMessageType type, int[] types, int[] valueOffsets, int[] valueLengths,
                int integrityOffset, boolean fingerprint, int[] unknownComprehensionRequired) {
        this.raw = raw;
        this.type = type;
        this.types = types;
        this.valueOffsets = valueOffsets;
        this.valueLengths = valueLengths;
        this.integrityOffset = integrityOffset;
        this.fingerprint = fingerprint;
        this.unknownComprehensionRequired = unknownComprehensionRequired;
    }

    public StunMessageType type() {
        return type;
    }

    public boolean isBindingRequest() {
        return type.equals(StunMessageType.BINDING_REQUEST);
    }

    public byte[] transactionId() {
        return Arrays.copyOfRange(raw, 8, HEADER_LENGTH);
    }

    /** The message as received (a copy). */
    public byte[] bytes() {
        return raw.clone();
    }

    /** Attribute types in order of appearance (those ignored after MESSAGE-INTEGRITY excluded). */
    public int[] attributeTypes() {
        return types.clone();
    }

    public boolean has(int attributeType) {
        return indexOf(attributeType) >= 0;
    }

    /** The first value of an attribute (a copy, without padding), or null when absent. */
    public byte[] value(int attributeType) {
        int i = indexOf(attributeType);
        return i < 0 ? null : Arrays.copyOfRange(raw, valueOffsets[i], valueOffsets[i] + valueLengths[i]);
    }

    /** USERNAME (RFC 8489 §14.3) as UTF-8, or null. ICE writes it as {@code recipientUfrag:senderUfrag}. */
    public String username() {
        int i = indexOf(StunAttributeType.USERNAME);
        return i < 0 ? null : new String(raw, valueOffsets[i], valueLengths[i], StandardCharsets.UTF_8);
    }

    /** PRIORITY (RFC 8445 §7.1.1), an unsigned 32-bit value. */
    public OptionalLong priority() {
        int i = indexOf(StunAttributeType.PRIORITY);
        return i < 0 ? OptionalLong.empty() : OptionalLong.of(readInt(valueOffsets[i]) & 0xFFFFFFFFL);
    }

    /** USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair. */
    public boolean useCandidate() {
        return has(StunAttributeType.USE_CANDIDATE);
    }

    /** ICE-CONTROLLING tie-breaker (RFC 8445 §7.1.3), an unsigned 64-bit value. */
    public OptionalLong iceControlling() {
        return tieBreaker(StunAttributeType.ICE_CONTROLLING);
    }

    /** ICE-CONTROLLED tie-breaker (RFC 8445 §7.1.3), an unsigned 64-bit value. */
    public OptionalLong iceControlled() {
        return tieBreaker(StunAttributeType.ICE_CONTROLLED);
    }

    public InetSocketAddress xorMappedAddress() {
        int i = indexOf(StunAttributeType.XOR_MAPPED_ADDRESS);
        return i < 0 ? null : XorMappedAddress.decode(raw, valueOffsets[i], valueLengths[i], transactionId());
    }

    public ErrorCode errorCode() {
        int i = indexOf(StunAttributeType.ERROR_CODE);
        return i < 0 ? null : ErrorCode.decode(raw, valueOffsets[i], valueLengths[i]);
    }

    public boolean hasMessageIntegrity() {
        return integrityOffset >= 0;
    }

    /**
     * Checks MESSAGE-INTEGRITY (RFC 8489 §14.5) with {@code key} in constant time; false when the
     * attribute is absent.
     */
    public boolean verifyIntegrity(byte[] key) {
        return integrityOffset >= 0 && MessageIntegrity.verify(key, raw, integrityOffset, integrityOffset + 4);
    }

    /** Whether the message ended with a FINGERPRINT; the parser has verified any it found. */
    public boolean hasFingerprint() {
        return fingerprint;
    }

    /** Comprehension-required attribute types this server does not know (RFC 8489 §14), for 420. */
    public int[] unknownComprehensionRequired() {
        return unknownComprehensionRequired.clone();
    }

    private OptionalLong tieBreaker(int attributeType) {
        int i = indexOf(attributeType);
        if (i < 0) {
            return OptionalLong.empty();
        }
        long high = readInt(valueOffsets[i]) & 0xFFFFFFFFL;
        long low = readInt(valueOffsets[i] + 4) & 0xFFFFFFFFL;
        return OptionalLong.of((high << 32) | low);
    }

    private int indexOf(int attributeType) {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == attributeType) {
                return i;
            }
        }
        return -1;
    }

    private int readInt(int at) {
        return ((raw[at] & 0xFF) << 24) | ((raw[at + 1] & 0xFF) << 16) | ((raw[at + 2] & 0xFF) << 8) | (raw[at + 3] & 0xFF);
    }

    @Override
    public String toString() {
        return "StunMessage[" + type + ", " + raw.length + " bytes, " + types.length + " attributes]";
    }
}
