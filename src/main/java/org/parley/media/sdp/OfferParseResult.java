package org.parley.media.sdp;

/**
 * Either a parsed offer or why it was refused; exactly one of {@code offer} and {@code reason} is
 * non-null. {@code detail} says where (e.g. the line number), and never echoes secrets.
 */
public record OfferParseResult(MediaOffer offer, SdpRejectReason reason, String detail) {

    public OfferParseResult {
        if ((offer == null) == (reason == null)) {
            throw new IllegalArgumentException("exactly one of offer and reason");
        }
        detail = detail == null ? "" : detail;
    }

    static OfferParseResult ok(MediaOffer offer) {
        return new OfferParseResult(offer, null, "");
    }

    static OfferParseResult reject(SdpRejectReason reason, String detail) {
        return new OfferParseResult(null, reason, detail);
    }

    public boolean isOk() {
        return offer != null;
    }

    /** The reason and detail in one sentence, e.g. for a signalling error; empty when ok. */
    public String message() {
        if (reason == null) {
            return "";
        }
        return detail.isEmpty() ? reason.description() : reason.description() + " (" + detail + ")";
    }
}
