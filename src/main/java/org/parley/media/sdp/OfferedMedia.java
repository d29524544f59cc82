package org.parley.media.sdp;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One m-line of an offer, in offer order.
 *
 * @param index                 0-based position; the answer keeps the same order (RFC 8829 §5.3.1)
 * @param type                  the media type, e.g. {@code audio} or {@code application}
 * @param protocol              the transport protocol as offered, e.g. {@code UDP/TLS/RTP/SAVPF}
 * @param formats               the format list as offered (echoed on rejected m-lines)
 * @param mid                   the {@code a=mid} value, or empty when there is none
 * @param direction             the offerer's direction, {@code sendrecv} when unstated
 * @param opusPayloadType       the payload type of {@code opus/48000/2}, or -1 when not offered
 * @param audioLevelExtensionId the {@code ssrc-audio-level} extmap id (RFC 6464), if offered
 * @param ssrc                  the first {@code a=ssrc} of the m-line, if any
 * @param accepted              whether Parley takes it: Opus audio over DTLS-SRTP; otherwise port 0
 */
public record OfferedMedia(int index, String type, String protocol, List<String> formats, String mid,
        MediaDirection direction, int opusPayloadType, OptionalInt audioLevelExtensionId, OptionalLong ssrc,
        boolean accepted) {

    public OfferedMedia {
        formats = List.copyOf(formats);
    }
}
