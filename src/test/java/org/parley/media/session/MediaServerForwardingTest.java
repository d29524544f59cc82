package org.parley.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    static final ForwardConfig FORWARD = ForwardConfig.defaults().withHonourVoiceActivity(false);

    @BeforeEach
    void start() throws Exception {
        startMedia(FORWARD, MediaServer.Config.DEFAULT_RTCP_INTERVAL);
    }

    /** The UDP stack under test: auto (the native one here); {@link MediaServerForwardingNioTest} runs all on nio. */
    org.parley.media.udp.UdpStack.Choice stack() {
        return org.parley.media.udp.UdpStack.Choice.AUTO;
    }

    /** (Re)starts the server on a free loopback port with these forwarding and RTCP settings. */
    void startMedia(ForwardConfig forward, Duration rtcpInterval) throws java.io.IOException {
        if (media != null) {
            media.close();
        }
        var transport = MediaConfig.defaults().withPort(0).withBindAddress(InetAddress.getLoopbackAddress())
                .withAdvertisedAddresses(List.of(InetAddress.getLoopbackAddress()))
                .withConsentTimeout(Duration.ofSeconds(5)).withSocket(stack());
        media = MediaServer.start(new MediaServer.Config(transport, DtlsConfig.defaults(), forward)
                .withRtcpInterval(rtcpInterval), (room, who) -> { });
    }

    @AfterEach
    void stop() {
        browsers.forEach(UdpBrowser::close);
        media.close();
    }

    /**
     * A connected client (ICE, DTLS, SRTP) and the SSRCs its answer announced.
     *
     * @param slotSsrcs in SDP order: the server's report SSRC, then each receive slot's
     */
    record Leg(UdpBrowser browser, Set<Integer> slotSsrcs) {}

    /** Offers like a browser (three receive slots), connects; returns the client and its SSRCs. */
    Leg connect(long member) throws Exception {
        return connect(media, browsers, member, Offers.chrome(), null);
    }

    /**
     * Offers {@code offerTemplate} (an {@link Offers} shape) for {@code member} in {@link #ROOM} on connection
     * {@code "connection-" + member}, hearing {@code listening}'s interpretation (null: the floor), connects.
     */
    static Leg connect(MediaServer media, List<UdpBrowser> browsers, long member, String offerTemplate, String listening)
            throws Exception {
        var dtls = UdpBrowser.newDtlsClient();
        String offer = offerTemplate.replace("a=ice-ufrag:Kq3v", "a=ice-ufrag:" + UdpBrowser.UFRAG)
                .replace("a=ice-pwd:Hn2ytVuEIxf0kvN3M8WPmU1A", "a=ice-pwd:" + UdpBrowser.PWD)
                .replace("a=fingerprint:sha-256 " + "4A:".repeat(31) + "4A", "a=fingerprint:" + dtls.fingerprint().toSdp());
        var result = media.answer(ROOM, member, ("connection-" + member).intern() /* one object per member: legs are found by identity */, offer, listening);
        assertThat(result).as(result.toString()).isInstanceOf(MediaServer.AnswerResult.Answer.class);
        String answer = ((MediaServer.AnswerResult.Answer) result).sdp();
        var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(find(PORT, answer)));
        var browser = new UdpBrowser(server, new IceCredentials(find(UFRAG, answer), find(PWD, answer)), dtls);
        browsers.add(browser);
        assertThat(browser.verifies(browser.check())).isTrue();
        browser.keepConsent(Duration.ofMillis(500));
        browser.handshake();
        Set<Integer> ssrcs = new LinkedHashSet<>();
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
        startMedia(FORWARD.withSlots(1), MediaServer.Config.DEFAULT_RTCP_INTERVAL);
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

    @Test
    void every_leg_gets_the_servers_own_rtcp_reports_at_the_configured_interval() throws Exception {
        startMedia(FORWARD, Duration.ofMillis(200));
        Leg speaker = connect(SPEAKER);
        Leg listener = connect(LISTENER);
        media.stageChanged(ROOM, Set.of(SPEAKER));
        Thread.sleep(200);
        for (int seq = 0; seq < 20; seq++) {
            speaker.browser().sendRaw(speaker.browser().protectRtp(opus(seq, seq * 960L, 0x1111, 20)));
        }

        var compound = new org.parley.media.rtcp.RtcpCompound();
        byte[] toListener = awaitReport(listener, org.parley.media.rtcp.RtcpPacketType.SR);
        assertThat(compound.wrap(toListener, 0, toListener.length)).isNull();
        assertThat(compound.next()).isTrue();
        assertThat(listener.slotSsrcs()).as("an SR for the slot it hears the speaker in")
                .contains(compound.senderReport().senderSsrc());
        assertThat(compound.senderReport().packetCount()).isPositive();

        byte[] toSpeaker = awaitReport(speaker, org.parley.media.rtcp.RtcpPacketType.RR);
        assertThat(compound.wrap(toSpeaker, 0, toSpeaker.length)).isNull();
        assertThat(compound.next()).isTrue();
        assertThat(compound.receiverReport().reports()).as("a report block on the speaker's stream")
                .singleElement().satisfies(b -> {
                    assertThat(b.ssrc()).isEqualTo(0x1111);
                    assertThat(b.cumulativeLost()).isZero();
                });
        assertThat(speaker.browser().receiveRtcp(Duration.ofSeconds(2))).as("and again, an interval later").isNotNull();
    }

    @Test
    @Timeout(90)
    void a_flood_of_hostile_datagrams_is_counted_keeps_no_state_and_the_room_still_talks() throws Exception {
        Leg speaker = connect(SPEAKER);
        Leg listener = connect(LISTENER);
        media.stageChanged(ROOM, Set.of(SPEAKER));
        Thread.sleep(200);
        var random = new java.util.Random(4);
        byte[] valid = speaker.browser().protectRtp(opus(1, 960, 0x1111, 20));
        var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), media.port());
        try (var strangers = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            flood(random, valid, speaker, strangers, server, 20_000); // warms up every path
            long heapBefore = usedHeapAfterGc();
            long countedBefore = dropsCounted();
            int sent = flood(random, valid, speaker, strangers, server, 100_000);
            awaitCounted(countedBefore + sent * 99L / 100);
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            assertThat(heapGrowth).as("heap kept after %d hostile datagrams (counters %s)", sent, media.counters())
                    .isLessThan(4L << 20);
        }
        assertThat(media.counters()).containsEntry("dropped.handler-error", 0L);

        // The legs survived: the speaker is still heard.
        int heard = 0;
        for (int seq = 1000; seq < 1050 && heard < 5; seq++) {
            speaker.browser().sendRaw(speaker.browser().protectRtp(opus(seq, seq * 960L, 0x1111, 20)));
            if (listener.browser().receiveRtp(Duration.ofMillis(100)) != null) {
                heard++;
            }
        }
        assertThat(heard).as("packets forwarded after the flood").isGreaterThanOrEqualTo(5);
    }

    /**
     * Sends {@code count} hostile datagrams, half from the speaker's own (ICE-validated) address and half
     * from a stranger: random bytes in every RFC 7983 range, truncated DTLS records, STUN checks with a
     * wrong integrity, RTP with lengths that lie, and the speaker's SRTP with a flipped tag bit or replayed.
     * Sent in bursts that wait for the server to count the previous ones, so the kernel's socket buffer
     * (on a busy machine) never drops what the server should count.
     */
    int flood(java.util.Random random, byte[] valid, Leg speaker, java.net.DatagramSocket strangers,
              InetSocketAddress server, int count) throws Exception {
        long counted = dropsCounted();
        for (int i = 0; i < count; i++) {
            byte[] d = switch (i % 5) {
                case 0 -> randomBytes(random, 1 + random.nextInt(300), random.nextInt(256));
                case 1 -> randomBytes(random, 1 + random.nextInt(12), 20 + random.nextInt(44)); // truncated DTLS
                case 2 -> badStunCheck(random);
                case 3 -> randomBytes(random, random.nextInt(40), 0x80); // RTP whose header lengths lie
                default -> {
                    byte[] copy = valid.clone();
                    if (random.nextBoolean()) {
                        copy[copy.length - 1 - random.nextInt(16)] ^= (byte) (1 << random.nextInt(8)); // bad tag
                    }
                    yield copy; // unchanged: a replay
                }
            };
            if (i % 2 == 0) {
                speaker.browser().sendRaw(d);
            } else {
                strangers.send(new java.net.DatagramPacket(d, d.length, server));
            }
            if (i % FLOOD_BURST == FLOOD_BURST - 1) {
                long target = counted + i + 1 - FLOOD_BURST;
                for (long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                        dropsCounted() < target && System.nanoTime() < deadline; ) {
                    Thread.sleep(1);
                }
            }
        }
        return count;
    }

    /** Hostile datagrams in flight at most: far below what an 8 MiB socket buffer holds. */
    static final int FLOOD_BURST = 1_000;

    static byte[] randomBytes(java.util.Random random, int length, int first) {
        byte[] d = new byte[Math.max(1, length)];
        random.nextBytes(d);
        d[0] = (byte) first;
        return d;
    }

    /** A binding request with a ufrag nobody owns or a wrong MESSAGE-INTEGRITY. */
    static byte[] badStunCheck(java.util.Random random) {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return org.parley.media.stun.StunMessageBuilder.create(org.parley.media.stun.StunMessageType.BINDING_REQUEST, id)
                .username("nobody" + random.nextInt(1000) + ":" + UdpBrowser.UFRAG)
                .priority(1)
                .iceControlling(random.nextLong())
                .messageIntegrity(org.parley.media.stun.MessageIntegrity.shortTermKey("wrong-password-" + random.nextInt()))
                .fingerprint()
                .build();
    }

    long dropsCounted() {
        return media.counters().entrySet().stream().filter(e -> e.getKey().contains("dropped"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    void awaitCounted(long atLeast) throws InterruptedException {
        for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                dropsCounted() < atLeast && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
        }
        assertThat(dropsCounted()).as("drops counted (counters %s)", media.counters()).isGreaterThanOrEqualTo(atLeast);
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the least of a few full collections: one may race a thread's allocation
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** The first report of {@code type} a leg receives within 3 s (earlier ones may predate the audio). */
    static byte[] awaitReport(Leg leg, int type) throws InterruptedException {
        var compound = new org.parley.media.rtcp.RtcpCompound();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            byte[] report = leg.browser().receiveRtcp(Duration.ofMillis(500));
            if (report != null && compound.wrap(report, 0, report.length) == null && compound.next()
                    && compound.packetType() == type && (type != org.parley.media.rtcp.RtcpPacketType.RR
                    || !compound.receiverReport().reports().isEmpty())) {
                return report;
            }
        }
        throw new AssertionError("no RTCP packet type " + type + " within 3 s");
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
