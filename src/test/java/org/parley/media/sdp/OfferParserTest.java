package org.parley.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.Fuzz;
import org.parley.media.dtls.DtlsFingerprint;

@Timeout(30)
class OfferParserTest {

    @Test
    void a_chrome_shaped_offer_yields_credentials_fingerprint_opus_audio_level_and_four_mids() {
        MediaOffer offer = Offers.parsed(Offers.chrome());

        assertThat(offer.remoteCredentials().ufrag()).isEqualTo(Offers.UFRAG);
        assertThat(offer.remoteCredentials().pwd()).isEqualTo(Offers.PWD);
        assertThat(offer.fingerprints()).containsExactly(DtlsFingerprint.parse(Offers.FINGERPRINT).orElseThrow());
        assertThat(offer.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(offer.mids()).containsExactly("0", "1", "2", "3");
        assertThat(offer.opusPayloadType()).isEqualTo(111);
        assertThat(offer.audioLevelExtensionId()).hasValue(1);
        assertThat(offer.upstreamSsrc()).hasValue(3735928559L);
        assertThat(offer.upstream().direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(offer.slots()).extracting(OfferedMedia::direction).containsOnly(MediaDirection.RECVONLY).hasSize(3);
    }

    @Test
    void bare_lf_line_endings_are_accepted_too() {
        assertThat(Offers.parsed(Offers.chrome().replace("\r\n", "\n")).mids()).hasSize(4);
    }

    @Test
    void session_level_credentials_fingerprint_and_setup_are_used_when_media_level_ones_are_absent() {
        String sdp = Offers.chrome()
                .replace("a=ice-ufrag:" + Offers.UFRAG + "\r\n", "")
                .replace("a=ice-pwd:" + Offers.PWD + "\r\n", "")
                .replace("a=fingerprint:" + Offers.FINGERPRINT + "\r\n", "")
                .replace("a=setup:actpass\r\n", "")
                .replace("t=0 0\r\n", "t=0 0\r\na=ice-ufrag:abcd\r\na=ice-pwd:" + "p".repeat(22)
                        + "\r\na=fingerprint:" + Offers.FINGERPRINT + "\r\na=setup:active\r\n");

        MediaOffer offer = Offers.parsed(sdp);

        assertThat(offer.remoteCredentials().ufrag()).isEqualTo("abcd");
        assertThat(offer.fingerprints()).hasSize(1);
        assertThat(offer.setup()).isEqualTo(SetupRole.ACTIVE);
    }

    @Test
    void an_offer_without_ssrc_lines_has_no_upstream_ssrc() {
        String sdp = Offers.chrome().replaceAll("a=ssrc:[^\r]*\r\n", "");

        assertThat(Offers.parsed(sdp).upstreamSsrc()).isEmpty();
    }

    @Test
    void a_video_or_data_m_line_among_the_slots_is_rejected_but_the_offer_is_kept() {
        String video = Offers.slot("v").replace("m=audio", "m=video").replace("opus/48000/2", "VP8/90000");
        String sdp = String.join("\r\n", Offers.session("0 1 v d"), Offers.upstream("0"), Offers.slot("1"), video,
                Offers.dataChannel("d")) + "\r\n";

        MediaOffer offer = Offers.parsed(sdp);

        assertThat(offer.mids()).containsExactly("0", "1");
        assertThat(offer.media()).extracting(OfferedMedia::accepted).containsExactly(true, true, false, false);
    }

    @Test
    void a_slot_without_opus_is_rejected_but_the_offer_is_kept() {
        String pcmuOnly = Offers.slot("2").replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 ISAC/16000");
        String sdp = String.join("\r\n", Offers.session("0 1 2"), Offers.upstream("0"), Offers.slot("1"), pcmuOnly) + "\r\n";

        assertThat(Offers.parsed(sdp).mids()).containsExactly("0", "1");
    }

    @Test
    void missing_or_invalid_ice_credentials_are_refused_with_a_reason() {
        assertRefused(Offers.chrome().replace("a=ice-ufrag:", "a=x-ufrag:"), SdpRejectReason.MISSING_ICE_CREDENTIALS);
        assertRefused(Offers.chrome().replace("a=ice-pwd:", "a=x-pwd:"), SdpRejectReason.MISSING_ICE_CREDENTIALS);
        assertRefused(Offers.chrome().replace("a=ice-pwd:" + Offers.PWD, "a=ice-pwd:short"), SdpRejectReason.BAD_ICE_CREDENTIALS);
        assertRefused(Offers.chrome().replace("a=ice-ufrag:" + Offers.UFRAG, "a=ice-ufrag:a b!"), SdpRejectReason.BAD_ICE_CREDENTIALS);
    }

    @Test
    void a_missing_or_weak_fingerprint_is_refused() {
        assertRefused(Offers.chrome().replace("a=fingerprint:", "a=x-fingerprint:"), SdpRejectReason.MISSING_FINGERPRINT);
        assertRefused(Offers.chrome().replace(Offers.FINGERPRINT, "sha-1 " + "AB:".repeat(19) + "AB"), SdpRejectReason.BAD_FINGERPRINT);
    }

    @Test
    void a_setup_role_other_than_actpass_or_active_is_refused() {
        assertRefused(Offers.chrome().replace("a=setup:actpass", "a=setup:passive"), SdpRejectReason.BAD_SETUP);
        assertRefused(Offers.chrome().replace("a=setup:actpass", "a=setup:holdconn"), SdpRejectReason.BAD_SETUP);
        assertRefused(Offers.chrome().replace("a=setup:actpass\r\n", ""), SdpRejectReason.BAD_SETUP);
    }

    @Test
    void an_offer_without_audio_is_refused() {
        String sdp = String.join("\r\n", Offers.session("d"), Offers.dataChannel("d")) + "\r\n";

        assertRefused(sdp, SdpRejectReason.NO_AUDIO);
        assertRefused(Offers.session("") + "\r\n", SdpRejectReason.NO_AUDIO);
    }

    @Test
    void an_offer_whose_first_m_line_is_not_opus_audio_is_refused() {
        String sdp = String.join("\r\n", Offers.session("d 1"), Offers.dataChannel("d"), Offers.slot("1")) + "\r\n";

        assertRefused(sdp, SdpRejectReason.UPSTREAM_NOT_OPUS);
        assertRefused(Offers.chrome().replaceFirst("opus/48000/2", "opus/48000/1"), SdpRejectReason.UPSTREAM_NOT_OPUS);
        assertRefused(Offers.chrome().replaceFirst("UDP/TLS/RTP/SAVPF", "RTP/AVP"), SdpRejectReason.UPSTREAM_NOT_OPUS);
        assertRefused(Offers.chrome().replaceFirst("m=audio 9", "m=audio 0"), SdpRejectReason.UPSTREAM_NOT_OPUS);
    }

    @Test
    void offers_that_do_not_bundle_everything_over_rtcp_mux_are_refused() {
        assertRefused(Offers.chrome().replace("a=group:BUNDLE 0 1 2 3", "a=group:BUNDLE 0 1 2"), SdpRejectReason.NOT_BUNDLED);
        assertRefused(Offers.chrome().replace("a=group:BUNDLE 0 1 2 3", "a=group:LS 0 1 2 3"), SdpRejectReason.NOT_BUNDLED);
        assertRefused(Offers.chrome().replaceFirst("a=rtcp-mux\r\n", ""), SdpRejectReason.NO_RTCP_MUX);
    }

    @Test
    void missing_duplicate_or_odd_mids_are_refused() {
        assertRefused(Offers.chrome().replace("a=mid:2\r\n", ""), SdpRejectReason.BAD_MID);
        assertRefused(Offers.chrome().replace("a=mid:2", "a=mid:1"), SdpRejectReason.DUPLICATE_MID);
        assertRefused(Offers.chrome().replace("a=mid:2", "a=mid:a b"), SdpRejectReason.BAD_MID);
    }

    @Test
    void contradictory_attributes_are_refused() {
        assertRefused(Offers.chrome().replaceFirst("a=sendrecv", "a=sendrecv\r\na=recvonly"), SdpRejectReason.BAD_DIRECTION);
        assertRefused(Offers.chrome().replaceFirst("a=ice-ufrag:" + Offers.UFRAG, "a=ice-ufrag:" + Offers.UFRAG + "\r\na=ice-ufrag:other"),
                SdpRejectReason.CONFLICTING_ATTRIBUTE);
    }

    @Test
    void garbage_lines_are_refused_with_the_line_number() {
        OfferParseResult result = OfferParser.parse(Offers.chrome().replace("s=-", "hello world"));

        assertThat(result.reason()).isEqualTo(SdpRejectReason.MALFORMED_LINE);
        assertThat(result.message()).contains("line 3");
        assertRefused(Offers.chrome().replace("s=-", "S=-"), SdpRejectReason.MALFORMED_LINE);
        assertRefused(Offers.chrome().replace("s=-", "s=\u0000"), SdpRejectReason.MALFORMED_LINE);
        assertRefused(Offers.chrome().replace("a=rtcp-rsize", "a=rtcp\rrsize"), SdpRejectReason.MALFORMED_LINE);
        assertRefused(Offers.chrome().replace("a=rtcp-rsize", "a=:x"), SdpRejectReason.MALFORMED_LINE);
        assertRefused(Offers.chrome().replaceFirst("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 0", "m=audio nine UDP/TLS/RTP/SAVPF 111"),
                SdpRejectReason.BAD_MEDIA_LINE);
        assertRefused(Offers.chrome().replaceFirst("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 0", "m=audio 9"), SdpRejectReason.BAD_MEDIA_LINE);
        assertRefused(Offers.chrome().replace("v=0", "v=1"), SdpRejectReason.BAD_VERSION);
        assertRefused("<html>nope</html>", SdpRejectReason.MALFORMED_LINE);
    }

    @Test
    void empty_oversized_and_many_m_line_offers_are_refused_before_any_work() {
        assertRefused(null, SdpRejectReason.EMPTY);
        assertRefused(" \r\n", SdpRejectReason.EMPTY);
        assertRefused(Offers.chrome() + "a=x:" + "y".repeat(OfferParser.MAX_LENGTH) + "\r\n", SdpRejectReason.TOO_LONG);
        String manySlots = Offers.session("0") + "\r\n" + Offers.upstream("0") + "\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n".repeat(OfferParser.MAX_MEDIA);
        assertRefused(manySlots, SdpRejectReason.TOO_MANY_MEDIA);
    }

    @Test
    void the_refusal_message_never_contains_the_ice_password() {
        OfferParseResult result = OfferParser.parse(Offers.chrome().replace("a=ice-ufrag:" + Offers.UFRAG, "a=ice-ufrag:x"));

        assertThat(result.message()).doesNotContain(Offers.PWD).isNotBlank();
        assertThat(Offers.parsed(Offers.chrome()).toString()).doesNotContain(Offers.PWD);
    }

    @Test
    void mutated_offers_never_throw() {
        byte[] valid = Offers.chrome().getBytes(StandardCharsets.ISO_8859_1);
        byte[][] donors = {"\r\nm=audio 0 x\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "a=group:BUNDLE \r\na=mid:\r\na=extmap:15/x ".getBytes(StandardCharsets.ISO_8859_1)};
        Fuzz.run(3_000, f -> {
            String sdp = new String(f.mutate(valid, donors), StandardCharsets.ISO_8859_1);
            OfferParseResult result = OfferParser.parse(sdp);
            assertThat(result.isOk() || result.reason() != null).isTrue();
            if (result.isOk()) {
                assertThat(result.offer().mids()).isNotEmpty();
            }
        });
    }

    @Test
    void random_text_never_throws() {
        Fuzz.run(3_000, f -> {
            String sdp = f.string(0, 400, "v=0am \r\n:/" + Fuzz.charRange('0', '9'));
            assertThat(OfferParser.parse(sdp).isOk()).isFalse();
        });
    }

    private static void assertRefused(String sdp, SdpRejectReason reason) {
        OfferParseResult result = OfferParser.parse(sdp);
        assertThat(result.reason()).as(result.message()).isEqualTo(reason);
        assertThat(result.offer()).isNull();
    }
}
