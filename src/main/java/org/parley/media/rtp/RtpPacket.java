package org.parley.media.rtp;

/**
 * A zero-copy, reusable view of one RTP packet in a caller's buffer (RFC 3550 §5.1). {@link #wrap} checks
 * every length and returns a drop reason instead of throwing; after a successful wrap the accessors read
 * and the setters rewrite the caller's bytes in place. The view holds no copy: changing the buffer behind
 * it changes what it reads.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |       contributing source (CSRC) identifiers (CC of them)     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |      defined by profile       |           length              |  if X: RFC 3550 §5.3.1,
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  length in 32-bit words;
 * |                 header extension (length * 4 bytes)           |  elements per RFC 8285
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                            payload ...                        |
 * |                               +-------------------------------+
 * |                               | padding ...   | pad count (P) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Threading: one owner at a time; the view is meant to be reused for every packet a thread handles.
 */
public final class RtpPacket {

    /** RFC 3550 §5.1: the fixed header is 12 bytes. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** RFC 3550 §5.1: the only version in use. */
    static final int VERSION = 2;

    private byte[] buf;
    private int off;
    private int len;
    private int headerLength;
    private int paddingLength;
    private int extensionOffset = -1;
    private int extensionLength;
    private int extensionProfile;
    private boolean encrypted;
    private int foundExtensionLength;

    /**
     * Views {@code len} bytes at {@code off} as a plain (decrypted) RTP packet, checking the header,
     * extension and padding.
     *
     * @return {@code null} if the packet is valid, else why it must be dropped (the view is then empty)
     */
    public RtpDropReason wrap(byte[] buf, int off, int len) {
        return wrap(buf, off, len, false);
    }

    /**
     * Views an SRTP packet: checks the header and extension, which SRTP leaves in the clear (RFC 3711 §3.1;
     * with AEAD they are authenticated but not encrypted, RFC 7714 §8.2), and treats everything after the
     * header as opaque payload (the padding, if any, is encrypted and the auth tag is appended). This is
     * enough to read the SSRC, sequence number and audio level before decrypting.
     */
    public RtpDropReason wrapEncrypted(byte[] buf, int off, int len) {
        return wrap(buf, off, len, true);
    }

    private RtpDropReason wrap(byte[] b, int o, int l, boolean enc) {
        clear();
        if (b == null || o < 0 || l < 0 || o > b.length - l) {
            return RtpDropReason.BAD_BOUNDS;
        }
        if (l < FIXED_HEADER_LENGTH) {
            return RtpDropReason.TOO_SHORT;
        }
        int first = b[o] & 0xff;
        if (first >>> 6 != VERSION) {
            return RtpDropReason.BAD_VERSION;
        }
        int h = FIXED_HEADER_LENGTH + 4 * (first & 0x0f);
        if (h > l) {
            return RtpDropReason.CSRC_OVERRUN;
        }
        int extOff = -1;
        int extLen = 0;
        int profile = 0;
        if ((first & 0x10) != 0) {
            // RFC 3550 §5.3.1: 16-bit profile, 16-bit length in 32-bit words, not counting these 4 bytes.
            if (h + 4 > l) {
                return RtpDropReason.EXTENSION_OVERRUN;
            }
            profile = u16(b, o + h);
            extLen = 4 * u16(b, o + h + 2);
            extOff = o + h + 4;
            h += 4 + extLen;
            if (h > l) {
                return RtpDropReason.EXTENSION_OVERRUN;
            }
        }
        int pad = 0;
        if (!enc && (first & 0x20) != 0) {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
            pad = b[o + l - 1] & 0xff;
            if (pad == 0 || pad > l - h) {
                return RtpDropReason.BAD_PADDING;
            }
        }
        this.buf = b;
        this.off = o;
        this.len = l;
        this.headerLength = h;
        this.paddingLength = pad;
        this.extensionOffset = extOff;
        this.extensionLength = extLen;
        this.extensionProfile = profile;
        this.encrypted = enc;
        return null;
    }

    /**
     * The header length (fixed header, CSRCs and extension) of the RTP packet at {@code off}, or -1 if the
     * header does not fit in {@code len} bytes. Allocation-free check for callers without a view.
     */
    public static int headerLength(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < FIXED_HEADER_LENGTH || off > buf.length - len) {
            return -1;
        }
        int first = buf[off] & 0xff;
        if (first >>> 6 != VERSION) {
            return -1;
        }
        int h = FIXED_HEADER_LENGTH + 4 * (first & 0x0f);
        if ((first & 0x10) != 0) {
            if (h + 4 > len) {
                return -1;
            }
            h += 4 + 4 * u16(buf, off + h + 2);
        }
        return h <= len ? h : -1;
    }

    private void clear() {
        buf = null;
        off = 0;
        len = 0;
        headerLength = 0;
        paddingLength = 0;
        extensionOffset = -1;
        extensionLength = 0;
        extensionProfile = 0;
        encrypted = false;
        foundExtensionLength = 0;
    }

    /** The buffer this view reads; {@code null} when the last wrap failed. */
    public byte[] buffer() {
        return buf;
    }

    /** Offset of the packet's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /** The packet's length in bytes, header to padding. */
    public int length() {
        return len;
    }

    public boolean padding() {
        return (buf[off] & 0x20) != 0;
    }

    public boolean hasExtension() {
        return (buf[off] & 0x10) != 0;
    }

    public int csrcCount() {
        return buf[off] & 0x0f;
    }

    /** The {@code i}-th contributing source, {@code 0 <= i < csrcCount()}. */
    public int csrc(int i) {
        return i32(buf, off + FIXED_HEADER_LENGTH + 4 * i);
    }

    public boolean marker() {
        return (buf[off + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return buf[off + 1] & 0x7f;
    }

    /** The sequence number, 0..65535. */
    public int sequenceNumber() {
        return u16(buf, off + 2);
    }

    /** The timestamp as an unsigned 32-bit value. */
    public long timestamp() {
        return i32(buf, off + 4) & 0xffff_ffffL;
    }

    /** The SSRC as a 32-bit pattern; {@link Integer#toUnsignedLong} for display. */
    public int ssrc() {
        return i32(buf, off + 8);
    }

    /** Fixed header + CSRCs + extension, in bytes. */
    public int headerLength() {
        return headerLength;
    }

    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return off + headerLength;
    }

    /**
     * Payload length without padding. For a view from {@link #wrapEncrypted} this is the encrypted
     * remainder, auth tag included.
     */
    public int payloadLength() {
        return len - headerLength - paddingLength;
    }

    /** Number of padding bytes, pad count included; 0 without the P bit or for an encrypted view. */
    public int paddingLength() {
        return paddingLength;
    }

    /** Whether this view came from {@link #wrapEncrypted}. */
    public boolean encrypted() {
        return encrypted;
    }

    /** The extension header's "defined by profile" field (0xBEDE, 0x100X for RFC 8285), or 0 without X. */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** Absolute offset of the extension data (after its 4-byte header), or -1 without X. */
    public int extensionOffset() {
        return extensionOffset;
    }

    /** Length of the extension data in bytes (a multiple of 4). */
    public int extensionLength() {
        return extensionLength;
    }

    /**
     * Finds the RFC 8285 header extension element with {@code id}.
     *
     * @return the absolute offset of the element's data in {@link #buffer()}, its length then in
     *     {@link #foundExtensionLength()}; or -1 if there is no such element, no RFC 8285 extension, or the
     *     elements are malformed before it
     */
    public int findExtension(int id) {
        foundExtensionLength = 0;
        if (extensionOffset < 0) {
            return -1;
        }
        long found = HeaderExtensions.find(buf, extensionOffset, extensionLength, extensionProfile, id);
        if (found < 0) {
            return -1;
        }
        foundExtensionLength = (int) (found & 0xffff);
        return (int) (found >>> 16);
    }

    /** Length of the element the last successful {@link #findExtension} found. */
    public int foundExtensionLength() {
        return foundExtensionLength;
    }

    // In-place rewriting. The SFU maps each speaker onto a listener's fixed receive slot by rewriting these
    // fields; with SRTP the header is authenticated, so rewrite before protecting for the listener's leg.

    public void setMarker(boolean marker) {
        buf[off + 1] = (byte) (marker ? buf[off + 1] | 0x80 : buf[off + 1] & 0x7f);
    }

    /** Sets the payload type (0..127), keeping the marker bit. */
    public void setPayloadType(int pt) {
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (pt & 0x7f));
    }

    /** Sets the sequence number; only the low 16 bits are used. */
    public void setSequenceNumber(int seq) {
        buf[off + 2] = (byte) (seq >>> 8);
        buf[off + 3] = (byte) seq;
    }

    /** Sets the timestamp; only the low 32 bits are used. */
    public void setTimestamp(long ts) {
        putI32(buf, off + 4, (int) ts);
    }

    public void setSsrc(int ssrc) {
        putI32(buf, off + 8, ssrc);
    }

    /** The SSRC of the RTP packet at {@code off}; the caller checked {@link #headerLength} first. */
    public static int ssrcAt(byte[] buf, int off) {
        return i32(buf, off + 8);
    }

    /** The RTP timestamp (unsigned) of the packet at {@code off}; after a {@link #headerLength} check. */
    public static long timestampAt(byte[] buf, int off) {
        return i32(buf, off + 4) & 0xffff_ffffL;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static void putI32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
