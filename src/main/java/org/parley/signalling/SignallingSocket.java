package org.parley.signalling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
import org.parley.rooms.RoomListener;
import org.parley.rooms.Rooms;
import org.parley.social.FollowStore;
import org.parley.storage.Database;
import org.parley.web.Csrf;
import org.parley.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WebSocket per client session ({@code /ws}, protocol in docs/protocol.md): authenticated by
 * the session cookie at the upgrade, with the Origin checked against cross-site WebSocket hijacking.
 * Room commands are handed to the room's executor and answered with {@code ack} or {@code error};
 * room state reaches the client as {@code snapshot} and {@code delta} messages in version order.
 */
public final class SignallingSocket implements RoomListener {

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
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("signalling-hallway").factory());

    private final MediaServer media;
    private final TurnConfig turn;

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
    }

    public void routes(RoutesConfig routes) {
        routes.wsBeforeUpgrade("/ws", this::beforeUpgrade);
        routes.ws("/ws", ws -> {
            ws.onConnect(this::onConnect);
            ws.onMessage(this::onMessage);
            ws.onClose(this::onClose);
            ws.onError(ctx -> log.debug("WebSocket error for member {}: {}", memberOf(ctx), String.valueOf(ctx.error())));
        });
    }

    private void beforeUpgrade(Context ctx) {
        if (!csrf.originAllowed(ctx)) {
            throw new ProblemException(403, "csrf_invalid", "Request refused", "Cross-site WebSocket refused");
        }
        auth.resolve(ctx).orElseThrow(ProblemException::unauthenticated);
    }

    private void onConnect(WsConnectContext ctx) {
        Member member = ctx.attribute(Authenticator.MEMBER_ATTR);
        if (member == null) {
            ctx.closeSession(4401, "unauthenticated");
            return;
        }
        ctx.session.setIdleTimeout(Duration.ofMinutes(2));
        ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
        var conn = new Connection(ctx, member, new CommandBudget());
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
    }

    private void onMessage(WsMessageContext ctx) {
        Connection conn = ctx.attribute(CONNECTION);
        if (conn == null) {
            return;
        }
        String text = ctx.message();
        if (text.length() > MAX_MESSAGE_BYTES) {
            error(conn, null, "bad_message", "Message too large");
            return;
        }
        ClientMessage msg = ClientMessage.parse(text, conn.member.id());
        if (!conn.budget.tryTake()) {
            error(conn, msg.id(), "rate_limited", "Too many commands; slow down");
            return;
        }
        switch (msg) {
            case ClientMessage.Bad bad -> error(conn, bad.id(), "bad_message", bad.reason());
            case ClientMessage.Join join -> join(conn, join);
            case ClientMessage.RoomCommand rc -> command(conn, rc);
            case ClientMessage.Ping ping -> ping(conn, ping);
            case ClientMessage.MediaOffer offer -> mediaOffer(conn, offer);
            case ClientMessage.SubscribeHallway sub -> {
                conn.hallwaySubscribed = sub.on();
                ack(conn, sub.id(), null);
            }
        }
    }

    private void join(Connection conn, ClientMessage.Join join) {
        Room room = rooms.get(join.room()).orElse(null);
        if (room == null || room.ended()) {
            error(conn, join.id(), "room_not_found", "This room has ended or does not exist");
            return;
        }
        Room previous = conn.room();
        if (previous != null && previous != room) {
            leave(conn, previous, new Command.Leave(true));
        }
        var result = await(room.submit(conn.member.id(),
                new Command.Join(conn.member.id(), conn.member.username(), conn.member.displayName()), conn, join.since()));
        if (result instanceof Room.Result.Done done) {
            if (conn.room() != room) {
                conn.enterRoom(room);
                rooms.attached(room, conn.member.id());
            }
            ack(conn, join.id(), done.version());
        } else {
            reply(conn, join.id(), result);
        }
    }

    private void command(Connection conn, ClientMessage.RoomCommand rc) {
        Room room = conn.room();
        if (room == null) {
            error(conn, rc.id(), "not_in_room", "Join a room first");
            return;
        }
        if (rc.command() instanceof Command.Leave leave) {
            var result = leave(conn, room, leave);
            reply(conn, rc.id(), result);
            return;
        }
        reply(conn, rc.id(), await(room.submit(conn.member.id(), rc.command(), conn)));
    }

    private Room.Result leave(Connection conn, Room room, Command.Leave leave) {
        var result = await(room.submit(conn.member.id(), leave, conn));
        media.closeLeg(conn);
        room.unsubscribe(conn);
        if (conn.leaveRoom(room)) {
            rooms.detached(room, conn.member.id(), true);
        }
        return result;
    }

    private void ping(Connection conn, ClientMessage.Ping ping) {
        Room room = conn.room();
        if (room == null || room.snapshot().participants().stream().noneMatch(p -> p.memberId() == conn.member.id())) {
            error(conn, ping.id(), "not_in_room", "Join a room first");
            return;
        }
        Member target = db.read(c -> members.byUsername(c, ping.username())).orElse(null);
        if (target == null || !db.read(c -> follows.follows(c, conn.member.id(), target.id()))) {
            error(conn, ping.id(), "not_following", "You can ping people you follow");
            return;
        }
        if (!rooms.mayEnter(target.id(), room)) {
            error(conn, ping.id(), "not_allowed", "They cannot enter this room");
            return;
        }
        ObjectNode notice = JSON.createObjectNode().put("type", "pinged");
        notice.putObject("from").put("username", conn.member.username()).put("displayName", conn.member.displayName());
        notice.putObject("room").put("id", room.id()).put("title", room.snapshot().title()).put("url", "/room/" + room.id());
        String text = notice.toString();
        Set<Connection> targets = byMember.getOrDefault(target.id(), Set.of());
        targets.forEach(t -> t.send(text));
        ObjectNode ack = JSON.createObjectNode().put("type", "ack").put("delivered", !targets.isEmpty());
        if (ping.id() != null) {
            ack.put("id", ping.id());
        }
        conn.send(ack.toString());
    }

    /** Answers a member's SDP offer with an audio leg in their room (docs/protocol.md, "Audio"). */
    private void mediaOffer(Connection conn, ClientMessage.MediaOffer offer) {
        Room room = conn.room();
        if (room == null || room.snapshot().participants().stream().noneMatch(p -> p.memberId() == conn.member.id())) {
            error(conn, offer.id(), "not_in_room", "Join a room first");
            return;
        }
        switch (media.answer(room.id(), conn.member.id(), conn, offer.sdp())) {
            case MediaServer.AnswerResult.Answer answer -> {
                ObjectNode ack = JSON.createObjectNode().put("type", "ack").put("sdp", answer.sdp());
                if (offer.id() != null) {
                    ack.put("id", offer.id());
                }
                conn.send(ack.toString());
            }
            case MediaServer.AnswerResult.Refused refused -> error(conn, offer.id(), "media_refused", refused.reason());
        }
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
        media.closeLeg(conn);
        Room room = conn.room();
        if (room != null) {
            room.unsubscribe(conn);
            if (conn.leaveRoom(room)) {
                rooms.detached(room, conn.member.id(), false);
            }
        }
    }

    /**
     * The member is out of the room (removed, timed out, left from another tab): their connections
     * there stop counting as present, so a later close does not mark them away again.
     */
    @Override
    public void participantLeft(String roomId, long memberId) {
        for (Connection conn : byMember.getOrDefault(memberId, Set.of())) {
            Room room = conn.room();
            if (room != null && room.id().equals(roomId) && conn.leaveRoom(room)) {
                rooms.detached(room, memberId, true);
            }
        }
    }

    @Override
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

    private Room.Result await(java.util.concurrent.CompletableFuture<Room.Result> future) {
        try {
            return future.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Room.Result.Refused(new org.parley.rooms.RoomError("unavailable", "Interrupted"));
        } catch (Exception e) {
            return new Room.Result.Refused(new org.parley.rooms.RoomError("unavailable", "The room did not answer; try again"));
        }
    }

    private void reply(Connection conn, String id, Room.Result result) {
        switch (result) {
            case Room.Result.Done done -> ack(conn, id, done.version());
            case Room.Result.Refused refused -> error(conn, id, refused.error().code(), refused.error().message());
        }
    }

    private static void ack(Connection conn, String id, Long version) {
        ObjectNode ack = JSON.createObjectNode().put("type", "ack");
        if (id != null) {
            ack.put("id", id);
        }
        if (version != null) {
            ack.put("version", version);
        }
        conn.send(ack.toString());
    }

    private static void error(Connection conn, String id, String code, String message) {
        ObjectNode err = JSON.createObjectNode().put("type", "error").put("code", code).put("message", message);
        if (id != null) {
            err.put("id", id);
        }
        conn.send(err.toString());
    }

    private static Object memberOf(io.javalin.websocket.WsContext ctx) {
        Connection conn = ctx.attribute(CONNECTION);
        return conn == null ? "?" : conn.member.id();
    }

    public void close() {
        scheduler.shutdownNow();
    }
}
