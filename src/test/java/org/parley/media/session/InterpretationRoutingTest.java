package org.parley.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.media.session.MediaServerForwardingTest.ROOM;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.MediaServer;
import org.parley.media.dtls.DtlsConfig;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpWriter;
import org.parley.media.sdp.Offers;
import org.parley.media.session.MediaServerForwardingTest.Leg;
import org.parley.media.transport.MediaConfig;

/**
 * Interpretation channels in the media server, over real UDP with DTLS/SRTP clients: routing, not
 * mixing. Each sender tags its payload, so a listener can tell whose audio reached it and in which
 * receive slot (the floor's three, then the interpretation slot).
 */
@Timeout(30)
class InterpretationRoutingTest {

    static final long FLOOR_SPEAKER = 1;
    static final long RU_INTERPRETER = 2;
    static final long EN_INTERPRETER = 3;
    static final long RU_LISTENER = 4;
    static final long FLOOR_LISTENER = 5;
    static final long OLD_CLIENT = 6;

    MediaServer media;
    final List<UdpBrowser> browsers = new ArrayList<>();
    final Map<Long, Leg> legs = new HashMap<>();
    int seq;

    @BeforeEach
    void start() throws Exception {
        var transport = MediaConfig.defaults().withPort(0).withBindAddress(InetAddress.getLoopbackAddress())
                .withAdvertisedAddresses(List.of(InetAddress.getLoopbackAddress())).withConsentTimeout(Duration.ofSeconds(5));
        media = MediaServer.start(new MediaServer.Config(transport, DtlsConfig.defaults(), MediaServerForwardingTest.FORWARD),
                (room, who) -> { });
        for (long member : List.of(FLOOR_SPEAKER, RU_INTERPRETER, EN_INTERPRETER, FLOOR_LISTENER)) {
            legs.put(member, MediaServerForwardingTest.connect(media, browsers, member, Offers.chromeWithInterpretation(), null));
        }
        legs.put(RU_LISTENER, MediaServerForwardingTest.connect(media, browsers, RU_LISTENER,
                Offers.chromeWithInterpretation(), "ru"));
        legs.put(OLD_CLIENT, MediaServerForwardingTest.connect(media, browsers, OLD_CLIENT, Offers.chrome(), null));
        media.stageChanged(ROOM, Set.of(FLOOR_SPEAKER, RU_INTERPRETER, EN_INTERPRETER),
                Map.of(RU_INTERPRETER, "ru", EN_INTERPRETER, "en"));
        Thread.sleep(200); // the server completes its side of the handshakes
    }

    @AfterEach
    void stop() {
        browsers.forEach(UdpBrowser::close);
        media.close();
    }

    @Test
    void a_listener_of_a_language_hears_the_floor_and_that_interpreter_in_the_extra_slot_and_nobody_else_does() throws Exception {
        Map<Long, Map<Integer, Set<Integer>>> heard = round();

        assertThat(heard.get(RU_LISTENER)).as("tag → slot SSRCs").containsOnlyKeys((int) FLOOR_SPEAKER, (int) RU_INTERPRETER);
        assertThat(heard.get(RU_LISTENER).get((int) RU_INTERPRETER)).containsExactly(interpretationSlot(RU_LISTENER));
        assertThat(heard.get(RU_LISTENER).get((int) FLOOR_SPEAKER)).doesNotContain(interpretationSlot(RU_LISTENER));
        assertThat(heard.get(FLOOR_LISTENER)).containsOnlyKeys((int) FLOOR_SPEAKER);
        assertThat(heard.get(OLD_CLIENT)).as("a client without the slot hears the floor").containsOnlyKeys((int) FLOOR_SPEAKER);
        // Interpreters hear the floor only: not each other, not a listener's channel.
        assertThat(heard.get(RU_INTERPRETER)).containsOnlyKeys((int) FLOOR_SPEAKER);
        assertThat(heard.get(EN_INTERPRETER)).containsOnlyKeys((int) FLOOR_SPEAKER);
        assertThat(heard.get(FLOOR_SPEAKER)).as("the floor speaker hears no interpreter").isEmpty();
    }

    @Test
    void switching_language_takes_effect_on_the_next_packet_and_an_interpreter_cannot_listen_in() throws Exception {
        assertThat(media.listenIn(connection(RU_LISTENER), "en")).isEqualTo(MediaServer.ListenIn.LISTENING);
        assertThat(media.listenIn(connection(FLOOR_LISTENER), "ru")).isEqualTo(MediaServer.ListenIn.LISTENING);
        assertThat(media.listenIn(connection(OLD_CLIENT), "ru")).isEqualTo(MediaServer.ListenIn.NO_SLOT);
        assertThat(media.listenIn(connection(RU_INTERPRETER), "en")).isEqualTo(MediaServer.ListenIn.LISTENING);
        assertThat(media.listenIn("no-such-connection", "en")).isEqualTo(MediaServer.ListenIn.NO_LEG);

        Map<Long, Map<Integer, Set<Integer>>> heard = round();

        assertThat(heard.get(RU_LISTENER)).containsOnlyKeys((int) FLOOR_SPEAKER, (int) EN_INTERPRETER);
        assertThat(heard.get(FLOOR_LISTENER)).containsOnlyKeys((int) FLOOR_SPEAKER, (int) RU_INTERPRETER);
        assertThat(heard.get(OLD_CLIENT)).containsOnlyKeys((int) FLOOR_SPEAKER);
        assertThat(heard.get(RU_INTERPRETER)).as("kept on the floor").containsOnlyKeys((int) FLOOR_SPEAKER);

        assertThat(media.listenIn(connection(RU_LISTENER), null)).isEqualTo(MediaServer.ListenIn.LISTENING);
        assertThat(round().get(RU_LISTENER)).containsOnlyKeys((int) FLOOR_SPEAKER);
    }

    @Test
    void an_interpreter_moved_back_to_the_floor_is_heard_by_everyone_and_a_muted_one_by_nobody() throws Exception {
        media.stageChanged(ROOM, Set.of(FLOOR_SPEAKER, RU_INTERPRETER), Map.of()); // en muted, ru back on the floor

        Map<Long, Map<Integer, Set<Integer>>> heard = round();

        assertThat(heard.get(FLOOR_LISTENER)).containsOnlyKeys((int) FLOOR_SPEAKER, (int) RU_INTERPRETER);
        assertThat(heard.get(FLOOR_LISTENER).get((int) RU_INTERPRETER)).doesNotContain(interpretationSlot(FLOOR_LISTENER));
        assertThat(heard.get(OLD_CLIENT)).containsOnlyKeys((int) FLOOR_SPEAKER, (int) RU_INTERPRETER);
        assertThat(heard.get(RU_LISTENER)).containsOnlyKeys((int) FLOOR_SPEAKER, (int) RU_INTERPRETER);
        assertThat(heard.get(RU_LISTENER).get((int) RU_INTERPRETER)).as("now in a floor slot")
                .doesNotContain(interpretationSlot(RU_LISTENER));
        assertThat(heard.get(EN_INTERPRETER)).containsOnlyKeys((int) FLOOR_SPEAKER, (int) RU_INTERPRETER);
    }

    /** The connection object {@link MediaServerForwardingTest#connect} gave a member's leg (compared by identity). */
    static Object connection(long member) {
        return ("connection-" + member).intern();
    }

    /** The interpretation slot's SSRC of a member's leg: the last one its answer announced. */
    int interpretationSlot(long member) {
        return legs.get(member).slotSsrcs().stream().reduce((a, b) -> b).orElseThrow();
    }

    /**
     * Every sender sends 15 voiced packets tagged with its member id (interleaved, 20 ms apart); returns,
     * for each member, the tags it received mapped to the slot SSRCs they came in (silence frames aside).
     */
    Map<Long, Map<Integer, Set<Integer>>> round() throws Exception {
        for (int i = 0; i < 15; i++, seq++) {
            for (long sender : List.of(FLOOR_SPEAKER, RU_INTERPRETER, EN_INTERPRETER)) {
                UdpBrowser b = legs.get(sender).browser();
                b.sendRaw(b.protectRtp(tagged(seq, sender)));
            }
            Thread.sleep(20);
        }
        Thread.sleep(200);
        Map<Long, Map<Integer, Set<Integer>>> heard = new HashMap<>();
        for (var entry : legs.entrySet()) {
            Map<Integer, Set<Integer>> tags = new HashMap<>();
            for (byte[] got; (got = entry.getValue().browser().receiveRtp(Duration.ofMillis(50))) != null; ) {
                var packet = new RtpPacket();
                assertThat(packet.wrap(got, 0, got.length)).isNull();
                if (packet.payloadLength() == 3) {
                    continue; // Opus silence sent into a slot whose speaker was cut
                }
                tags.computeIfAbsent((int) got[packet.payloadOffset()], t -> new java.util.HashSet<>()).add(packet.ssrc());
            }
            heard.put(entry.getKey(), tags);
        }
        return heard;
    }

    /** A voiced Opus-like packet whose 40-byte payload is all {@code tag}. */
    static byte[] tagged(int sequence, long tag) {
        byte[] buf = new byte[200];
        int n = RtpWriter.writeHeader(buf, 0, false, 111, sequence & 0xffff, sequence * 960L, 0x1000 + (int) tag);
        n += RtpWriter.writeOneByteExtensions(buf, 0, n, new int[] {1}, new byte[][] {{(byte) (0x80 | 20)}});
        java.util.Arrays.fill(buf, n, n + 40, (byte) tag);
        return java.util.Arrays.copyOf(buf, n + 40);
    }
}
