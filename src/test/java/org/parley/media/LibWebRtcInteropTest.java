package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.dtls.DtlsConfig;
import org.parley.media.forward.ForwardConfig;
import org.parley.media.transport.MediaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interop with libwebrtc, the WebRTC implementation inside Chrome, Edge and Safari, driven through
 * webrtc-java: its offer is answered by the media server, ICE (RFC 8445, server ICE-lite) and the
 * DTLS-SRTP handshake (RFC 5764) complete against it, its SRTP is decrypted, and the audio of a member on
 * stage reaches a second libwebrtc peer in a receive slot and stops when they leave the stage.
 *
 * <p>If the native library cannot load the test fails and says why; it is never skipped.
 */
@Timeout(60)
class LibWebRtcInteropTest {

    private static final Logger log = LoggerFactory.getLogger(LibWebRtcInteropTest.class);
    static final String ROOM = "room";
    static final long SPEAKER = 1;
    static final long LISTENER = 2;
    static final Duration STEP = Duration.ofSeconds(10);
    static final Pattern SLOT_SSRC = Pattern.compile("a=ssrc:(\\d+) cname:");

    MediaServer media;
    final List<LibWebRtcPeer> peers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        var transport = MediaConfig.defaults().withPort(0).withBindAddress(InetAddress.getLoopbackAddress())
                .withAdvertisedAddresses(List.of(InetAddress.getLoopbackAddress()));
        media = MediaServer.start(new MediaServer.Config(transport, DtlsConfig.defaults(), ForwardConfig.defaults()),
                (room, who) -> { });
    }

    @AfterEach
    void stop() {
        peers.forEach(LibWebRtcPeer::close);
        media.close();
    }

    /** A libwebrtc peer whose offer the server answered, connected (ICE, DTLS, SRTP) within {@link #STEP}. */
    LibWebRtcPeer connect(long member) throws Exception {
        LibWebRtcPeer peer = newPeer(member == LISTENER);
        String offer = peer.offer(STEP);
        log.info("libwebrtc offer of member {}:\n{}", member, offer);
        var result = media.answer(ROOM, member, "connection-" + member, offer);
        assertThat(result).as("the server's answer to libwebrtc's offer").isInstanceOf(MediaServer.AnswerResult.Answer.class);
        String answer = ((MediaServer.AnswerResult.Answer) result).sdp();
        log.info("Parley answer to member {}:\n{}", member, answer);
        peer.answer(answer, STEP);
        try {
            peer.awaitConnected(STEP);
        } catch (Exception e) {
            fail("libwebrtc did not reach CONNECTED (states " + peer.states + ", candidates " + peer.candidates
                    + ", server counters " + media.counters() + ")", e);
        }
        log.info("server counters once member {} connected: {}", member, media.counters());
        Matcher ssrc = SLOT_SSRC.matcher(answer);
        while (ssrc.find()) {
            peer.slotSsrcs.add(Long.parseLong(ssrc.group(1)));
        }
        return peer;
    }

    LibWebRtcPeer newPeer(boolean listener) {
        LibWebRtcPeer peer;
        try {
            peer = listener ? LibWebRtcPeer.listener() : LibWebRtcPeer.speaker();
        } catch (LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return fail("libwebrtc (dev.onvoid.webrtc:webrtc-java, classifier linux-x86_64) could not load its native "
                    + "library on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + root
                    + " — run `ldd` on libwebrtc-java-linux-x86_64.so from that jar to see which system library is "
                    + "missing (it links libpulse, libX11, libXfixes, libXrandr, libXcomposite, libudev, libdbus-1)", e);
        }
        peers.add(peer);
        return peer;
    }

    @Test
    void libwebrtc_completes_ice_and_dtls_srtp_with_the_server_and_its_audio_is_decrypted() throws Exception {
        LibWebRtcPeer speaker = connect(SPEAKER);

        RTCStatsReport report = speaker.stats();
        RTCStats transport = LibWebRtcPeer.ofType(report, RTCStatsType.TRANSPORT).getFirst();
        Map<String, Object> t = transport.getAttributes();
        log.info("libwebrtc transport stats: {}", t);
        assertThat(String.valueOf(t.get("dtlsState"))).isEqualToIgnoringCase("connected");
        // libwebrtc offers GCM first; the server prefers AES-CM (its own transform is the cheaper one).
        assertThat(String.valueOf(t.get("srtpCipher"))).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        RTCStats pair = report.getStats().get(String.valueOf(t.get("selectedCandidatePairId")));
        assertThat(pair).as("the selected candidate pair in %s", t).isNotNull();
        assertThat(String.valueOf(pair.getAttributes().get("state"))).isEqualToIgnoringCase("succeeded");
        RTCStats remote = report.getStats().get(String.valueOf(pair.getAttributes().get("remoteCandidateId")));
        RTCStats local = report.getStats().get(String.valueOf(pair.getAttributes().get("localCandidateId")));
        log.info("selected pair {} local {} remote {}", pair.getAttributes(), local.getAttributes(), remote.getAttributes());
        assertThat(String.valueOf(remote.getAttributes().get("address"))).isEqualTo("127.0.0.1");
        assertThat(media.counters().get("dtls.completed")).isEqualTo(1L);

        // Member 1 is not on stage yet: every packet it sends must still be decrypted (SRTP authenticated)
        // before the send policy drops it, so the policy's counter proves the SRTP keys agree.
        long rtpBefore = media.counters().get("received.rtp");
        speaker.startTone();
        Map<String, Long> counters = awaitCounter("dropped.forward.not-on-stage-or-muted", 25);
        log.info("server counters after 25 packets from libwebrtc: {}", counters);
        assertThat(counters.get("received.rtp")).isGreaterThanOrEqualTo(rtpBefore + 25);
        assertThat(counters.get("dtls.failed")).isZero();
        RTCStats outbound = LibWebRtcPeer.ofType(speaker.stats(), RTCStatsType.OUTBOUND_RTP).getFirst();
        log.info("libwebrtc outbound-rtp: {}", outbound.getAttributes());
    }

    @Test
    void a_libwebrtc_listener_hears_the_speaker_in_a_receive_slot_until_the_speaker_leaves_the_stage() throws Exception {
        LibWebRtcPeer speaker = connect(SPEAKER);
        LibWebRtcPeer listener = connect(LISTENER);
        media.stageChanged(ROOM, Set.of(SPEAKER));
        speaker.startTone();

        long received = 0;
        for (long deadline = System.nanoTime() + STEP.toNanos(); received < 50 && System.nanoTime() < deadline; ) {
            Thread.sleep(100);
            received = listener.packetsReceived();
        }
        List<RTCStats> inbound = LibWebRtcPeer.ofType(listener.stats(), RTCStatsType.INBOUND_RTP);
        inbound.forEach(s -> log.info("listener inbound-rtp: {}", s.getAttributes()));
        RTCStats heard = inbound.stream().max((a, b) -> Long.compare(LibWebRtcPeer.number(a.getAttributes()
                .get("packetsReceived")), LibWebRtcPeer.number(b.getAttributes().get("packetsReceived")))).orElseThrow();
        assertThat(heard.getAttributes().get("mid")).as("the receive slot that carried the speaker").isNotEqualTo("0");
        assertThat(listener.slotSsrcs).as("slot SSRCs of the answer").contains(LibWebRtcPeer.number(heard.getAttributes().get("ssrc")));
        assertThat(LibWebRtcPeer.number(heard.getAttributes().get("totalSamplesReceived")))
                .as("samples libwebrtc decoded from the slot").isPositive();
        assertThat(received).as("packets the listener received in its receive slots (server counters %s)",
                media.counters()).isGreaterThanOrEqualTo(50);

        media.stageChanged(ROOM, Set.of()); // a moderator moved the speaker off stage
        Thread.sleep(300);
        long afterMute = listener.packetsReceived();
        Thread.sleep(1000);
        assertThat(listener.packetsReceived()).as("packets received in the second after the speaker left the stage")
                .isEqualTo(afterMute);
        assertThat(media.counters().get("dropped.forward.not-on-stage-or-muted")).isGreaterThanOrEqualTo(40L);
    }

    @Test
    void libwebrtc_reads_the_servers_rtcp_a_round_trip_time_for_the_speaker_and_sender_reports_for_the_listener()
            throws Exception {
        media.close();
        var transport = MediaConfig.defaults().withPort(0).withBindAddress(InetAddress.getLoopbackAddress())
                .withAdvertisedAddresses(List.of(InetAddress.getLoopbackAddress()));
        media = MediaServer.start(new MediaServer.Config(transport, DtlsConfig.defaults(), ForwardConfig.defaults())
                .withRtcpInterval(Duration.ofMillis(500)), (room, who) -> { });
        LibWebRtcPeer speaker = connect(SPEAKER);
        LibWebRtcPeer listener = connect(LISTENER);
        media.stageChanged(ROOM, Set.of(SPEAKER));
        speaker.startTone();

        // The RTT needs libwebrtc's own SR first (LSR/DLSR, RFC 3550 §6.4.1); it sends one every few seconds.
        RTCStats remoteInbound = awaitStats(speaker, RTCStatsType.REMOTE_INBOUND_RTP, "roundTripTime");
        log.info("speaker remote-inbound-rtp (from the server's report blocks): {}", remoteInbound.getAttributes());
        assertThat(((Number) remoteInbound.getAttributes().get("roundTripTime")).doubleValue())
                .as("round-trip time over loopback, seconds").isBetween(0.0, 0.5);
        assertThat(LibWebRtcPeer.number(remoteInbound.getAttributes().get("packetsLost"))).isZero();

        RTCStats remoteOutbound = awaitStats(listener, RTCStatsType.REMOTE_OUTBOUND_RTP, "packetsSent");
        log.info("listener remote-outbound-rtp (from the server's sender reports): {}", remoteOutbound.getAttributes());
        assertThat(listener.slotSsrcs).contains(LibWebRtcPeer.number(remoteOutbound.getAttributes().get("ssrc")));
        assertThat(LibWebRtcPeer.number(remoteOutbound.getAttributes().get("packetsSent"))).isPositive();
    }

    /** The first stats entry of {@code type} that has {@code attribute}, within two RTCP rounds of libwebrtc. */
    RTCStats awaitStats(LibWebRtcPeer peer, RTCStatsType type, String attribute) throws Exception {
        List<RTCStats> found = List.of();
        for (long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos(); System.nanoTime() < deadline; ) {
            found = LibWebRtcPeer.ofType(peer.stats(), type).stream()
                    .filter(s -> s.getAttributes().get(attribute) != null).toList();
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            Thread.sleep(250);
        }
        return fail("no %s stats with %s within 15 s; server counters %s", type, attribute, media.counters());
    }

    /** Waits until {@code counter} reaches {@code atLeast}; returns all counters. */
    Map<String, Long> awaitCounter(String counter, long atLeast) throws InterruptedException {
        Map<String, Long> counters = media.counters();
        for (long deadline = System.nanoTime() + STEP.toNanos();
                counters.get(counter) < atLeast && System.nanoTime() < deadline; counters = media.counters()) {
            Thread.sleep(50);
        }
        assertThat(counters.get(counter)).as("%s in %s", counter, counters).isGreaterThanOrEqualTo(atLeast);
        return counters;
    }
}
