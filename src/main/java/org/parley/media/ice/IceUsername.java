package org.parley.media.ice;

/**
 * The USERNAME of a connectivity check (RFC 8445 §7.2.2): {@code recipientUfrag:senderUfrag}. The
 * server is the recipient, so the part before the colon is its own ufrag, which names the peer.
 */
public final class IceUsername {

    private IceUsername() {
    }

    /** The recipient's (our local) ufrag, or null when {@code username} has no colon or an empty first part. */
    public static String localUfragOf(String username) {
        if (username == null) {
            return null;
        }
        int colon = username.indexOf(':');
        return colon <= 0 ? null : username.substring(0, colon);
    }

    static String of(String localUfrag, String remoteUfrag) {
        return localUfrag + ":" + remoteUfrag;
    }
}
