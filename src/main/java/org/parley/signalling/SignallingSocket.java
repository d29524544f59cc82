package org.parley.signalling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.accounts.Authenticator;
import org.parley.accounts.Member;
import org.parley.accounts.MemberStore;
import org.parley.media.MediaServer;
import org.parley.media.TurnConfig;
import org.parley.rooms.Command;
import org.parley.rooms.Room;
import org.parley.rooms.Rooms;
import org.parley.social.FollowStore;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.parley.web.Csrf;
import org.parley.web.ProblemException;
import org.parley.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WebSocket per client session ({@code /ws}, protocol in docs/protocol.md): authenticated by
 * the session cookie at the upgrade, with the Origin checked against cross-site WebSocket hijacking.
 * Room commands are handed to the room's executor and answered with {@code ack} or {@code error};
 * room state reaches the client as {@code snapshot} and {@code delta} messages in version order.
 */
public final class SignallingSocket {

    private static final Logger log = LoggerFactory.getLogger(SignallingSocket.class);
    static final int PROTOCOL_VERSION = 1;
    /** Longest client message; commands are tiny. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /**
     * Frames queued for one client before further sends to it fail: a stalled client cannot grow the
     * server's memory; it misses deltas, sees the version gap and resyncs with {@code join since}.
     */
    public static final int MAX_QUEUED_FRAMES = 1024;
    /** A command that a room has not answered in this time is reported as failed. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Hallway change notices are coalesced to at most one per this interval. */
    static final Duration HALLWAY_NOTICE_INTERVAL = Duration.ofMillis(500);
    /** RFC 6455 §7.4.1: 1001, going away — the node is stopping; clients reconnect at once. */
    static final int GOING_AWAY = 1001;
    /** Longest a stopping node waits for its 1001 close frames to go out. */
    static final Duration GOING_AWAY_WAIT = Duration.ofSeconds(2);
    private static final String CONNECTION = "parley.connection";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Authenticator auth;
    private final Csrf csrf;
    private final Rooms rooms;
    private final Database db;
    private final MemberStore members;
    private final FollowStore follows;
    private final Map<Long, Set<Connection>> byMember = new ConcurrentHashMap<>();
    private final AtomicBoolean hallwayNoticePending = new AtomicBoolean();
    /** Set once the node stops: no new connections, and every open one is closed with 1001. */
    private volatile boolean goingAway;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("signalling-hallway").factory());

    private final MediaServer media;
    private final TurnConfig turn;
    private final RoomMoves moves;

    public SignallingSocket(Authenticator auth, Csrf csrf, Rooms rooms, Database db, MemberStore members, FollowStore follows,
                            MediaServer media, TurnConfig turn) {
        this.media = media;
        this.turn = turn;
        this.auth = auth;
        this.csrf = csrf;
        this.rooms = rooms;
        this.db = db;
        this.members = members;
        this.follows = follows;
        this.moves = new RoomMoves(rooms, media);
    }

    public void routes(RoutesConfig routes) {
        routes.wsBeforeUpgrade("/ws", this::beforeUpgrade);
        routes.ws("/ws", ws -> {
            ws.onConnect(this::onConnect);
            ws.onMessage(this::onMessage);
            ws.onBinaryMessage(this::onBinaryMessage);
            ws.onClose(this::onClose);
            ws.onError(ctx -> log.debug("WebSocket error for member {}: {}", memberOf(ctx), String.valueOf(ctx.error())));
        });
    }

    private void beforeUpgrade(Context ctx) {
        ProblemException refusal = upgradeRefusal(ctx);
        if (refusal != null) {
            // Javalin renders no body for a WebSocket request it does not upgrade: write the problem
            // here, and skip the upgrade.
            Problems.writeNow(ctx, refusal);
            ctx.skipRemainingHandlers();
        }
    }

    private ProblemException upgradeRefusal(Context ctx) {
        if (goingAway) {
            return new ProblemException(503, "unavailable", "Service unavailable", "The server is restarting; try again shortly");
        }
        if (!csrf.originAllowed(ctx)) {
            return new ProblemException(403, "csrf_invalid", "Request refused", "Cross-site WebSocket refused");
        }
        try {
            return auth.resolve(ctx).isPresent() ? null : ProblemException.unauthenticated();
        } catch (StorageException e) {
            return new ProblemException(503, "unavailable", "Service unavailable", "The database is not answering; try again shortly");
        }
    }

    private void onConnect(WsConnectContext ctx) {
        Member member = ctx.attribute(Authenticator.MEMBER_ATTR);
        if (member == null) {
            ctx.closeSession(4401, "unauthenticated");
            return;
        }
        if (goingAway) { // upgraded just as the node began to stop
            ctx.closeSession(GOING_AWAY, "server shutting down");
            return;
        }
        ctx.session.setIdleTimeout(Duration.ofMinutes(2));
        ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
        var conn = new Connection(ctx.session, member, new FloodGuard());
        ctx.attribute(CONNECTION, conn);
        byMember.computeIfAbsent(member.id(), id -> ConcurrentHashMap.newKeySet()).add(conn);
        ObjectNode hello = JSON.createObjectNode().put("type", "hello").put("protocol", PROTOCOL_VERSION);
        hello.putObject("member").put("id", member.id()).put("username", member.username())
                .put("displayName", member.displayName());
        // ICE servers for RTCPeerConnection: TURN relays when configured (docs/media.md); Parley
        // itself is reached directly (ICE-lite, host candidates), so there is no STUN server here.
        var iceServers = hello.putArray("iceServers");
        if (turn.enabled()) {
            iceServers.add(JSON.valueToTree(turn.credentialsFor(member.id(), java.time.Instant.now())));
        }
        conn.send(hello.toString());
        if (goingAway) { // stopping began while this connection registered: it was not among those closed
            conn.close(GOING_AWAY, "server shutting down");
        }
    }

    private void onMessage(WsMessageContext ctx) {
        Connection conn = ctx.attribute(CONNECTION);
        if (conn == null) {
            return;
        }
        String text = ctx.message();
        ClientMessage msg = text.length() > MAX_MESSAGE_BYTES ? new ClientMessage.Bad(null, "Message too large")
                : ClientMessage.parse(text, conn.member.id());
        if (conn.admit(msg.id())) {
            conn.reply(answer(conn, msg));
        }
    }

    /** The protocol is JSON in text frames; a binary frame costs a command and gets an error. */
    private void onBinaryMessage(WsBinaryMessageContext ctx) {
        Connection conn = ctx.attribute(CONNECTION);
        if (conn != null && conn.admit(null)) {
            conn.reply(Replies.error(null, "binary_not_supported", "Messages are JSON in text frames"));
        }
    }

    /** Runs one command and returns its one answer, {@code ack} or {@code error}, whatever goes wrong. */
    private String answer(Connection conn, ClientMessage msg) {
        try {
            return switch (msg) {
                case ClientMessage.Bad bad -> Replies.error(bad.id(), "bad_message", bad.reason());
                case ClientMessage.Join join -> moves.join(conn, join);
                case ClientMessage.RoomCommand rc -> moves.command(conn, rc);
                case ClientMessage.Ping ping -> ping(conn, ping);
                case ClientMessage.MediaOffer offer -> mediaOffer(conn, offer);
                case ClientMessage.SubscribeHallway sub -> {
                    conn.hallwaySubscribed = sub.on();
                    yield Replies.ack(sub.id(), null);
                }
            };
        } catch (RuntimeException e) {
            log.warn("Command {} of member {} failed: {}", msg.getClass().getSimpleName(), conn.member.id(), e.toString());
            return Replies.error(msg.id(), "unavailable", "Something went wrong; try again");
        }
    }

    private String ping(Connection conn, ClientMessage.Ping ping) {
        Room room = conn.room();
        if (room == null || room.snapshot().participants().stream().noneMatch(p -> p.memberId() == conn.member.id())) {
            return Replies.error(ping.id(), "not_in_room", "Join a room first");
        }
        Member target = db.read(c -> members.byUsername(c, ping.username())).orElse(null);
        if (target == null || !db.read(c -> follows.follows(c, conn.member.id(), target.id()))) {
            return Replies.error(ping.id(), "not_following", "You can ping people you follow");
        }
        if (!rooms.mayEnter(target.id(), room)) {
            return Replies.error(ping.id(), "not_allowed", "They cannot enter this room");
        }
        ObjectNode notice = JSON.createObjectNode().put("type", "pinged");
        notice.putObject("from").put("username", conn.member.username()).put("displayName", conn.member.displayName());
        notice.putObject("room").put("id", room.id()).put("title", room.snapshot().title()).put("url", "/room/" + room.id());
        String text = notice.toString();
        Set<Connection> targets = byMember.getOrDefault(target.id(), Set.of());
        targets.forEach(t -> t.send(text));
        return Replies.ackNode(ping.id()).put("delivered", !targets.isEmpty()).toString();
    }

    /** Answers a member's SDP offer with an audio leg in their room (docs/protocol.md, "Audio"). */
    private String mediaOffer(Connection conn, ClientMessage.MediaOffer offer) {
        Room room = conn.room();
        if (room == null || room.snapshot().participants().stream().noneMatch(p -> p.memberId() == conn.member.id())) {
            return Replies.error(offer.id(), "not_in_room", "Join a room first");
        }
        return switch (media.answer(room.id(), conn.member.id(), conn, offer.sdp())) {
            case MediaServer.AnswerResult.Answer answer -> Replies.ackNode(offer.id()).put("sdp", answer.sdp()).toString();
            case MediaServer.AnswerResult.Refused refused -> Replies.error(offer.id(), "media_refused", refused.reason());
        };
    }

    /**
     * Who is speaking in a room changed: tell the connections in it. Called on the media server's
     * packet thread, so the fan-out (one frame per connection in the room) is the room's to do.
     */
    public void speaking(String roomId, Set<Long> members) {
        rooms.get(roomId).ifPresent(room -> {
            ObjectNode msg = JSON.createObjectNode().put("type", "speaking").put("room", roomId);
            var list = msg.putArray("members");
            members.forEach(list::add);
            room.notice(msg.toString());
        });
    }

    private void onClose(WsCloseContext ctx) {
        Connection conn = ctx.attribute(CONNECTION);
        if (conn == null) {
            return;
        }
        byMember.computeIfPresent(conn.member.id(), (id, set) -> {
            set.remove(conn);
            return set.isEmpty() ? null : set;
        });
        moves.closed(conn);
    }

    /**
     * The member is out of the room (removed, timed out, left from another tab): their connections
     * there stop counting as present, so a later close does not mark them away again.
     */
    public void participantLeft(String roomId, long memberId) {
        for (Connection conn : byMember.getOrDefault(memberId, Set.of())) {
            Room room = conn.room();
            if (room != null && room.id().equals(roomId) && conn.leaveRoom(room)) {
                rooms.detached(room, memberId, true);
            }
        }
    }

    /** Coalesced: at most one notice per {@link #HALLWAY_NOTICE_INTERVAL}, sent on signalling's own thread. */
    public void hallwayChanged() {
        if (hallwayNoticePending.compareAndSet(false, true) && !scheduler.isShutdown()) {
            scheduler.schedule(() -> {
                hallwayNoticePending.set(false);
                String notice = "{\"type\":\"hallwayChanged\"}";
                byMember.values().forEach(set -> set.forEach(c -> {
                    if (c.hallwaySubscribed) {
                        c.send(notice);
                    }
                }));
            }, HALLWAY_NOTICE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Object memberOf(io.javalin.websocket.WsContext ctx) {
        Connection conn = ctx.attribute(CONNECTION);
        return conn == null ? "?" : conn.member.id();
    }

    /**
     * The node is stopping (call before the HTTP server stops): every client is told 1001, going
     * away, so it reconnects at once instead of seeing its connection drop (1006) and backing off.
     * Waits up to {@link #GOING_AWAY_WAIT} for the close frames to go out.
     */
    public void close() {
        goingAway = true;
        scheduler.shutdownNow();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        byMember.values().forEach(set -> set.forEach(c -> closing.add(c.close(GOING_AWAY, "server shutting down"))));
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(GOING_AWAY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Not every client heard the server go away: {}", e.toString());
        }
    }
}
