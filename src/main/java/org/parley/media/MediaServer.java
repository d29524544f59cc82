package org.parley.media;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.media.dtls.DtlsConfig;
import org.parley.media.dtls.DtlsDropReason;
import org.parley.media.dtls.DtlsServer;
import org.parley.media.forward.DropCounters;
import org.parley.media.forward.ForwardConfig;
import org.parley.media.forward.SendPolicies;
import org.parley.media.forward.SendPolicy;
import org.parley.media.forward.SlotRewriter;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.sdp.AnswerParameters;
import org.parley.media.sdp.MediaOffer;
import org.parley.media.sdp.OfferParseResult;
import org.parley.media.sdp.OfferParser;
import org.parley.media.sdp.SdpAnswer;
import org.parley.media.session.CloseReason;
import org.parley.media.session.PeerHandler;
import org.parley.media.session.PeerSession;
import org.parley.media.session.RemotePeer;
import org.parley.media.transport.MediaConfig;
import org.parley.media.transport.UdpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley's media server (SFU): the one facade the rest of Parley uses (docs/media.md). It answers
 * a member's SDP offer with an audio leg on the node's single UDP port, forwards the loudest
 * speakers of each room to everyone else in it, and enforces the room state it hears as a
 * {@link StageListener}: only members on stage and unmuted are forwarded. It knows no feature: the
 * wiring feeds it the rooms' events and turns its {@link SpeakingNotifier} calls into bus events.
 */
public final class MediaServer implements StageListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaServer.class);

    /** Everything the media server is configured with; each part documents its own defaults. */
    public record Config(MediaConfig transport, DtlsConfig dtls, ForwardConfig forward, FanOutConfig fanOut,
                         Duration rtcpInterval) {

        /**
         * How often each leg gets the server's RTCP report (SR/RR + SDES): libwebrtc's audio interval,
         * RFC 3550 §6.2's minimum.
         */
        public static final Duration DEFAULT_RTCP_INTERVAL = Duration.ofSeconds(5);

        /** With {@link FanOutConfig#defaults()} and {@link #DEFAULT_RTCP_INTERVAL}. */
        public Config(MediaConfig transport, DtlsConfig dtls, ForwardConfig forward) {
            this(transport, dtls, forward, FanOutConfig.defaults(), DEFAULT_RTCP_INTERVAL);
        }

        public Config {
            if (rtcpInterval == null || rtcpInterval.toMillis() < RtcpTimer.TICKS_PER_INTERVAL) {
                throw new IllegalArgumentException("rtcpInterval must be at least " + RtcpTimer.TICKS_PER_INTERVAL + " ms");
            }
        }

        public Config withFanOut(FanOutConfig fanOut) {
            return new Config(transport, dtls, forward, fanOut, rtcpInterval);
        }

        public Config withRtcpInterval(Duration rtcpInterval) {
            return new Config(transport, dtls, forward, fanOut, rtcpInterval);
        }
    }

    /**
     * Who is speaking in a room changed (for the clients' speaking rings). Called on the packet thread
     * only when the set changes, at most a few times a second per room; it must not block.
     */
    @FunctionalInterface
    public interface SpeakingNotifier {
        void speaking(String roomId, Set<Long> members);
    }

    /** The answer to an offer, or why it was refused. */
    public sealed interface AnswerResult {
        record Answer(String sdp) implements AnswerResult {}

        record Refused(String reason) implements AnswerResult {}
    }

    private final Config config;
    private final UdpTransport transport;
    private final DtlsServer dtls;
    private final DropCounters dropCounters = new DropCounters();
    private final SendPolicies policies = new SendPolicies(dropCounters);
    private final Map<String, RoomMedia> rooms = new ConcurrentHashMap<>();
    private final SpeakingNotifier notifier;
    private final SecureRandom random = new SecureRandom();
    /** Per-leg counters of legs already closed, so node totals do not shrink when people leave. */
    private final Map<String, Long> closedLegTotals = new ConcurrentHashMap<>();
    private final RtcpTimer rtcp;
    /** The sender threads every room's fan-out runs on (see {@link SendShard}). */
    private final SendShard[] shards;

    private MediaServer(Config config, UdpTransport transport, DtlsServer dtls, SpeakingNotifier notifier) {
        this.config = config;
        this.transport = transport;
        this.dtls = dtls;
        this.notifier = notifier;
        this.shards = new SendShard[config.fanOut().senderThreads()];
        for (int k = 0; k < shards.length; k++) {
            shards[k] = new SendShard(k, config.fanOut().queuePackets(), transport.newSendBatch());
            shards[k].start();
        }
        this.rtcp = new RtcpTimer(config.rtcpInterval(), this::sessions);
    }

    private Iterable<PeerSession> sessions() {
        List<PeerSession> all = new java.util.ArrayList<>();
        for (RoomMedia room : rooms.values()) {
            for (RoomMedia.Leg leg : room.legs(l -> l.session != null)) {
                all.add(leg.session);
            }
        }
        return all;
    }

    public static MediaServer start(Config config, SpeakingNotifier notifier) throws IOException {
        UdpTransport transport = UdpTransport.start(config.transport());
        DtlsServer dtls = DtlsServer.create(config.dtls());
        log.info("Media server on UDP {} (candidates {}), {} sender thread(s), {} UDP stack", transport.localAddress(),
                transport.localCandidates(), config.fanOut().senderThreads(), transport.socketStack());
        return new MediaServer(config, transport, dtls, notifier);
    }

    /** What became of a listener's choice of interpretation channel ({@link #listenIn}). */
    public enum ListenIn {
        /** The leg now hears the floor and that language's interpreters (or the floor alone, for none). */
        LISTENING,
        /** The connection has no audio leg yet: pass the choice with its offer. */
        NO_LEG,
        /** The leg's offer had no interpretation slot (an older client): it hears the floor. */
        NO_SLOT
    }

    /**
     * Answers {@code member}'s offer for {@code roomId} with a new audio leg for {@code connection},
     * replacing that connection's previous leg (ICE restart, new device, reconnect), hearing the floor.
     */
    public AnswerResult answer(String roomId, long memberId, Object connection, String offerSdp) {
        return answer(roomId, memberId, connection, offerSdp, null);
    }

    /**
     * {@link #answer(String, long, Object, String)} for a leg that also hears the interpretation into
     * {@code listening} (null: the floor only); see {@link #listenIn}. A leg has the interpretation slot
     * when the offer has one receive slot more than {@link ForwardConfig#slots()} (docs/media.md).
     */
    public AnswerResult answer(String roomId, long memberId, Object connection, String offerSdp, String listening) {
        OfferParseResult parsed = OfferParser.parse(offerSdp);
        if (!parsed.isOk()) {
            return new AnswerResult.Refused(parsed.message());
        }
        MediaOffer offer = parsed.offer();
        closeLeg(connection);
        RoomMedia room = rooms.computeIfAbsent(roomId, this::newRoom);
        boolean interpretation = offer.slots().size() > config.forward().slots();
        int slots = interpretation ? config.forward().slots() + 1 : Math.min(config.forward().slots(), offer.slots().size());
        int[] ssrcs = new int[Math.max(1, slots)];
        for (int i = 0; i < ssrcs.length; i++) {
            int ssrc;
            do {
                ssrc = random.nextInt();
            } while (ssrc == 0 || contains(ssrcs, i, ssrc));
            ssrcs[i] = ssrc;
        }
        var leg = new RoomMedia.Leg(memberId, connection, offer.opusPayloadType(),
                offer.audioLevelExtensionId().orElse(0), new SlotRewriter(ssrcs, random, room.drops()), interpretation);
        leg.listening = channelFor(roomId, leg, listening);
        PeerSession session = PeerSession.open(transport, dtls,
                new RemotePeer(offer.remoteCredentials().ufrag(), offer.remoteCredentials().pwd(), offer.fingerprints()),
                "room " + roomId + " member " + memberId, new PeerHandler() {
                    @Override
                    public boolean admitEncrypted(RtpPacket header) {
                        return room.admitEncrypted(leg, header);
                    }

                    @Override
                    public void onRtp(RtpPacket packet) {
                        room.forward(leg, packet);
                    }

                    @Override
                    public void onClosed(CloseReason reason) {
                        retire(room, leg);
                        log.debug("Audio leg of member {} in room {} closed: {}", memberId, roomId, reason);
                    }
                });
        leg.session = session;
        room.add(leg);
        String answer = SdpAnswer.build(offer, new AnswerParameters(session.localCredentials(), dtls.fingerprint(),
                transport.localCandidates(), ssrcs, session.reportSsrc(), random.nextLong() & Long.MAX_VALUE));
        return new AnswerResult.Answer(answer);
    }

    /**
     * A listener picks what they hear: the floor alone ({@code language} null) or the floor and the
     * interpretation into {@code language}, effective on the next packet. The rooms feature checks that
     * the language is one of the room's and that the member is no interpreter; the media server still
     * keeps an interpreter's leg on the floor.
     */
    public ListenIn listenIn(Object connection, String language) {
        ListenIn result = ListenIn.NO_LEG;
        for (RoomMedia room : rooms.values()) {
            for (RoomMedia.Leg leg : room.legs(l -> l.connection == connection)) {
                leg.listening = channelFor(room.roomId, leg, language);
                result = leg.interpretationSlot ? ListenIn.LISTENING : ListenIn.NO_SLOT;
            }
        }
        return result;
    }

    private int channelFor(String roomId, RoomMedia.Leg leg, String language) {
        SendPolicy policy = policies.room(roomId);
        if (language == null || !leg.interpretationSlot || policy.interprets(leg.memberId)) {
            return SendPolicy.FLOOR;
        }
        return policy.channelOf(language);
    }

    /** Closes the audio leg of a connection (it left the room or closed). */
    public void closeLeg(Object connection) {
        for (RoomMedia room : rooms.values()) {
            room.legs(l -> l.connection == connection).forEach(l -> close(room, l));
        }
    }

    private RoomMedia newRoom(String roomId) {
        var drops = new DropCounters(dropCounters);
        return new RoomMedia(roomId, policies.room(roomId), config.forward(), System::nanoTime, drops, shards,
                members -> notifier.speaking(roomId, members));
    }

    @Override
    public void stageChanged(String roomId, Set<Long> senders, Map<Long, String> interpreters) {
        policies.stageChanged(roomId, senders, interpreters);
        RoomMedia room = rooms.get(roomId);
        if (room != null && !interpreters.isEmpty()) {
            // An interpreter hears the floor only: never their own channel, nor another language's.
            room.legs(l -> interpreters.containsKey(l.memberId)).forEach(l -> l.listening = SendPolicy.FLOOR);
        }
    }

    @Override
    public void participantLeft(String roomId, long memberId) {
        policies.participantLeft(roomId, memberId);
        RoomMedia room = rooms.get(roomId);
        if (room != null) {
            room.legs(l -> l.memberId == memberId).forEach(l -> close(room, l));
        }
    }

    @Override
    public void roomEnded(String roomId) {
        policies.roomEnded(roomId);
        RoomMedia room = rooms.remove(roomId);
        if (room != null) {
            room.legs(l -> true).forEach(l -> close(room, l));
        }
    }

    private void close(RoomMedia room, RoomMedia.Leg leg) {
        PeerSession session = leg.session;
        if (session != null) {
            session.close(); // its onClosed retires the leg
        } else {
            room.remove(leg);
        }
    }

    /** Takes a closed leg out of its room, keeping its counts in the node totals (exactly once). */
    private void retire(RoomMedia room, RoomMedia.Leg leg) {
        if (room.removeIfPresent(leg) && leg.session != null) {
            leg.session.counters().addTo(closedLegTotals);
        }
    }

    /** Node-wide counters for the metrics endpoint: transport, DTLS and forwarding drops by reason. */
    public Map<String, Long> counters() {
        Map<String, Long> all = new LinkedHashMap<>(transport.counters());
        all.putAll(dropCounters.snapshot());
        Map<String, Long> legs = new java.util.TreeMap<>(closedLegTotals);
        for (RoomMedia room : rooms.values()) {
            for (RoomMedia.Leg leg : room.legs(l -> l.session != null)) {
                leg.session.counters().addTo(legs);
            }
        }
        all.putAll(legs);
        all.put("dtls.completed", dtls.counters().completed());
        all.put("dtls.failed", dtls.counters().failedTotal());
        for (DtlsDropReason reason : DtlsDropReason.values()) {
            all.put("dropped.dtls." + reason.label(), dtls.counters().dropped(reason));
        }
        return all;
    }

    /** The one UDP port every leg uses. */
    public int port() {
        return transport.localAddress().getPort();
    }

    /**
     * Per-room forwarding totals of the rooms with media now (a room's entry goes when the room ends), as
     * an immutable map by room id; each room's drops are also in the node totals of {@link #counters()}.
     */
    public Map<String, RoomCounters> roomCounters() {
        Map<String, RoomCounters> out = new java.util.TreeMap<>();
        rooms.forEach((id, room) -> out.put(id, room.counters()));
        return java.util.Collections.unmodifiableMap(out);
    }

    public List<String> candidates() {
        return transport.localCandidates().stream().map(Object::toString).toList();
    }

    @Override
    public void close() {
        for (String roomId : List.copyOf(rooms.keySet())) {
            roomEnded(roomId);
        }
        rtcp.close();
        transport.close();
        for (SendShard shard : shards) {
            shard.stop();
        }
    }

    private static boolean contains(int[] values, int upTo, int value) {
        for (int i = 0; i < upTo; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
