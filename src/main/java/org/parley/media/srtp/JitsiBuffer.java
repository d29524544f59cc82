package org.parley.media.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * Adapts an {@link SrtpBuffer} to the {@link ByteArrayBuffer} jitsi-srtp transforms. {@link SrtpSession}
 * checks the room before every call, so growing past the array is a bug: it throws, and the session maps
 * that to {@link SrtpStatus#BUFFER_TOO_SMALL} rather than reallocating behind the caller's back.
 */
final class JitsiBuffer implements ByteArrayBuffer {

    private final SrtpBuffer b;

    JitsiBuffer(SrtpBuffer b) {
        this.b = b;
    }

    @Override
    public byte[] getBuffer() {
        return b.array;
    }

    @Override
    public int getOffset() {
        return b.offset;
    }

    @Override
    public int getLength() {
        return b.length;
    }

    @Override
    public void setLength(int length) {
        if (length < 0 || length > b.array.length - b.offset) {
            throw new IndexOutOfBoundsException("length " + length);
        }
        b.length = length;
    }

    @Override
    public void setOffset(int offset) {
        if (offset < 0 || offset > b.array.length - b.length) {
            throw new IndexOutOfBoundsException("offset " + offset);
        }
        b.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(b.array, b.offset + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (howMuch > b.array.length - b.offset - b.length) {
            throw new IndexOutOfBoundsException("no room to grow by " + howMuch);
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, b.array, b.offset + b.length, len);
        b.length += len;
    }

    @Override
    public void shrink(int len) {
        if (len > 0) {
            b.length = Math.max(0, b.length - len);
        }
    }
}
