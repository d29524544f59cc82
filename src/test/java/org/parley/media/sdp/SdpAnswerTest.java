package org.parley.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.dtls.DtlsFingerprint;
import org.parley.media.ice.IceCandidate;
import org.parley.media.ice.IceCredentials;

@Timeout(30)
class SdpAnswerTest {

    private static final IceCredentials LOCAL = new IceCredentials("LoCaL123", "abcdefghijklmnopqrstuvwx");
    private static final DtlsFingerprint FINGERPRINT = DtlsFingerprint.sha256(new byte[] {1, 2, 3});
    private static final IceCandidate HOST = IceCandidate.host(new InetSocketAddress("127.0.0.1", 10000), 0);
    private static final int[] SLOT_SSRCS = {1001, 1002, 0xF0000003};
    private static final int REPORT_SSRC = 0xF0000077;

    private static AnswerParameters parameters(int... slotSsrcs) {
        return new AnswerParameters(LOCAL, FINGERPRINT, List.of(HOST), slotSsrcs, REPORT_SSRC, 42);
    }

    private static String answer(String offer) {
        return SdpAnswer.build(Offers.parsed(offer), parameters(SLOT_SSRCS));
    }

    /** The answer's m-sections (index 0 is the session section), each as its lines. */
    private static List<List<String>> sections(String sdp) {
        List<List<String>> sections = new ArrayList<>();
        sections.add(new ArrayList<>());
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("m=")) {
                sections.add(new ArrayList<>());
            }
            sections.get(sections.size() - 1).add(line);
        }
        return sections;
    }

    @Test
    void the_answer_is_crlf_text_with_an_ice_lite_session_header_and_one_bundle_group() {
        String sdp = answer(Offers.chrome());

        assertThat(sdp).endsWith("\r\n").doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
        assertThat(sections(sdp).get(0)).containsExactly("v=0", "o=- 42 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=ice-lite",
                "a=group:BUNDLE 0 1 2 3", "a=msid-semantic: WMS parley");
    }

    @Test
    void every_m_line_carries_our_ice_dtls_and_candidate_attributes_in_offer_order() {
        List<List<String>> sections = sections(answer(Offers.chrome()));

        assertThat(sections).hasSize(5);
        for (int i = 1; i <= 4; i++) {
            assertThat(sections.get(i)).startsWith("m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0")
                    .contains("a=mid:" + (i - 1), "a=ice-ufrag:LoCaL123", "a=ice-pwd:abcdefghijklmnopqrstuvwx",
                            "a=fingerprint:" + FINGERPRINT.toSdp(), "a=setup:passive", "a=rtcp-mux",
                            "a=candidate:1 1 udp 2130706431 127.0.0.1 10000 typ host")
                    .endsWith("a=end-of-candidates");
        }
    }

    @Test
    void only_opus_with_the_browsers_payload_type_and_only_the_audio_level_extension_are_answered() {
        List<String> upstream = sections(answer(Offers.chrome().replace("111", "109"))).get(1);

        assertThat(upstream).contains("a=rtpmap:109 opus/48000/2", "a=fmtp:109 minptime=10;useinbandfec=1",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        assertThat(upstream).filteredOn(l -> l.startsWith("a=rtpmap") || l.startsWith("a=extmap")).hasSize(2);
        assertThat(upstream).noneMatch(l -> l.contains("red/") || l.contains("transport-cc") || l.contains("abs-send-time"));
    }

    @Test
    void without_an_offered_audio_level_extension_no_extmap_is_answered() {
        String sdp = answer(Offers.chrome().replace("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n", ""));

        assertThat(sdp).doesNotContain("a=extmap");
    }

    @Test
    void the_upstream_is_answered_recvonly_and_each_slot_sendonly_with_its_own_ssrc_and_msid() {
        List<List<String>> sections = sections(answer(Offers.chrome()));

        // The upstream's only a=ssrc is our receiver reports' (below): no track of ours flows there.
        assertThat(sections.get(1)).contains("a=recvonly").noneMatch(l -> l.startsWith("a=msid") || l.contains(" msid:"))
                .filteredOn(l -> l.startsWith("a=ssrc")).containsExactly("a=ssrc:" + Integer.toUnsignedString(REPORT_SSRC) + " cname:parley");
        long[] expected = {1001, 1002, 0xF0000003L};
        for (int slot = 0; slot < 3; slot++) {
            assertThat(sections.get(slot + 2)).contains("a=sendonly", "a=msid:parley slot" + slot,
                    "a=ssrc:" + expected[slot] + " cname:parley", "a=ssrc:" + expected[slot] + " msid:parley slot" + slot);
        }
    }

    @Test
    void every_bundled_m_line_we_receive_or_send_on_declares_an_ssrc_as_firefox_expects() {
        // Firefox logs "Bundled m-section has no ssrc attributes" for a bundled audio m-line without one
        // (FirefoxAudioBrowserTest); the upstream declares the SSRC our receiver reports come from.
        List<List<String>> sections = sections(answer(Offers.chrome()));

        assertThat(sections.get(1)).contains("a=ssrc:4026531959 cname:parley");
        for (int i = 1; i <= 4; i++) {
            assertThat(sections.get(i)).as("m-line " + i).anyMatch(l -> l.matches("a=ssrc:\\d+ cname:parley"));
        }
    }

    @Test
    void an_upstream_answered_inactive_declares_no_report_ssrc() {
        String offer = Offers.chrome().replace("a=sendrecv", "a=recvonly");

        assertThat(sections(answer(offer)).get(1)).contains("a=inactive").noneMatch(l -> l.startsWith("a=ssrc"));
    }

    @Test
    void slots_beyond_the_given_ssrcs_and_an_upstream_that_does_not_send_are_answered_inactive() {
        String offer = Offers.chrome().replace("a=sendrecv", "a=recvonly");
        List<List<String>> sections = sections(SdpAnswer.build(Offers.parsed(offer), parameters(7)));

        assertThat(sections.get(1)).contains("a=inactive");
        assertThat(sections.get(2)).contains("a=sendonly", "a=ssrc:7 cname:parley");
        assertThat(sections.get(3)).contains("a=inactive").noneMatch(l -> l.startsWith("a=ssrc"));
        assertThat(sections.get(4)).contains("a=inactive");
    }

    @Test
    void a_non_audio_or_non_opus_m_line_is_answered_with_port_0_and_left_out_of_the_bundle() {
        String video = Offers.slot("v").replace("m=audio", "m=video").replace("opus/48000/2", "VP8/90000");
        String offer = String.join("\r\n", Offers.session("0 v 1 d"), Offers.upstream("0"), video, Offers.slot("1"),
                Offers.dataChannel("d")) + "\r\n";
        List<List<String>> sections = sections(answer(offer));

        assertThat(sections.get(0)).contains("a=group:BUNDLE 0 1");
        assertThat(sections.get(2)).containsExactly("m=video 0 UDP/TLS/RTP/SAVPF 111 63 0", "c=IN IP4 0.0.0.0", "a=mid:v");
        assertThat(sections.get(3)).contains("a=mid:1", "a=sendonly", "a=msid:parley slot0");
        assertThat(sections.get(4)).containsExactly("m=application 0 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=mid:d");
    }

    @Test
    void answer_parameters_are_validated_and_copied() {
        int[] ssrcs = {1, 2};
        AnswerParameters parameters = parameters(ssrcs);
        ssrcs[0] = 99;
        parameters.slotSsrcs()[1] = 99;

        assertThat(parameters.slotSsrcs()).containsExactly(1, 2);
        assertThat(parameters).isEqualTo(parameters(1, 2));
        assertThat(parameters.toString()).doesNotContain(LOCAL.pwd());
        assertThatThrownBy(() -> new AnswerParameters(LOCAL, FINGERPRINT, List.of(), ssrcs, REPORT_SSRC, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerParameters(LOCAL, FINGERPRINT, List.of(HOST), ssrcs, REPORT_SSRC, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
