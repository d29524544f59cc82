package org.parley.media.session;

import java.util.List;
import org.parley.media.rtp.RtpPacket;

/**
 * What a {@link PeerSession} tells the forwarding pipeline. Threading is per method; none may block.
 */
public interface PeerHandler {

    /**
     * One decrypted RTP packet from the browser. Called on the transport's receive thread; the view and
     * the bytes behind it are reused for the next packet, so copy what you keep and do not hold on to it.
     */
    void onRtp(RtpPacket packet);

    /**
     * Before an SRTP packet is decrypted: whether it is worth decrypting. {@code header} views the packet's
     * RTP header and extensions, which SRTP leaves in the clear (RFC 3711 §3.1; RFC 7714 §8.2 for AEAD) but
     * which are not authenticated yet, so use them only to drop (a sender who may not send, an RFC 6464
     * level that says silence), and count the drop: the packet is not seen again. False drops it undecrypted,
     * except that the session still decrypts one such packet now and then (then {@link #onRtp} gets it) to
     * keep its SRTP rollover counter and replay window in step. Called on the transport's receive thread;
     * the view is reused. By default every packet is decrypted.
     */
    default boolean admitEncrypted(RtpPacket header) {
        return true;
    }

    /** Keys are in place; {@link PeerSession#sendRtp} works from now on. Called on the DTLS thread. */
    default void onConnected() {
    }

    /** RFC 3550 §6.6: the browser said BYE for these SSRCs. Called on the receive thread. */
    default void onBye(List<Integer> ssrcs) {
    }

    /**
     * The session ended and everything is closed. Called exactly once, outside any lock, on whichever
     * thread noticed (consent timer, DTLS thread, or the caller of {@link PeerSession#close()}).
     */
    void onClosed(CloseReason reason);
}
