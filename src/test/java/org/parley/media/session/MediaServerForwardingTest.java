package org.parley.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.MediaServer;
import org.parley.media.RoomCounters;
import org.parley.media.dtls.DtlsConfig;
import org.parley.media.forward.ForwardConfig;
import org.parley.media.ice.IceCredentials;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpWriter;
import org.parley.media.sdp.Offers;
import org.parley.media.transport.MediaConfig;

/**
 * The media server end to end with two independent DTLS/SRTP clients over real UDP: it answers
 * their offers, forwards the speaker's audio into the listener's receive slot, and stops the moment
 * the room state says the speaker may not send (a moderator's mute), not when the speaker's
 * browser agrees.
 */
@Timeout(20)
class MediaServerForwardingTest {

    static final String ROOM = "room1";
    static final long SPEAKER = 1;
    static final long LISTENER = 2;
    /** Opus silence packets the server sends into a slot whose speaker is cut (RoomMedia.SILENCE_FRAMES_ON_CUT). */
    static final int SILENCE_FRAMES = 2;
    static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");
    static final Pattern PORT = Pattern.compile("a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 (\\d+) typ host");
    static final Pattern SSRC = Pattern.compile("a=ssrc:(\\d+) cname:parley");

    MediaServer media;
    final List<UdpBrowser> browsers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        var transport = MediaConfig.defaults().withPort(0).withBindAddress(InetAddress.getLoopbackAddress())
                .withAdvertisedAddresses(List.of(InetAddress.getLoopbackAddress()))
                .withConsentTimeout(Duration.ofSeconds(5));
        media = MediaServer.start(new MediaServer.Config(transport, DtlsConfig.defaults(),
                ForwardConfig.defaults().withHonourVoiceActivity(false)), (room, who) -> { });
    }

    @AfterEach
    void stop() {
        browsers.forEach(UdpBrowser::close);
        media.close();
    }

    /** Offers like a browser, connects (ICE, DTLS, SRTP); returns the client and the slot SSRCs it was given. */
    record Leg(UdpBrowser browser, Set<Integer> slotSsrcs) {}

    Leg connect(long member) throws Exception {
        var dtls = new BrowserDtlsClient();
        String offer = Offers.chrome().replace("a=ice-ufrag:Kq3v", "a=ice-ufrag:" + UdpBrowser.UFRAG)
                .replace("a=ice-pwd:Hn2ytVuEIxf0kvN3M8WPmU1A", "a=ice-pwd:" + UdpBrowser.PWD)
                .replace("a=fingerprint:sha-256 " + "4A:".repeat(31) + "4A", "a=fingerprint:" + dtls.fingerprint().toSdp());
        var result = media.answer(ROOM, member, "connection-" + member, offer);
        assertThat(result).as(result.toString()).isInstanceOf(MediaServer.AnswerResult.Answer.class);
        String answer = ((MediaServer.AnswerResult.Answer) result).sdp();
        var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(find(PORT, answer)));
        var browser = new UdpBrowser(server, new IceCredentials(find(UFRAG, answer), find(PWD, answer)), dtls);
        browsers.add(browser);
        assertThat(browser.verifies(browser.check())).isTrue();
        browser.keepConsent(Duration.ofMillis(500));
        browser.handshake();
        Set<Integer> ssrcs = new HashSet<>();
        Matcher m = SSRC.matcher(answer);
        while (m.find()) {
            ssrcs.add((int) Long.parseLong(m.group(1)));
        }
        return new Leg(browser, ssrcs);
    }

    @Test
    void the_speakers_audio_reaches_the_listener_in_a_receive_slot_and_stops_at_once_when_muted() throws Exception {
        Leg speaker = connect(SPEAKER);
        Leg listener = connect(LISTENER);
        media.stageChanged(ROOM, Set.of(SPEAKER));
        Thread.sleep(200); // the server completes its side of the handshakes

        int received = 0;
        int slotSsrc = 0;
        int lastSeq = -1;
        int lastSent = -1;
        for (int seq = 0; seq < 50 && received < 10; seq++) {
            speaker.browser().sendRaw(speaker.browser().protectRtp(opus(seq, seq * 960L, 0x1111, 20)));
            byte[] got = listener.browser().receiveRtp(Duration.ofMillis(100));
            if (got != null) {
                var packet = new RtpPacket();
                assertThat(packet.wrap(got, 0, got.length)).isNull();
                assertThat(listener.slotSsrcs()).contains(packet.ssrc());
                // A packet may arrive after its 100 ms wait (a busy machine): then it is heard while the next
                // is awaited. Each is one the speaker sent, whole and in order.
                int sent = sentSequence(got[packet.payloadOffset()], seq);
                assertThat(sent).as("in order").isGreaterThan(lastSent);
                assertThat(Arrays.copyOfRange(got, packet.payloadOffset(), packet.payloadOffset() + packet.payloadLength()))
                        .isEqualTo(payload(sent));
                lastSent = sent;
                slotSsrc = packet.ssrc();
                lastSeq = packet.sequenceNumber();
                received++;
            }
        }
        assertThat(received).as("forwarded packets").isGreaterThanOrEqualTo(10);

        media.stageChanged(ROOM, Set.of()); // a moderator muted the speaker
        for (int seq = 100; seq < 120; seq++) {
            speaker.browser().sendRaw(speaker.browser().protectRtp(opus(seq, seq * 960L, 0x1111, 20)));
        }
        // The first packet after the mute is dropped, and the speaker's slot gets Opus silence at once, so the
        // listener's decoder goes quiet instead of concealing; then nothing.
        List<byte[]> after = new ArrayList<>();
        for (byte[] got; (got = listener.browser().receiveRtp(Duration.ofMillis(300))) != null; ) {
            after.add(got);
        }
        assertThat(after).as("only silence after the mute").hasSize(SILENCE_FRAMES);
        for (byte[] got : after) {
            var packet = new RtpPacket();
            assertThat(packet.wrap(got, 0, got.length)).isNull();
            assertThat(packet.ssrc()).isEqualTo(slotSsrc);
            assertThat(packet.sequenceNumber()).isEqualTo((lastSeq + 1) & 0xffff);
            assertThat(Arrays.copyOfRange(got, packet.payloadOffset(), got.length))
                    .containsExactly(0xF8, 0xFF, 0xFE);
            lastSeq = packet.sequenceNumber();
        }
        assertThat(media.counters()).containsEntry("dropped.forward.not-on-stage-or-muted", 20L)
                .containsEntry("leg.dropped.auth-failed", 0L)
                // muted packets are dropped from their clear header, without decrypting them
                .containsEntry("leg.rtp-undecrypted", 20L);
        assertThat(media.counters().get("leg.rtp-received")).isGreaterThanOrEqualTo(10L);
        RoomCounters room = media.roomCounters().get(ROOM);
        assertThat(room.forwarded()).isEqualTo(received);
        assertThat(room.silenceFramesSent()).isEqualTo(SILENCE_FRAMES);
        assertThat(room.dropped()).containsEntry("not-on-stage-or-muted", 20L).containsEntry("silence", 0L);
        assertThat(media.roomCounters()).containsOnlyKeys(ROOM);
        assertThatThrownBy(() -> media.roomCounters().put("other", room)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> room.dropped().put("silence", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_louder_speaker_taking_the_slot_is_preceded_by_silence_and_the_slot_stream_stays_continuous() throws Exception {
        media.close();
        var transport = MediaConfig.defaults().withPort(0).withBindAddress(InetAddress.getLoopbackAddress())
                .withAdvertisedAddresses(List.of(InetAddress.getLoopbackAddress()))
                .withConsentTimeout(Duration.ofSeconds(5));
        media = MediaServer.start(new MediaServer.Config(transport, DtlsConfig.defaults(),
                ForwardConfig.defaults().withHonourVoiceActivity(false).withSlots(1)), (room, who) -> { });
        Leg quiet = connect(SPEAKER);
        Leg loud = connect(3);
        Leg listener = connect(LISTENER);
        media.stageChanged(ROOM, Set.of(SPEAKER, 3L));
        Thread.sleep(200);

        List<RtpPacket> heard = new ArrayList<>();
        boolean loudHeard = false;
        // Payloads tell the speakers apart: payload(seq) repeats every 256 sequence numbers, so the quiet one
        // uses 0..119 and the loud one 138..247.
        for (int tick = 0; tick < 120 && !loudHeard; tick++) {
            quiet.browser().sendRaw(quiet.browser().protectRtp(opus(tick, tick * 960L, 0x1111, 60)));
            if (tick >= 10) { // 50 dB louder, after the quiet one held the slot for 200 ms
                loud.browser().sendRaw(loud.browser().protectRtp(opus(128 + tick, tick * 960L, 0x3333, 10)));
            }
            Thread.sleep(20);
            for (byte[] got; (got = listener.browser().receiveRtp(Duration.ofMillis(2))) != null; ) {
                var packet = new RtpPacket();
                assertThat(packet.wrap(got, 0, got.length)).isNull();
                heard.add(packet);
                loudHeard |= packet.payloadLength() == 60 && isLoud(got, packet);
            }
        }
        assertThat(loudHeard).as("the louder speaker took the slot").isTrue();

        int first = -1;
        for (int i = 0; i < heard.size(); i++) {
            if (heard.get(i).payloadLength() == 3) {
                first = i;
                break;
            }
        }
        assertThat(first).as("silence in the slot before the switch: " + heard.stream().map(h -> h.payloadLength() + (h.marker() ? "M" : "") + ":" + h.sequenceNumber()).toList() + media.roomCounters()).isPositive();
        assertThat(heard.get(first + 1).payloadLength()).isEqualTo(3);
        RtpPacket switched = heard.get(first + SILENCE_FRAMES);
        assertThat(switched.marker()).as("the new speaker's first packet is marked").isTrue();
        for (int i = 1; i < heard.size(); i++) {
            assertThat(heard.get(i).ssrc()).isEqualTo(heard.get(0).ssrc());
            assertThat(heard.get(i).sequenceNumber()).as("no gap, no repeat")
                    .isEqualTo((heard.get(i - 1).sequenceNumber() + 1) & 0xffff);
        }
        assertThat(media.roomCounters().get(ROOM).silenceFramesSent()).isEqualTo(SILENCE_FRAMES);
    }

    /** Which of the sequence numbers 0..{@code upTo} a payload was made for (its first byte is seq × 31 mod 256). */
    static int sentSequence(byte first, int upTo) {
        for (int seq = 0; seq <= upTo; seq++) {
            if (payload(seq)[0] == first) {
                return seq;
            }
        }
        return -1;
    }

    /** Whether a forwarded packet is the loud speaker's (its payload was made for a sequence number 138..247). */
    static boolean isLoud(byte[] got, RtpPacket packet) {
        for (int seq = 138; seq < 248; seq++) {
            if (Arrays.equals(got, packet.payloadOffset(), packet.payloadOffset() + 60, payload(seq), 0, 60)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_listener_is_not_forwarded_and_silence_is_not_forwarded() throws Exception {
        Leg speaker = connect(SPEAKER);
        Leg listener = connect(LISTENER);
        media.stageChanged(ROOM, Set.of(SPEAKER));
        Thread.sleep(200);
        for (int seq = 0; seq < 10; seq++) {
            listener.browser().sendRaw(listener.browser().protectRtp(opus(seq, seq * 960L, 0x2222, 20)));
            speaker.browser().sendRaw(speaker.browser().protectRtp(opus(seq, seq * 960L, 0x1111, 127)));
        }
        assertThat(speaker.browser().receiveRtp(Duration.ofMillis(300))).as("a listener's packets go nowhere").isNull();
        assertThat(listener.browser().receiveRtp(Duration.ofMillis(100))).as("silence goes nowhere").isNull();
        assertThat(media.counters().get("dropped.forward.silence")).isGreaterThanOrEqualTo(10L);
    }

    static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p + " in " + text).isTrue();
        return m.group(1);
    }

    static byte[] opus(int sequence, long timestamp, int ssrc, int level) {
        byte[] buf = new byte[200];
        int n = RtpWriter.writeHeader(buf, 0, false, 111, sequence, timestamp, ssrc);
        n += RtpWriter.writeOneByteExtensions(buf, 0, n, new int[] {1}, new byte[][] {{(byte) (0x80 | level)}});
        byte[] payload = payload(sequence);
        System.arraycopy(payload, 0, buf, n, payload.length);
        return Arrays.copyOf(buf, n + payload.length);
    }

    static byte[] payload(int sequence) {
        byte[] payload = new byte[60];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (sequence * 31 + i);
        }
        return payload;
    }
}
