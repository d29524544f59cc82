package org.parley.media.sdp;

import java.util.List;

/** Hand-written offers shaped like Chrome's: one sendrecv upstream and three recvonly slots. */
public final class Offers {

    static final String UFRAG = "Kq3v";
    static final String PWD = "Hn2ytVuEIxf0kvN3M8WPmU1A";
    static final String FINGERPRINT = "sha-256 " + "4A:".repeat(31) + "4A";

    private Offers() {}

    public static String chrome() {
        return String.join("\r\n", session("0 1 2 3"), upstream("0"), slot("1"), slot("2"), slot("3")) + "\r\n";
    }

    /** As {@link #chrome()} with a fourth receive slot: the interpretation slot (docs/media.md). */
    public static String chromeWithInterpretation() {
        return String.join("\r\n", session("0 1 2 3 4"), upstream("0"), slot("1"), slot("2"), slot("3"), slot("4")) + "\r\n";
    }

    static String session(String bundleMids) {
        return String.join("\r\n", List.of(
                "v=0",
                "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE " + bundleMids,
                "a=extmap-allow-mixed",
                "a=msid-semantic: WMS"));
    }

    static String upstream(String mid) {
        return String.join("\r\n", List.of(
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
                "c=IN IP4 0.0.0.0",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:" + UFRAG,
                "a=ice-pwd:" + PWD,
                "a=ice-options:trickle",
                "a=fingerprint:" + FINGERPRINT,
                "a=setup:actpass",
                "a=mid:" + mid,
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=sendrecv",
                "a=msid:- 6c1b6d1f-2b4e-4f4e-9f0e-1d2c3b4a5f6e",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:111 opus/48000/2",
                "a=rtcp-fb:111 transport-cc",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:63 red/48000/2",
                "a=fmtp:63 111/111",
                "a=rtpmap:9 G722/8000",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:13 CN/8000",
                "a=rtpmap:110 telephone-event/48000",
                "a=rtpmap:126 telephone-event/8000",
                "a=ssrc:3735928559 cname:Wc2Pc0s4fGzXh7nA",
                "a=ssrc:3735928559 msid:- 6c1b6d1f-2b4e-4f4e-9f0e-1d2c3b4a5f6e"));
    }

    static String slot(String mid) {
        return String.join("\r\n", List.of(
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 0",
                "c=IN IP4 0.0.0.0",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:" + UFRAG,
                "a=ice-pwd:" + PWD,
                "a=fingerprint:" + FINGERPRINT,
                "a=setup:actpass",
                "a=mid:" + mid,
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=recvonly",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:63 red/48000/2",
                "a=rtpmap:0 PCMU/8000"));
    }

    static String dataChannel(String mid) {
        return String.join("\r\n", List.of(
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:" + UFRAG,
                "a=ice-pwd:" + PWD,
                "a=fingerprint:" + FINGERPRINT,
                "a=setup:actpass",
                "a=mid:" + mid,
                "a=sctp-port:5000"));
    }

    static MediaOffer parsed(String sdp) {
        OfferParseResult result = OfferParser.parse(sdp);
        if (!result.isOk()) {
            throw new AssertionError("offer refused: " + result.message());
        }
        return result.offer();
    }
}
