package org.parley.media.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the transport address the server saw the request come from,
 * XOR-ed with the magic cookie (and, for IPv6, the transaction id) so that NATs rewriting addresses in
 * payloads leave it alone.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                X-Address (32 bits or 128 bits)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Family 0x01 is IPv4 (value length 8), 0x02 IPv6 (value length 20).
 */
final class XorMappedAddress {

    static final int FAMILY_IPV4 = 0x01;
    static final int FAMILY_IPV6 = 0x02;

    private XorMappedAddress() {
    }

    /** The attribute value for {@code address} in a message with {@code transactionId}. */
    static byte[] encode(InetSocketAddress address, byte[] transactionId) {
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
        int xPort = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
        value[2] = (byte) (xPort >>> 8);
        value[3] = (byte) xPort;
        byte[] mask = mask(transactionId);
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (ip[i] ^ mask[i]);
        }
        return value;
    }

    /** Whether a value of this length and family can be decoded; the parser checks it. */
    static boolean isWellFormed(byte[] buf, int valueOffset, int valueLength) {
        if (valueLength < 4) {
            return false;
        }
        int family = buf[valueOffset + 1] & 0xFF;
        return (family == FAMILY_IPV4 && valueLength == 8) || (family == FAMILY_IPV6 && valueLength == 20);
    }

    /** Decodes a well-formed value; null if it is not. */
    static InetSocketAddress decode(byte[] buf, int valueOffset, int valueLength, byte[] transactionId) {
        if (!isWellFormed(buf, valueOffset, valueLength)) {
            return null;
        }
        int port = (((buf[valueOffset + 2] & 0xFF) << 8) | (buf[valueOffset + 3] & 0xFF)) ^ (StunMessage.MAGIC_COOKIE >>> 16);
        byte[] ip = new byte[valueLength - 4];
        byte[] mask = mask(transactionId);
        for (int i = 0; i < ip.length; i++) {
            ip[i] = (byte) (buf[valueOffset + 4 + i] ^ mask[i]);
        }
        try {
            InetAddress address = InetAddress.getByAddress(ip);
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            return null; // unreachable: the length is 4 or 16
        }
    }

    /** Magic cookie followed by the transaction id: the XOR mask of the address bytes. */
    private static byte[] mask(byte[] transactionId) {
        byte[] mask = new byte[16];
        mask[0] = (byte) (StunMessage.MAGIC_COOKIE >>> 24);
        mask[1] = (byte) (StunMessage.MAGIC_COOKIE >>> 16);
        mask[2] = (byte) (StunMessage.MAGIC_COOKIE >>> 8);
        mask[3] = (byte) StunMessage.MAGIC_COOKIE;
        System.arraycopy(transactionId, 0, mask, 4, 12);
        return mask;
    }
}
