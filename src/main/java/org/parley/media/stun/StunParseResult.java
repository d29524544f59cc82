package org.parley.media.stun;

/** Either a parsed message or the reason the datagram was dropped; exactly one is non-null. */
public record StunParseResult(StunMessage message, StunDropReason dropReason) {

    public StunParseResult {
        if ((message == null) == (dropReason == null)) {
            throw new IllegalArgumentException("exactly one of message and dropReason");
        }
    }

    static StunParseResult ok(StunMessage message) {
        return new StunParseResult(message, null);
    }

    static StunParseResult drop(StunDropReason reason) {
        return new StunParseResult(null, reason);
    }

    public boolean isOk() {
        return message != null;
    }
}
