package org.parley.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.client.DtlsClient;
import org.parley.media.dtls.DtlsConfig;
import org.parley.media.dtls.DtlsFailure;
import org.parley.media.dtls.DtlsFingerprint;
import org.parley.media.dtls.DtlsServer;
import org.parley.media.rtcp.ReportBlock;
import org.parley.media.rtcp.RtcpCompound;
import org.parley.media.rtcp.RtcpPacketType;
import org.parley.media.rtcp.RtcpWriter;
import org.parley.media.rtcp.SdesChunk;
import org.parley.media.rtcp.SenderReport;
import org.parley.media.rtp.AudioLevel;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpWriter;
import org.parley.media.stun.StunMessage;
import org.parley.media.stun.StunMessageType;
import org.parley.media.transport.MediaConfig;
import org.parley.media.transport.UdpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole leg on 127.0.0.1: the real transport on port 0, a DTLS server and a {@link PeerSession}, driven
 * by {@link UdpBrowser}, an independent client on its own UDP socket (ICE checks, bctls DTLS client, SRTP
 * in the client role).
 */
@Timeout(10)
class PeerSessionLoopbackTest {

    private static final Logger log = LoggerFactory.getLogger(PeerSessionLoopbackTest.class);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Short, so the consent test ends quickly; the browser refreshes consent every 200 ms meanwhile. */
    private static final Duration CONSENT_TIMEOUT = Duration.ofSeconds(1);
    private static final int AUDIO_LEVEL_ID = 1;
    private static final int OPUS = 111;
    private static final int BROWSER_SSRC = 0x1234_abcd;
    private static final int SFU_SSRC = 0x5f00_0001;

    private static DtlsServer dtlsServer;

    private final Recorder handler = new Recorder();
    private UdpTransport transport;
    private UdpBrowser browser;
    private PeerSession session;

    @BeforeAll
    static void certificate() {
        dtlsServer = DtlsServer.create(DtlsConfig.defaults());
    }

    @BeforeEach
    void start() throws IOException {
        transport = UdpTransport.start(MediaConfig.defaults().withPort(0).withBindAddress(LOOPBACK)
                .withConsentTimeout(CONSENT_TIMEOUT));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (session != null) {
            session.close();
        }
        transport.close();
    }

    @Test
    void a_browser_that_passes_ice_and_dtls_exchanges_audio_both_ways() throws Exception {
        connect();

        for (int i = 0; i < 10; i++) {
            browser.sendRaw(browser.protectRtp(opus(1000 + i, 48_000L + 960L * i, BROWSER_SSRC, 30 + i)));
        }
        for (int i = 0; i < 10; i++) {
            Received got = handler.rtp.poll(2, TimeUnit.SECONDS);
            assertThat(got).as("packet %d", i).isNotNull();
            assertThat(got.sequence).isEqualTo(1000 + i);
            assertThat(got.ssrc).isEqualTo(BROWSER_SSRC);
            assertThat(got.payloadType).isEqualTo(OPUS);
            assertThat(got.timestamp).isEqualTo(48_000L + 960L * i);
            assertThat(AudioLevel.level(got.audioLevel)).isEqualTo(30 + i);
            assertThat(got.payload).isEqualTo(payload(1000 + i));
        }

        for (int i = 0; i < 5; i++) {
            byte[] plain = opus(7 + i, 960L * i, SFU_SSRC, 40);
            assertThat(session.sendRtp(plain, 0, plain.length)).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            byte[] plain = browser.receiveRtp(Duration.ofSeconds(2));
            assertThat(plain).as("packet %d at the browser", i).isNotNull();
            RtpPacket view = new RtpPacket();
            assertThat(view.wrap(plain, 0, plain.length)).isNull();
            assertThat(view.sequenceNumber()).isEqualTo(7 + i);
            assertThat(view.ssrc()).isEqualTo(SFU_SSRC);
            assertThat(Arrays.copyOfRange(plain, view.payloadOffset(), view.payloadOffset() + view.payloadLength()))
                    .isEqualTo(payload(7 + i));
        }

        assertThat(session.counters().rtpReceived()).isEqualTo(10);
        assertThat(session.counters().rtpSent()).isEqualTo(5);
        assertThat(session.state()).isEqualTo(PeerState.CONNECTED);
    }

    @Test
    void rtcp_from_the_browser_ends_at_its_leg_and_notes_cname_and_bye() throws Exception {
        connect();
        byte[] compound = new byte[200];
        int n = RtcpWriter.writeReceiverReport(compound, 0, BROWSER_SSRC, List.of());
        n += RtcpWriter.writeSdesCname(compound, n, BROWSER_SSRC, "browser-cname");
        n += RtcpWriter.writeBye(compound, n, BROWSER_SSRC);
        browser.sendRaw(browser.protectRtcp(Arrays.copyOf(compound, n)));

        awaitTrue(() -> session.counters().rtcpReceived() == 1);
        assertThat(handler.byes.poll(2, TimeUnit.SECONDS)).containsExactly(BROWSER_SSRC);
        assertThat(session.remoteCname()).isEqualTo("browser-cname");
        assertThat(handler.rtp).as("RTCP is not handed on as media").isEmpty();
    }

    @Test
    void the_server_reports_what_it_sent_and_what_it_lost_of_the_browsers_stream_in_its_own_rtcp() throws Exception {
        connect();
        for (int i = 0; i < 10; i++) {
            if (i != 4) { // one packet lost on the way up
                browser.sendRaw(browser.protectRtp(opus(500 + i, 960L * i, BROWSER_SSRC, 30)));
            }
        }
        awaitTrue(() -> session.counters().rtpReceived() == 9);
        byte[] sr = new byte[100];
        int srLength = RtcpWriter.writeSenderReport(sr, 0, BROWSER_SSRC, 0x0102_0304_0506_0708L, 960L * 9, 9, 540,
                List.of());
        browser.sendRaw(browser.protectRtcp(Arrays.copyOf(sr, srLength)));
        awaitTrue(() -> session.counters().rtcpReceived() == 1);
        for (int i = 0; i < 5; i++) {
            byte[] plain = opus(7 + i, 90_000L + 960L * i, SFU_SSRC, 40);
            assertThat(session.sendRtp(plain, 0, plain.length)).isTrue();
        }

        assertThat(session.sendReports()).isTrue();
        byte[] report = browser.receiveRtcp(Duration.ofSeconds(2));
        assertThat(report).as("the server's RTCP compound").isNotNull();
        RtcpCompound compound = new RtcpCompound();
        assertThat(compound.wrap(report, 0, report.length)).isNull();

        assertThat(compound.next()).isTrue();
        assertThat(compound.packetType()).as("RFC 3550 §6.1: an SR first").isEqualTo(RtcpPacketType.SR);
        SenderReport server = compound.senderReport();
        assertThat(server.senderSsrc()).isEqualTo(SFU_SSRC);
        assertThat(server.packetCount()).isEqualTo(5);
        assertThat(server.octetCount()).as("payload octets only").isEqualTo(5 * 60);
        assertThat(server.rtpTimestamp()).as("the last packet's timestamp, moved on by the time since")
                .isBetween(90_000L + 960L * 4, 90_000L + 960L * 4 + 48_000L);
        assertThat(server.reports()).hasSize(1);
        ReportBlock block = server.reports().get(0);
        assertThat(block.ssrc()).isEqualTo(BROWSER_SSRC);
        assertThat(block.extendedHighestSequence()).isEqualTo(509);
        assertThat(block.cumulativeLost()).isEqualTo(1);
        // RFC 3550 App. A.1: the first packet only starts the source's probation, so 9 are expected.
        assertThat(block.fractionLost()).as("1 of 9 in 1/256ths").isEqualTo(256 / 9);
        assertThat(block.lastSenderReport()).as("LSR: the middle 32 bits of the browser's SR").isEqualTo(0x0304_0506L);

        assertThat(compound.next()).isTrue();
        assertThat(compound.packetType()).isEqualTo(RtcpPacketType.SDES);
        assertThat(compound.sdes()).extracting(SdesChunk::ssrc).containsExactly(SFU_SSRC);
        assertThat(compound.next()).isFalse();
        assertThat(session.counters().rtcpSent()).isEqualTo(1);
    }

    @Test
    void a_tampered_or_replayed_packet_is_counted_and_not_delivered() throws Exception {
        connect();
        byte[] tampered = browser.protectRtp(opus(1, 0, BROWSER_SSRC, 30));
        tampered[tampered.length - 20] ^= 0x01; // a payload bit: the tag no longer matches
        browser.sendRaw(tampered);
        byte[] good = browser.protectRtp(opus(2, 960, BROWSER_SSRC, 30));
        browser.sendRaw(good);
        browser.sendRaw(good); // RFC 3711 §3.3.2: the same index again

        Received delivered = handler.rtp.poll(2, TimeUnit.SECONDS);
        assertThat(delivered.sequence).isEqualTo(2);
        awaitTrue(() -> session.counters().dropped(PeerDropReason.REPLAY) == 1);
        assertThat(session.counters().dropped(PeerDropReason.AUTH_FAILED)).isEqualTo(1);
        assertThat(handler.rtp).isEmpty();
        assertThat(session.counters().rtpReceived()).isEqualTo(1);
    }

    @Test
    void media_before_the_handshake_is_dropped_and_counted() throws Exception {
        DtlsClient client = UdpBrowser.newDtlsClient();
        open(client, List.of(client.fingerprint()));
        iceCheck();
        byte[] early = opus(1, 0, BROWSER_SSRC, 30); // SRTP-looking, but there are no keys to check it
        browser.sendRaw(early);
        awaitTrue(() -> session.counters().dropped(PeerDropReason.BEFORE_KEYS) == 1);
        byte[] out = opus(1, 0, SFU_SSRC, 30);
        assertThat(session.sendRtp(out, 0, out.length)).isFalse();
        assertThat(session.counters().dropped(PeerDropReason.SEND_NOT_CONNECTED)).isEqualTo(1);

        dtlsHandshake();
        browser.sendRaw(browser.protectRtp(opus(2, 960, BROWSER_SSRC, 30)));
        assertThat(handler.rtp.poll(2, TimeUnit.SECONDS).sequence).isEqualTo(2);
        assertThat(handler.rtp).isEmpty();
    }

    @Test
    void a_browser_that_goes_silent_is_closed_when_consent_expires() throws Exception {
        connect();
        browser.close(); // no close_notify, no more checks: the tab crashed

        assertThat(handler.closed.get(4, TimeUnit.SECONDS)).isEqualTo(CloseReason.CONSENT_EXPIRED);
        assertThat(session.state()).isEqualTo(PeerState.CLOSED);
        assertThat(session.selectedAddress()).isNull();
        byte[] out = opus(1, 0, SFU_SSRC, 30);
        assertThat(session.sendRtp(out, 0, out.length)).isFalse();
        assertThat(handler.closeCount()).isEqualTo(1);
    }

    @Test
    void a_client_certificate_not_in_the_offer_fails_the_handshake_and_closes_the_session() throws Exception {
        DtlsFingerprint offered = UdpBrowser.newDtlsClient().fingerprint();
        open(UdpBrowser.newDtlsClient(), List.of(offered)); // the handshake presents another certificate
        iceCheck();

        assertThatThrownBy(browser::handshake).isInstanceOf(IOException.class);
        assertThat(handler.closed.get(4, TimeUnit.SECONDS)).isEqualTo(CloseReason.HANDSHAKE_FAILED);
        assertThat(session.dtlsFailure()).isEqualTo(DtlsFailure.FINGERPRINT_MISMATCH);
        assertThat(session.state()).isEqualTo(PeerState.CLOSED);
    }

    // --- the steps of a connection ---

    private void connect() throws Exception {
        DtlsClient client = UdpBrowser.newDtlsClient();
        open(client, List.of(client.fingerprint()));
        iceCheck();
        dtlsHandshake();
    }

    /** Signalling's part: the offer's ICE credentials and fingerprints go to a new session. */
    private void open(DtlsClient client, List<DtlsFingerprint> offered) throws IOException {
        session = PeerSession.open(transport, dtlsServer, new RemotePeer(UdpBrowser.UFRAG, UdpBrowser.PWD,
                offered), "room-1/participant-1", handler);
        assertThat(session.state()).isEqualTo(PeerState.CONNECTING);
        browser = new UdpBrowser(serverAddress(), session.localCredentials(), client);
    }

    private void iceCheck() throws Exception {
        StunMessage answer = browser.check();
        assertThat(answer.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThat(browser.verifies(answer)).isTrue();
        awaitTrue(() -> session.state() == PeerState.DTLS);
        browser.keepConsent(Duration.ofMillis(200));
    }

    private void dtlsHandshake() throws Exception {
        long start = System.nanoTime();
        browser.handshake();
        handler.connected.get(4, TimeUnit.SECONDS);
        long clientMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(session.state()).isEqualTo(PeerState.CONNECTED);
        assertThat(session.handshakeDuration()).isNotNull();
        log.info("DTLS handshake: client {} ms, server {} ms, {}", clientMillis,
                session.handshakeDuration().toMillis(), browser.profile());
    }

    private InetSocketAddress serverAddress() {
        return new InetSocketAddress(LOOPBACK, transport.localAddress().getPort());
    }

    // --- packets ---

    /** An Opus-like packet: PT 111, one 20 ms frame (960 ticks at 48 kHz), RFC 6464 audio level. */
    private static byte[] opus(int sequence, long timestamp, int ssrc, int level) {
        byte[] buf = new byte[200];
        int n = RtpWriter.writeHeader(buf, 0, false, OPUS, sequence, timestamp, ssrc);
        n += RtpWriter.writeOneByteExtensions(buf, 0, n, new int[] {AUDIO_LEVEL_ID},
                new byte[][] {{(byte) (0x80 | level)}});
        byte[] payload = payload(sequence);
        System.arraycopy(payload, 0, buf, n, payload.length);
        return Arrays.copyOf(buf, n + payload.length);
    }

    private static byte[] payload(int sequence) {
        byte[] payload = new byte[60];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (sequence * 31 + i);
        }
        return payload;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(10);
        }
    }

    private record Received(int sequence, int ssrc, int payloadType, long timestamp, int audioLevel, byte[] payload) {
    }

    /** Copies what the session hands over, since the view is reused. */
    private static final class Recorder implements PeerHandler {
        final LinkedBlockingQueue<Received> rtp = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<List<Integer>> byes = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        private final List<CloseReason> closes = new CopyOnWriteArrayList<>();

        @Override
        public void onRtp(RtpPacket packet) {
            byte[] payload = Arrays.copyOfRange(packet.buffer(), packet.payloadOffset(),
                    packet.payloadOffset() + packet.payloadLength());
            rtp.add(new Received(packet.sequenceNumber(), packet.ssrc(), packet.payloadType(), packet.timestamp(),
                    AudioLevel.find(packet, AUDIO_LEVEL_ID), payload));
        }

        @Override
        public void onConnected() {
            connected.complete(null);
        }

        @Override
        public void onBye(List<Integer> ssrcs) {
            byes.add(new ArrayList<>(ssrcs));
        }

        @Override
        public void onClosed(CloseReason reason) {
            closes.add(reason);
            closed.complete(reason);
        }

        int closeCount() {
            return closes.size();
        }
    }
}
