package org.parley.media.ice;

import org.parley.media.stun.MessageIntegrity;
import org.parley.media.stun.StunMessageBuilder;
import org.parley.media.stun.StunMessageType;

/** Connectivity checks as a browser (the controlling full agent) sends them (RFC 8445 §7.2.2). */
public final class BrowserChecks {

    public static final String BROWSER_UFRAG = "brWz";
    public static final String BROWSER_PWD = "browserPasswordOf24chars";

    private BrowserChecks() {
    }

    /** A check to the server whose local credentials are {@code server}, signed with its password. */
    public static byte[] check(IceCredentials server, boolean useCandidate) {
        return check(server.ufrag() + ":" + BROWSER_UFRAG, server.pwd(), useCandidate);
    }

    public static byte[] check(String username, String password, boolean useCandidate) {
        StunMessageBuilder builder = StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, StunMessageBuilder.newTransactionId())
                .username(username)
                .priority(1853824767L)
                .iceControlling(0x1234_5678_9abc_def0L);
        if (useCandidate) {
            builder.useCandidate();
        }
        return builder.messageIntegrity(MessageIntegrity.shortTermKey(password)).fingerprint().build();
    }
}
