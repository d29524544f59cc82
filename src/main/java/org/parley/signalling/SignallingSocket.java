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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.events.BlockChanged;
import org.parley.events.EventBus;
import org.parley.events.FollowChanged;
import org.parley.events.HallwayChanged;
import org.parley.events.ParticipantLeft;
import org.parley.events.SessionsEnded;
import org.parley.events.SpeakingChanged;
import org.parley.media.MediaServer;
import org.parley.media.TurnConfig;
import org.parley.module.MessageHandler;
import org.parley.rooms.Rooms;
import org.parley.storage.StorageException;
import org.parley.web.Csrf;
import org.parley.web.ProblemException;
import org.parley.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WebSocket per client session ({@code /ws}, protocol in docs/protocol.md), carrying every
 * feature's messages: authenticated by the session cookie at the upgrade, with the Origin checked
 * against cross-site WebSocket hijacking. This class handles connections and dispatch only — parse,
 * rate-limit ({@link FloodGuard}), close abusive connections, and hand each message to the
 * {@link Handler} registered for its type, whose one answer ({@code ack} or {@code error}) it
 * sends: room commands ({@link RoomMoves}), audio offers ({@link MediaSignals}) and hallway
 * subscriptions ({@link HallwayNotices}) are the socket's own; other features' types come from their
 * modules ({@link MessageRegistry}: rooms' {@code ping}). Messages the server starts go
 * through {@link Push}; room state reaches the client as {@code snapshot} and {@code delta}
 * messages in version order, from the room itself.
 */
final class SignallingSocket {

    private static final Logger log = LoggerFactory.getLogger(SignallingSocket.class);
    static final int PROTOCOL_VERSION = 1;
    /** Longest client message; commands are tiny. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /**
     * Frames queued for one client before further sends to it fail: a stalled client cannot grow the
     * server's memory; it misses deltas, sees the version gap and resyncs with {@code join since}.
     */
    static final int MAX_QUEUED_FRAMES = 1024;
    /** A command that a room has not answered in this time is reported as failed. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** RFC 6455 §7.4.1: 1001, going away — the node is stopping; clients reconnect at once. */
    static final int GOING_AWAY = 1001;
    /**
     * Private-use close code (RFC 6455 §7.4.2, 4000–4999): the connection's session ended — logged out
     * elsewhere, or the account deleted. The client must not reconnect with it (docs/protocol.md).
     */
    static final int SESSION_ENDED = 4401;
    /** Longest a stopping node waits for its 1001 close frames to go out. */
    static final Duration GOING_AWAY_WAIT = Duration.ofSeconds(2);
    private static final String CONNECTION = "parley.connection";
    private static final String SESSION_ID = "parley.connection.session";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionHttp auth;
    private final Csrf csrf;
    private final TurnConfig turn;
    private final Push push;
    private final MessageRegistry messages;
    /** Message type → its handler; filled in the constructor, read-only afterwards. */
    private final Map<Class<? extends ClientMessage>, Handler<?>> handlers = new HashMap<>();
    private final RoomMoves moves;
    private final MediaSignals mediaSignals;
    private final HallwayNotices hallway;
    /** Set once the node stops: no new connections, and every open one is closed with 1001. */
    private volatile boolean goingAway;

    /** @param messages the message types other features answer, filled before the first connection */
    SignallingSocket(SessionHttp auth, Csrf csrf, Rooms rooms, MediaServer media, TurnConfig turn, Push push,
                     MessageRegistry messages) {
        this.auth = auth;
        this.csrf = csrf;
        this.turn = turn;
        this.push = push;
        this.messages = messages;
        this.moves = new RoomMoves(rooms, media, push, auth);
        this.mediaSignals = new MediaSignals(rooms, media);
        this.hallway = new HallwayNotices(push);
        register(ClientMessage.Join.class, moves::join);
        register(ClientMessage.RoomCommand.class, moves::command);
        register(ClientMessage.MediaOffer.class, mediaSignals);
        register(ClientMessage.ListenIn.class, mediaSignals::listenIn);
        register(ClientMessage.SubscribeHallway.class, hallway);
    }

    private <M extends ClientMessage> void register(Class<M> type, Handler<M> handler) {
        handlers.put(type, handler);
    }

    /**
     * Subscribes the WebSocket's features to the bus: departures the rooms announce (RoomMoves),
     * hallway changes, and follows and blocks that change two members' hallways (HallwayNotices), and who
     * is speaking (MediaSignals). Each listener only queues or clears a field, as the bus requires.
     */
    void listenTo(EventBus events) {
        events.subscribe(ParticipantLeft.class, e -> moves.participantLeft(e.roomId(), e.memberId()));
        events.subscribe(HallwayChanged.class, e -> hallway.hallwayChanged());
        events.subscribe(FollowChanged.class, e -> hallway.hallwayChangedFor(e.follower(), e.followee()));
        events.subscribe(BlockChanged.class, e -> hallway.hallwayChangedFor(e.blocker(), e.blocked()));
        events.subscribe(SpeakingChanged.class, e -> mediaSignals.speaking(e.roomId(), e.members()));
        events.subscribe(SessionsEnded.class, e -> sessionsEnded(Set.copyOf(e.sessionIds())));
    }

    /**
     * Closes, with {@link #SESSION_ENDED}, every connection upgraded with one of {@code sessionIds}
     * (whatever member it speaks for: a delegate's connection acting as an organization is theirs).
     * Only queues the close frames, as the bus requires; each close runs the usual clean-up.
     */
    private void sessionsEnded(Set<String> sessionIds) {
        push.eachConnection(c -> {
            if (c.sessionId != null && sessionIds.contains(c.sessionId)) {
                c.close(SESSION_ENDED, "session ended");
            }
        });
    }

    /** Server-initiated messages to members' connections, for any feature. */
    Push push() {
        return push;
    }

    void routes(RoutesConfig routes) {
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
        if (refusal == null) {
            ctx.attribute(SESSION_ID, SessionHttp.sessionId(ctx)); // kept with the upgrade request, like the member
        }
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
        Member member = ctx.attribute(SessionHttp.MEMBER_ATTR);
        if (member == null) {
            ctx.closeSession(SESSION_ENDED, "unauthenticated");
            return;
        }
        if (goingAway) { // upgraded just as the node began to stop
            ctx.closeSession(GOING_AWAY, "server shutting down");
            return;
        }
        ctx.session.setIdleTimeout(Duration.ofMinutes(2));
        ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
        var conn = new Connection(ctx.session, member, ctx.attribute(SessionHttp.OPERATOR_ATTR), new FloodGuard(),
                ctx.attribute(SESSION_ID));
        ctx.attribute(CONNECTION, conn);
        push.add(conn);
        ObjectNode hello = JSON.createObjectNode().put("type", "hello").put("protocol", PROTOCOL_VERSION);
        hello.putObject("member").put("id", member.id()).put("username", member.username())
                .put("displayName", member.displayName()).put("avatarUrl", member.avatarUrl())
                .put("verified", member.verified());
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
                : ClientMessage.parse(text, conn.member.id(), messages.types());
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
        if (msg instanceof ClientMessage.Bad bad) {
            return Replies.error(bad.id(), "bad_message", bad.reason());
        }
        if (msg instanceof ClientMessage.Contributed contributed) {
            return contributedAnswer(conn, contributed);
        }
        @SuppressWarnings("unchecked") // register() pairs each type with a handler of that type
        Handler<ClientMessage> handler = (Handler<ClientMessage>) handlers.get(msg.getClass());
        try {
            return handler.answer(conn, msg);
        } catch (RuntimeException e) {
            log.warn("Command {} of member {} failed: {}", msg.getClass().getSimpleName(), conn.member.id(), e.toString());
            return Replies.error(msg.id(), "unavailable", "Something went wrong; try again");
        }
    }

    private String contributedAnswer(Connection conn, ClientMessage.Contributed msg) {
        var room = conn.room();
        var caller = new MessageHandler.Caller(conn.member.id(), conn.member.username(), conn.member.displayName(),
                room == null ? null : room.id());
        try {
            return Replies.of(msg.id(), messages.handler(msg.type()).answer(caller, msg.message()));
        } catch (RuntimeException e) {
            log.warn("Message {} of member {} failed: {}", msg.type(), conn.member.id(), e.toString());
            return Replies.error(msg.id(), "unavailable", "Something went wrong; try again");
        }
    }

    private void onClose(WsCloseContext ctx) {
        Connection conn = ctx.attribute(CONNECTION);
        if (conn == null) {
            return;
        }
        push.remove(conn);
        moves.closed(conn);
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
    void close() {
        goingAway = true;
        hallway.close();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        push.eachConnection(c -> closing.add(c.close(GOING_AWAY, "server shutting down")));
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
