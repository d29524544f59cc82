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
