package org.parley.media.transport;

/**
 * Where the transport hands a peer's DTLS records or SRTP/SRTCP packets. Called on the receive thread:
 * return quickly, never block, and copy what you keep — {@code buf} is reused for the next datagram. The
 * sink may change the bytes of its region in place (SRTP decrypts there); nothing reads them afterwards.
 * An exception is counted ({@code dropped.handler-error}) and does not stop the loop.
 */
@FunctionalInterface
public interface PacketSink {

    void receive(byte[] buf, int off, int len);
}
