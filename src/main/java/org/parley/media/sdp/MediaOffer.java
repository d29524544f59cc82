package org.parley.media.sdp;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.parley.media.dtls.DtlsFingerprint;
import org.parley.media.ice.IceCredentials;

/**
 * A browser's offer, reduced to what the answer and the transport need. The first m-line is the
 * upstream transceiver; the accepted ones after it are receive slots. Made only by
 * {@link OfferParser}, which guarantees the first m-line is accepted Opus audio with a mid.
 *
 * @param remoteCredentials the browser's ice-ufrag/ice-pwd (media-level on the first m-line, else
 *                          session-level) — secret: keys the checks the browser answers
 * @param fingerprints      the browser's certificate fingerprints (RFC 8122), at least one
 * @param setup             the browser's DTLS role offer; we answer {@code passive}
 * @param media             every m-line in offer order, accepted or not
 */
public record MediaOffer(IceCredentials remoteCredentials, List<DtlsFingerprint> fingerprints, SetupRole setup,
        List<OfferedMedia> media) {

    public MediaOffer {
        fingerprints = List.copyOf(fingerprints);
        media = List.copyOf(media);
        if (fingerprints.isEmpty() || media.isEmpty() || !media.get(0).accepted()) {
            throw new IllegalArgumentException("an offer needs a fingerprint and an accepted upstream m-line");
        }
    }

    /** The first m-line: the browser's sendrecv transceiver, on which a speaker's microphone arrives. */
    public OfferedMedia upstream() {
        return media.get(0);
    }

    /** The accepted m-lines after the first, in order: where Parley sends the room's loudest speakers. */
    public List<OfferedMedia> slots() {
        return media.stream().skip(1).filter(OfferedMedia::accepted).toList();
    }

    /** The mids of the accepted m-lines, in order: the answer's BUNDLE group. */
    public List<String> mids() {
        return media.stream().filter(OfferedMedia::accepted).map(OfferedMedia::mid).toList();
    }

    /** The Opus payload type of the upstream m-line (the one RTP from the browser carries). */
    public int opusPayloadType() {
        return upstream().opusPayloadType();
    }

    /** The upstream m-line's audio-level header extension id, if the browser offered one. */
    public OptionalInt audioLevelExtensionId() {
        return upstream().audioLevelExtensionId();
    }

    /** The SSRC the browser announced for its upstream stream, if the offer carries {@code a=ssrc}. */
    public OptionalLong upstreamSsrc() {
        return upstream().ssrc();
    }

    @Override
    public String toString() {
        return "MediaOffer[ufrag=" + remoteCredentials.ufrag() + ", fingerprints=" + fingerprints + ", setup=" + setup
                + ", mids=" + mids() + "]";
    }
}
