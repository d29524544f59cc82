package org.parley.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One member's WebSocket to {@code /ws} (docs/protocol.md), as cheap as it can be for thousands of
 * listeners: room deltas and snapshots are skipped by their first bytes without being parsed; only
 * {@code hello}, {@code ack} and {@code error} are read, and each command waits for its answer by id.
 *
 * <p>Threading: the HttpClient's threads deliver frames in order per socket; {@link #call} may be used
 * from any thread.
 */
final class RoomSocket implements AutoCloseable {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, String> pendingTypes = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonNode> hello = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** When the last answer to each command type arrived (System.nanoTime), for the join's step times. */
    private final Map<String, Long> answeredNanos = new ConcurrentHashMap<>();
    private volatile WebSocket socket;
    private final Object sendLock = new Object();
    /** The last send started; guarded by {@link #sendLock}. */
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

    private RoomSocket() {}

    /** Connects as {@code member} and waits for {@code hello}. */
    static RoomSocket connect(HttpClient client, URI base, Member member) throws Exception {
        RoomSocket rs = new RoomSocket();
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws");
        rs.socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("Cookie", ParleyHttp.SESSION + "=" + member.session)
                .buildAsync(ws, rs.new Listener()).get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        rs.hello.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return rs;
    }

    /** Sends a command; the future completes with its {@code ack}, or exceptionally with its {@code error}. */
    CompletableFuture<JsonNode> send(String type, Object... fields) {
        ObjectNode msg = ParleyHttp.JSON.createObjectNode().put("type", type);
        String id = "l" + ids.incrementAndGet();
        msg.put("id", id);
        for (int i = 0; i < fields.length; i += 2) {
            msg.set((String) fields[i], ParleyHttp.JSON.valueToTree(fields[i + 1]));
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pendingTypes.put(id, type);
        pending.put(id, answer);
        sendInOrder(msg.toString()).whenComplete((ws, e) -> {
            if (e != null) {
                answer.completeExceptionally(e);
            }
        });
        return answer.orTimeout(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> {
                    pending.remove(id);
                    pendingTypes.remove(id);
                });
    }

    /**
     * Sends after the previous send completed: a JDK WebSocket allows one outstanding send, and a
     * command may be sent before the previous one was answered (the offer right behind the join).
     */
    private CompletableFuture<WebSocket> sendInOrder(String text) {
        synchronized (sendLock) {
            CompletableFuture<WebSocket> next = lastSend.handle((ws, e) -> null)
                    .thenCompose(ignored -> socket.sendText(text, true));
            lastSend = next;
            return next;
        }
    }

    /** {@link #send} and wait. */
    JsonNode call(String type, Object... fields) throws Exception {
        try {
            return send(type, fields).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** When the last answer to a {@code type} command arrived ({@link System#nanoTime}), 0 if none did. */
    long answeredNanos(String type) {
        return answeredNanos.getOrDefault(type, 0L);
    }

    /** A command the server refused: its code and message. */
    static final class Refused extends Exception {
        Refused(String type, JsonNode error) {
            super(type + " refused: " + error.path("code").asText() + " (" + error.path("message").asText() + ")");
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private boolean skipping;
        private boolean midMessage;

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!midMessage) {
                // Deltas, snapshots and speaking notices start with their type; only answers are read.
                skipping = !(startsWith(data, "{\"type\":\"ack\"") || startsWith(data, "{\"type\":\"error\"")
                        || startsWith(data, "{\"type\":\"hello\""));
            }
            if (!skipping) {
                partial.append(data);
            }
            midMessage = !last;
            if (last && !skipping) {
                handle(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            var closed = new IllegalStateException("WebSocket closed by the server: " + statusCode + " " + reason);
            hello.completeExceptionally(closed);
            pending.values().forEach(f -> f.completeExceptionally(closed));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            hello.completeExceptionally(error);
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }

    private void handle(String text) {
        JsonNode msg;
        try {
            msg = ParleyHttp.JSON.readTree(text);
        } catch (Exception e) {
            return;
        }
        String type = msg.path("type").asText();
        if (type.equals("hello")) {
            hello.complete(msg);
            return;
        }
        CompletableFuture<JsonNode> answer = pending.get(msg.path("id").asText());
        if (answer == null) {
            return;
        }
        String commandType = pendingTypes.get(msg.path("id").asText());
        if (commandType != null) {
            answeredNanos.put(commandType, System.nanoTime());
        }
        if (type.equals("ack")) {
            answer.complete(msg);
        } else {
            answer.completeExceptionally(new Refused(pendingTypes.getOrDefault(msg.path("id").asText(), "command"), msg));
        }
    }

    private static boolean startsWith(CharSequence data, String prefix) {
        if (data.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Closes quietly (a normal close; the server counts the member as gone after its grace period). */
    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
        }
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }
}
