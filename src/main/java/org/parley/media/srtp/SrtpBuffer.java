package org.parley.media.srtp;

/**
 * A reusable packet buffer that {@link SrtpSession} transforms in place: a byte array, the packet's
 * offset and length, and the room after it that protecting needs ({@link SrtpProfile#rtpOverhead()} for
 * RTP, {@link SrtpProfile#rtcpOverhead()} for RTCP). Protecting grows the length by the overhead;
 * unprotecting shrinks it.
 *
 * <p>Threading: one owner at a time, like the array it wraps.
 */
public final class SrtpBuffer {

    byte[] array;
    int offset;
    int length;
    /** The jitsi-srtp view of this buffer, made once so the packet path does not allocate. */
    final JitsiBuffer jitsi = new JitsiBuffer(this);

    /** A buffer over a new array of {@code capacity} bytes, empty. */
    public SrtpBuffer(int capacity) {
        this.array = new byte[capacity];
    }

    /** A buffer over the caller's array; the room for the overhead is what follows the packet in it. */
    public SrtpBuffer(byte[] array, int offset, int length) {
        set(array, offset, length);
    }

    /**
     * Points this buffer at a packet in {@code array} (which it does not copy).
     *
     * @throws IllegalArgumentException if the region is not inside the array (a caller bug, not bad input)
     */
    public SrtpBuffer set(byte[] array, int offset, int length) {
        if (array == null || offset < 0 || length < 0 || offset > array.length - length) {
            throw new IllegalArgumentException("region outside the array");
        }
        this.array = array;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Sets the packet's offset and length within the current array. */
    public SrtpBuffer set(int offset, int length) {
        return set(array, offset, length);
    }

    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Bytes available after the packet, for the tag and SRTCP index that protecting appends. */
    public int room() {
        return array.length - offset - length;
    }
}
