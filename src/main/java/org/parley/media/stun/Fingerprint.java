package org.parley.media.stun;

import java.util.zip.CRC32;

/**
 * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to the attribute, XOR 0x5354554e, with the
 * header length field counting the FINGERPRINT attribute. It must be the last attribute. ICE uses it to
 * tell STUN from other traffic on the same port (RFC 8445 §7.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type 0x8028           |          Length 4             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 CRC-32(message) ^ 0x5354554e                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class Fingerprint {

    static final int XOR = 0x5354554e;
    static final int ATTRIBUTE_LENGTH = 8;

    private Fingerprint() {
    }

    /** The FINGERPRINT value for {@code message[0, fingerprintOffset)}, whose length field is already final. */
    static int compute(byte[] message, int fingerprintOffset) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, fingerprintOffset);
        return (int) crc.getValue() ^ XOR;
    }
}
