package org.parley.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.dtls.DtlsConfig;
import org.parley.media.dtls.DtlsServer;
import org.parley.media.ice.IceCandidate;
import org.parley.media.ice.IceCredentials;

/**
 * Real Chromium offers, our parser reads it, our answer goes back, and Chromium must accept it with
 * the directions and tracks the client relies on. No media flows: ICE would fail later (nothing
 * listens on 127.0.0.1:10000), so the page is closed as soon as the descriptions are checked.
 */
@Timeout(90)
class SdpChromiumInteropTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private static final String OFFER_JS = """
            async () => {
              const pc = new RTCPeerConnection({bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'});
              window.pc = pc;
              window.trackStreams = [];
              pc.ontrack = e => window.trackStreams.push(e.streams.map(s => s.id).join(','));
              pc.addTransceiver('audio', {direction: 'sendrecv'});
              for (let i = 0; i < 3; i++) {
                pc.addTransceiver('audio', {direction: 'recvonly'});
              }
              await pc.setLocalDescription(await pc.createOffer());
              return pc.localDescription.sdp;
            }
            """;

    private static final String ANSWER_JS = """
            async sdp => {
              const pc = window.pc;
              await pc.setRemoteDescription({type: 'answer', sdp});
              const transceivers = pc.getTransceivers();
              return {
                signalingState: pc.signalingState,
                mids: transceivers.map(t => t.mid),
                directions: transceivers.map(t => t.currentDirection),
                slotTracks: transceivers.slice(1).map(t => t.receiver.track ? t.receiver.track.kind : 'none'),
                receivers: pc.getReceivers().length,
                trackStreams: window.trackStreams
              };
            }
            """;

    @Test
    @SuppressWarnings("unchecked")
    void chromium_accepts_our_answer_to_its_upstream_plus_three_slots_offer() {
        assumeThat(Files.isExecutable(CHROMIUM)).as("Debian's chromium at " + CHROMIUM).isTrue();
        try (Playwright playwright = Playwright.create();
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                "--disable-component-update", "--disable-sync", "--no-first-run",
                                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream")))) {
            Page page = browser.newPage();
            try {
                page.navigate("about:blank");
                String offerSdp = (String) page.evaluate(OFFER_JS);

                OfferParseResult parsed = OfferParser.parse(offerSdp);
                assertThat(parsed.isOk()).as(parsed.message() + "\n" + offerSdp).isTrue();
                MediaOffer offer = parsed.offer();
                assertThat(offer.remoteCredentials().ufrag()).isNotBlank();
                assertThat(offer.remoteCredentials().pwd()).hasSizeGreaterThanOrEqualTo(22);
                assertThat(offer.fingerprints()).isNotEmpty();
                assertThat(offer.fingerprints().get(0).hashFunction()).isEqualTo("sha-256");
                assertThat(offerSdp).contains("a=rtpmap:" + offer.opusPayloadType() + " opus/48000/2");
                assertThat(offerSdp).contains("a=extmap:" + offer.audioLevelExtensionId().orElseThrow()
                        + " urn:ietf:params:rtp-hdrext:ssrc-audio-level");
                assertThat(offer.mids()).hasSize(4);
                assertThat(offer.upstream().direction()).isEqualTo(MediaDirection.SENDRECV);
                assertThat(offer.slots()).extracting(OfferedMedia::direction).containsOnly(MediaDirection.RECVONLY);

                DtlsServer dtls = DtlsServer.create(DtlsConfig.defaults());
                AnswerParameters parameters = new AnswerParameters(IceCredentials.generate(new SecureRandom()),
                        dtls.fingerprint(), List.of(IceCandidate.host(new InetSocketAddress("127.0.0.1", 10000), 0)),
                        new int[] {0x1111_0001, 0x1111_0002, 0xF111_0003}, 0x1111_0077, 4_242_424_242L);
                String answerSdp = SdpAnswer.build(offer, parameters);

                Map<String, Object> state = (Map<String, Object>) page.evaluate(ANSWER_JS, answerSdp);

                assertThat(state.get("signalingState")).isEqualTo("stable");
                assertThat((List<Object>) state.get("mids")).containsExactlyElementsOf(offer.mids());
                // From the browser's side: it sends on the upstream, and receives on every slot.
                assertThat((List<Object>) state.get("directions")).containsExactly("sendonly", "recvonly", "recvonly", "recvonly");
                assertThat((List<Object>) state.get("slotTracks")).containsExactly("audio", "audio", "audio");
                assertThat(((Number) state.get("receivers")).intValue()).isEqualTo(4);
                // Each slot's a=msid put its track in the one "parley" stream.
                assertThat((List<Object>) state.get("trackStreams")).containsExactly("parley", "parley", "parley");
            } finally {
                page.close();
            }
        }
    }
}
