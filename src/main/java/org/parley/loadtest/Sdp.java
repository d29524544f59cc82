package org.parley.loadtest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offer a load-test leg sends and what it needs from Parley's answer. The offer is shaped like
 * Chrome's for Parley's web client (docs/media.md): one bundled {@code sendrecv} Opus transceiver for
 * the member's voice and {@value #SLOTS} {@code recvonly} receive slots for the floor plus the
 * interpretation slot (docs/protocol.md "Audio"), ICE ufrag/pwd (RFC 8839 §5.4),
 * the DTLS fingerprint with {@code setup:actpass} (RFC 8842 §5), rtcp-mux, and two header extensions
 * (RFC 8285): the audio level the SFU selects speakers by (RFC 6464) and {@link CaptureClock}'s send time.
 */
final class Sdp {

    /** The floor's receive slots. */
    static final int SLOTS = 3;
    /** Every receive slot offered: the floor's and the interpretation slot, as the web client offers. */
    static final int OFFERED_SLOTS = SLOTS + 1;
    static final int OPUS_PT = 111;
    static final int AUDIO_LEVEL_ID = 1;
    static final int CAPTURE_TIME_ID = 2;

    private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    private static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");
    /** RFC 8839 §5.1: foundation component transport priority address port typ host. */
    private static final Pattern CANDIDATE = Pattern.compile("a=candidate:\\S+ 1 (?i:udp) \\d+ (\\S+) (\\d+) typ host");
    /** Each receive slot has one msid line (the upstream's a=ssrc is the server's reports', with a cname only). */
    private static final Pattern SLOT_SSRC = Pattern.compile("a=ssrc:(\\d+) msid:");

    private Sdp() {}

    static String offer(String ufrag, String pwd, String fingerprint) {
        StringBuilder sdp = new StringBuilder(2048);
        lines(sdp, "v=0", "o=- " + Math.abs(ufrag.hashCode()) + " 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0 1 2 3 4", "a=extmap-allow-mixed", "a=msid-semantic: WMS");
        for (int mid = 0; mid <= OFFERED_SLOTS; mid++) {
            lines(sdp, "m=audio 9 UDP/TLS/RTP/SAVPF " + OPUS_PT, "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
                    "a=ice-ufrag:" + ufrag, "a=ice-pwd:" + pwd, "a=fingerprint:" + fingerprint, "a=setup:actpass",
                    "a=mid:" + mid, "a=extmap:" + AUDIO_LEVEL_ID + " urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                    "a=extmap:" + CAPTURE_TIME_ID + " " + CaptureClock.URI, mid == 0 ? "a=sendrecv" : "a=recvonly",
                    "a=rtcp-mux", "a=rtpmap:" + OPUS_PT + " opus/48000/2", "a=fmtp:" + OPUS_PT + " minptime=10;useinbandfec=1");
            if (mid == 0) {
                long ssrc = Integer.toUnsignedLong(ufrag.hashCode() * 31 + 7);
                lines(sdp, "a=ssrc:" + ssrc + " cname:" + ufrag);
            }
        }
        return sdp.toString();
    }

    private static void lines(StringBuilder sdp, String... lines) {
        for (String line : lines) {
            sdp.append(line).append("\r\n");
        }
    }

    /** What a leg needs from the answer. */
    record Answer(String ufrag, String pwd, List<InetSocketAddress> candidates, int slots) {}

    static Answer parse(String answer) {
        String ufrag = find(UFRAG, answer);
        String pwd = find(PWD, answer);
        List<InetSocketAddress> candidates = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(answer);
        while (m.find()) {
            try {
                InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(m.group(1)), Integer.parseInt(m.group(2)));
                if (!candidates.contains(a)) {
                    candidates.add(a);
                }
            } catch (UnknownHostException | IllegalArgumentException e) {
                // an mDNS name or garbage: not one we can use
            }
        }
        int slots = 0;
        Matcher s = SLOT_SSRC.matcher(answer);
        while (s.find()) {
            slots++;
        }
        if (ufrag == null || pwd == null || candidates.isEmpty()) {
            throw new IllegalStateException("the server's answer has no ICE credentials or no UDP host candidate");
        }
        return new Answer(ufrag, pwd, candidates, slots);
    }

    /**
     * The load test sends only to the host it was given: the candidate on that address, else that
     * address with the first candidate's port (a server bound to every interface that advertises
     * another address, e.g. its public one, still answers there).
     */
    static InetSocketAddress target(Answer answer, InetAddress host) {
        for (InetSocketAddress c : answer.candidates()) {
            if (c.getAddress().equals(host)) {
                return c;
            }
        }
        return new InetSocketAddress(host, answer.candidates().get(0).getPort());
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
