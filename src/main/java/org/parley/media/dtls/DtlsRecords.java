package org.parley.media.dtls;

/**
 * A sanity check of a datagram before it is queued for bctls. Never throws.
 *
 * <p>Why more than a length check: epoch 0 records carry no integrity protection, yet bctls (like any
 * DTLS 1.2 stack, RFC 6347 §4.1.2.6) moves its replay window on them. A single garbage record with a
 * high sequence number would make the peer's real ClientHello look like a replay, and the handshake
 * would hang until its timeout. So garbage is refused here: every record header must be complete, every
 * fragment must fit, and every epoch 0 record must be one a DTLS client really sends in the clear
 * (ClientHello, Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec, an alert). Encrypted
 * records (epoch 1) are authenticated by bctls before they count, so garbage there is harmless.
 * A forger who spoofs the peer's address and crafts well-formed records can still disturb a handshake:
 * DTLS 1.2 has no defence against that beyond the transport layer accepting DTLS only from the address
 * ICE validated.
 *
 * <p>RFC 6347 §4.1: a datagram holds one or more records, each
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  ContentType  |  version: 254, 253 (1.2) or 255 | epoch (16)...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  ... epoch    |         sequence_number (48 bits)          ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 ...           |            length             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  fragment (length bytes) ...
 * </pre>
 * and a handshake record's fragment holds one or more handshake message fragments (RFC 6347 §4.2.2):
 * <pre>
 *   | msg_type (8) | length (24) | message_seq (16) | fragment_offset (24) | fragment_length (24) | body
 * </pre>
 */
final class DtlsRecords {

    static final int HEADER_LENGTH = 13;
    static final int HANDSHAKE_HEADER_LENGTH = 12;
    /** RFC 6347 §4.1 / RFC 5246 §6.2.3: a ciphertext fragment is at most 2^14 + 2048 bytes. */
    static final int MAX_FRAGMENT_LENGTH = (1 << 14) + 2048;

    // RFC 5246 §6.2.1, RFC 9146 §4: change_cipher_spec(20) … tls12_cid(25).
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;
    private static final int LAST_CONTENT_TYPE = 25;
    /** RFC 6347 §4.1: DTLS versions are 254.x (one's complement of 1.x). */
    private static final int DTLS_MAJOR_VERSION = 0xFE;

    private DtlsRecords() {
    }

    /** Null if every record is whole and plausible, otherwise why the datagram should be dropped. */
    static DtlsDropReason check(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            return DtlsDropReason.BAD_BOUNDS;
        }
        int pos = off;
        int end = off + len;
        if (pos == end) {
            return DtlsDropReason.TRUNCATED;
        }
        while (pos < end) {
            int type = buf[pos] & 0xFF;
            if (type < CHANGE_CIPHER_SPEC || type > LAST_CONTENT_TYPE) {
                return DtlsDropReason.UNKNOWN_CONTENT_TYPE;
            }
            if (end - pos < HEADER_LENGTH) {
                return DtlsDropReason.TRUNCATED;
            }
            int epoch = uint16(buf, pos + 3);
            int length = uint16(buf, pos + 11);
            if (length > MAX_FRAGMENT_LENGTH || length > end - pos - HEADER_LENGTH) {
                return DtlsDropReason.TRUNCATED;
            }
            // Epoch 1 is the only one after the handshake: we never renegotiate.
            if ((buf[pos + 1] & 0xFF) != DTLS_MAJOR_VERSION || epoch > 1
                    || (epoch == 0 && !plausibleClearText(type, buf, pos + HEADER_LENGTH, length))) {
                return DtlsDropReason.GARBLED;
            }
            pos += HEADER_LENGTH + length;
        }
        return null;
    }

    /** Whether an epoch 0 fragment is something a client sends before encryption starts. */
    private static boolean plausibleClearText(int type, byte[] buf, int pos, int length) {
        return switch (type) {
            // RFC 5246 §7.1: struct { enum { change_cipher_spec(1) } type; }
            case CHANGE_CIPHER_SPEC -> length == 1 && buf[pos] == 1;
            // RFC 5246 §7.2: level warning(1) or fatal(2), then the description.
            case ALERT -> length == 2 && (buf[pos] == 1 || buf[pos] == 2);
            case HANDSHAKE -> plausibleHandshake(buf, pos, pos + length);
            // application_data, heartbeat and tls12_cid are never sent in the clear.
            default -> false;
        };
    }

    private static boolean plausibleHandshake(byte[] buf, int pos, int end) {
        if (pos == end) {
            return false;
        }
        while (pos < end) {
            if (end - pos < HANDSHAKE_HEADER_LENGTH) {
                return false;
            }
            int msgType = buf[pos] & 0xFF;
            long messageLength = uint24(buf, pos + 1);
            long fragmentOffset = uint24(buf, pos + 6);
            long fragmentLength = uint24(buf, pos + 9);
            if (!sentInClearByClient(msgType) || fragmentOffset + fragmentLength > messageLength
                    || fragmentLength > end - pos - HANDSHAKE_HEADER_LENGTH) {
                return false;
            }
            pos += HANDSHAKE_HEADER_LENGTH + (int) fragmentLength;
        }
        return true;
    }

    /** RFC 5246 §7.4: client_hello(1), certificate(11), certificate_verify(15), client_key_exchange(16). */
    private static boolean sentInClearByClient(int msgType) {
        return msgType == 1 || msgType == 11 || msgType == 15 || msgType == 16;
    }

    private static int uint16(byte[] buf, int pos) {
        return ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    }

    private static long uint24(byte[] buf, int pos) {
        return ((buf[pos] & 0xFFL) << 16) | ((buf[pos + 1] & 0xFFL) << 8) | (buf[pos + 2] & 0xFFL);
    }
}
