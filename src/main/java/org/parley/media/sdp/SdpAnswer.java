package org.parley.media.sdp;

import org.parley.media.ice.IceCandidate;

/**
 * Writes Parley's answer to a {@link MediaOffer} (RFC 8829 §5.3.1). Every accepted m-line keeps the
 * offer's mid and order and shares one BUNDLE transport (RFC 8843); we are ICE-lite (RFC 8839 §5.3)
 * and the DTLS server, {@code a=setup:passive} (RFC 8842 §5). Only Opus and the audio-level header
 * extension are answered; everything else the browser offered is dropped.
 *
 * <pre>
 *   m=audio 9 UDP/TLS/RTP/SAVPF 111     upstream: a=recvonly (the browser's microphone, once on stage),
 *                                       a=ssrc:&lt;our receiver reports' ssrc&gt; cname:parley
 *   m=audio 9 UDP/TLS/RTP/SAVPF 111     slot 0:   a=sendonly, a=msid:parley slot0, a=ssrc:&lt;slot ssrc&gt; …
 *   m=application 0 UDP/DTLS/SCTP …     anything not Opus audio: rejected with port 0, not bundled
 * </pre>
 */
public final class SdpAnswer {

    private static final String CRLF = "\r\n";
    /** RFC 7587 §6.1: 10 ms is Opus's shortest useful packet; in-band FEC helps on lossy links. */
    static final String OPUS_FMTP = "minptime=10;useinbandfec=1";
    /** The msid stream id and CNAME of every stream Parley sends (RFC 8830, RFC 7022). */
    public static final String STREAM_ID = "parley";

    private SdpAnswer() {}

    /** The answer text, CRLF line endings. */
    public static String build(MediaOffer offer, AnswerParameters parameters) {
        StringBuilder sdp = new StringBuilder(2048);
        line(sdp, "v=0");
        line(sdp, "o=- " + parameters.sessionId() + " 2 IN IP4 127.0.0.1");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        // RFC 8839 §5.3: a lite implementation says so at session level.
        line(sdp, "a=ice-lite");
        line(sdp, "a=group:BUNDLE " + String.join(" ", offer.mids()));
        line(sdp, "a=msid-semantic: WMS " + STREAM_ID);
        int[] slotSsrcs = parameters.slotSsrcs();
        int slot = 0;
        for (OfferedMedia media : offer.media()) {
            if (!media.accepted()) {
                rejected(sdp, media);
            } else if (media.index() == 0) {
                // The upstream transceiver: we only ever receive on it.
                boolean receiving = media.direction().sends();
                accepted(sdp, media, parameters, receiving ? MediaDirection.RECVONLY : MediaDirection.INACTIVE);
                if (receiving) {
                    // RFC 3550 §6.4.2: a receiver's reports come from an SSRC of its own; RFC 5576 §4.1
                    // declares it, with the CNAME of its SDES (RFC 3550 §6.5.1). With BUNDLE the receiver
                    // maps RTP/RTCP to m-lines by SSRC when no MID extension is used (RFC 8843 §9.2), and
                    // Firefox expects every bundled audio m-line to declare one: without it, it logs
                    // "Bundled m-section has no ssrc attributes" (FirefoxAudioBrowserTest). No msid: no
                    // track flows this way.
                    line(sdp, "a=ssrc:" + Integer.toUnsignedString(parameters.reportSsrc()) + " cname:" + STREAM_ID);
                }
            } else {
                boolean sending = slot < slotSsrcs.length && media.direction().receives();
                accepted(sdp, media, parameters, sending ? MediaDirection.SENDONLY : MediaDirection.INACTIVE);
                if (sending) {
                    String ssrc = Integer.toUnsignedString(slotSsrcs[slot]);
                    String msid = STREAM_ID + " slot" + slot;
                    line(sdp, "a=msid:" + msid);
                    // RFC 5576 §4.1; Chrome still reads the msid from a=ssrc as well.
                    line(sdp, "a=ssrc:" + ssrc + " cname:" + STREAM_ID);
                    line(sdp, "a=ssrc:" + ssrc + " msid:" + msid);
                }
                slot++;
            }
            if (media.accepted()) {
                for (IceCandidate candidate : parameters.candidates()) {
                    line(sdp, "a=" + candidate.toSdp());
                }
                line(sdp, "a=end-of-candidates");
            }
        }
        return sdp.toString();
    }

    private static void accepted(StringBuilder sdp, OfferedMedia media, AnswerParameters parameters, MediaDirection direction) {
        int pt = media.opusPayloadType();
        // RFC 8839 §4.2.3 / JSEP: port 9 and 0.0.0.0; the real address is in the candidates.
        line(sdp, "m=audio 9 " + media.protocol() + " " + pt);
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=ice-ufrag:" + parameters.localCredentials().ufrag());
        line(sdp, "a=ice-pwd:" + parameters.localCredentials().pwd());
        line(sdp, "a=fingerprint:" + parameters.localFingerprint().toSdp());
        line(sdp, "a=setup:passive");
        line(sdp, "a=mid:" + media.mid());
        media.audioLevelExtensionId().ifPresent(id -> line(sdp, "a=extmap:" + id + " " + OfferParser.AUDIO_LEVEL_URI));
        line(sdp, "a=" + direction.toSdp());
        line(sdp, "a=rtcp-mux");
        line(sdp, "a=rtpmap:" + pt + " opus/48000/2");
        line(sdp, "a=fmtp:" + pt + " " + OPUS_FMTP);
    }

    /** RFC 8829 §5.3.1: a rejected m-line keeps its media type, protocol and formats, with port 0. */
    private static void rejected(StringBuilder sdp, OfferedMedia media) {
        line(sdp, "m=" + media.type() + " 0 " + media.protocol() + " " + String.join(" ", media.formats()));
        line(sdp, "c=IN IP4 0.0.0.0");
        if (OfferParser.isToken(media.mid(), OfferParser.MAX_MID_LENGTH)) {
            line(sdp, "a=mid:" + media.mid());
        }
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append(CRLF);
    }
}
