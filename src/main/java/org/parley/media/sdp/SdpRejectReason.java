package org.parley.media.sdp;

/** Why an offer was refused; each has a sentence fit for a log line or a signalling error. */
public enum SdpRejectReason {
    EMPTY("the offer is empty"),
    TOO_LONG("the offer is longer than " + OfferParser.MAX_LENGTH + " characters"),
    TOO_MANY_MEDIA("the offer has more than " + OfferParser.MAX_MEDIA + " m-lines"),
    MALFORMED_LINE("a line is not of the form <letter>=<value>"),
    BAD_VERSION("the offer does not start with v=0"),
    BAD_MEDIA_LINE("an m-line is malformed"),
    NO_AUDIO("the offer has no audio m-line"),
    UPSTREAM_NOT_OPUS("the first m-line is not Opus audio over UDP/TLS/RTP/SAVPF"),
    BAD_MID("an accepted m-line has no a=mid, or one that is not a 1-32 character token"),
    DUPLICATE_MID("two m-lines share an a=mid"),
    NOT_BUNDLED("the accepted m-lines are not all in one a=group:BUNDLE"),
    NO_RTCP_MUX("an accepted m-line does not offer a=rtcp-mux"),
    CONFLICTING_ATTRIBUTE("an attribute appears twice with different values"),
    BAD_DIRECTION("an m-line has more than one direction attribute"),
    MISSING_ICE_CREDENTIALS("the offer has no a=ice-ufrag or no a=ice-pwd"),
    BAD_ICE_CREDENTIALS("a=ice-ufrag or a=ice-pwd is not valid ice-chars of the right length"),
    MISSING_FINGERPRINT("the offer has no a=fingerprint"),
    BAD_FINGERPRINT("an a=fingerprint is malformed or uses a weak or unknown hash"),
    BAD_SETUP("a=setup is missing or not actpass/active");

    private final String description;

    SdpRejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
