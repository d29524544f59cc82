package org.parley.media.stun;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Writes a STUN message (RFC 8489 §5, §14) attribute by attribute. MESSAGE-INTEGRITY and FINGERPRINT
 * are computed over what has been written when they are added, so add them last, in that order:
 *
 * <pre>{@code
 * byte[] response = StunMessageBuilder.create(StunMessageType.BINDING_SUCCESS, request.transactionId())
 *         .xorMappedAddress(source)
 *         .messageIntegrity(MessageIntegrity.shortTermKey(localPassword))
 *         .fingerprint()
 *         .build();
 * }</pre>
 * Not thread-safe; one builder per message.
 */
public final class StunMessageBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private byte[] buf = new byte[128];
    private int length;
    private final byte[] transactionId;
    private byte paddingByte;
    private boolean sealed;

    private StunMessageBuilder(StunMessageType type, byte[] transactionId) {
        this.transactionId = transactionId.clone();
        int t = type.encode();
        buf[0] = (byte) (t >>> 8);
        buf[1] = (byte) t;
        writeInt(4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, buf, 8, StunMessage.TRANSACTION_ID_LENGTH);
        length = StunMessage.HEADER_LENGTH;
    }

    public static StunMessageBuilder create(StunMessageType type, byte[] transactionId) {
        if (transactionId == null || transactionId.length != StunMessage.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("a transaction id is 12 bytes");
        }
        return new StunMessageBuilder(type, transactionId);
    }

    /** RFC 8489 §5: a transaction id is uniformly random and cryptographically strong. */
    public static byte[] newTransactionId() {
        byte[] id = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(id);
        return id;
    }

    /**
     * The byte padding values to 4 bytes (default 0). RFC 8489 §14 lets it be anything; RFC 5769's
     * vectors use spaces, so tests set it to reproduce them byte for byte.
     */
    StunMessageBuilder paddingByte(byte value) {
        this.paddingByte = value;
        return this;
    }

    public StunMessageBuilder attribute(int type, byte[] value) {
        if (sealed) {
            throw new IllegalStateException("no attribute may follow FINGERPRINT");
        }
        if (type < 0 || type > 0xFFFF || value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute type and length are 16 bits");
        }
        int padded = (value.length + 3) & ~3;
        ensure(4 + padded);
        writeShort(length, type);
        writeShort(length + 2, value.length);
        System.arraycopy(value, 0, buf, length + 4, value.length);
        Arrays.fill(buf, length + 4 + value.length, length + 4 + padded, paddingByte);
        length += 4 + padded;
        writeShort(2, length - StunMessage.HEADER_LENGTH);
        return this;
    }

    public StunMessageBuilder username(String username) {
        return attribute(StunAttributeType.USERNAME, username.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder software(String software) {
        return attribute(StunAttributeType.SOFTWARE, software.getBytes(StandardCharsets.UTF_8));
    }

    /** PRIORITY (RFC 8445 §7.1.1), unsigned 32 bits. */
    public StunMessageBuilder priority(long priority) {
        return attribute(StunAttributeType.PRIORITY, int32(priority));
    }

    public StunMessageBuilder useCandidate() {
        return attribute(StunAttributeType.USE_CANDIDATE, new byte[0]);
    }

    public StunMessageBuilder iceControlling(long tieBreaker) {
        return attribute(StunAttributeType.ICE_CONTROLLING, int64(tieBreaker));
    }

    public StunMessageBuilder iceControlled(long tieBreaker) {
        return attribute(StunAttributeType.ICE_CONTROLLED, int64(tieBreaker));
    }

    public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
        return attribute(StunAttributeType.XOR_MAPPED_ADDRESS, XorMappedAddress.encode(address, transactionId));
    }

    public StunMessageBuilder errorCode(int code, String reason) {
        return attribute(StunAttributeType.ERROR_CODE, new ErrorCode(code, reason).encode());
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the 16-bit types a 420 response did not understand. */
    public StunMessageBuilder unknownAttributes(int... types) {
        byte[] value = new byte[types.length * 2];
        for (int i = 0; i < types.length; i++) {
            value[2 * i] = (byte) (types[i] >>> 8);
            value[2 * i + 1] = (byte) types[i];
        }
        return attribute(StunAttributeType.UNKNOWN_ATTRIBUTES, value);
    }

    /** MESSAGE-INTEGRITY (RFC 8489 §14.5) over everything written so far. */
    public StunMessageBuilder messageIntegrity(byte[] key) {
        int integrityOffset = length;
        byte[] hmac = MessageIntegrity.compute(key, buf, integrityOffset);
        return attribute(StunAttributeType.MESSAGE_INTEGRITY, hmac);
    }

    /** FINGERPRINT (RFC 8489 §14.7); it must be the last attribute. */
    public StunMessageBuilder fingerprint() {
        int fingerprintOffset = length;
        // The CRC covers a header whose length already counts the FINGERPRINT attribute.
        writeShort(2, fingerprintOffset + Fingerprint.ATTRIBUTE_LENGTH - StunMessage.HEADER_LENGTH);
        int crc = Fingerprint.compute(buf, fingerprintOffset);
        attribute(StunAttributeType.FINGERPRINT, int32(crc & 0xFFFFFFFFL));
        sealed = true;
        return this;
    }

    public byte[] build() {
        return Arrays.copyOf(buf, length);
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }

    private void writeShort(int at, int value) {
        buf[at] = (byte) (value >>> 8);
        buf[at + 1] = (byte) value;
    }

    private void writeInt(int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    private static byte[] int32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static byte[] int64(long value) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (56 - 8 * i));
        }
        return out;
    }
}
