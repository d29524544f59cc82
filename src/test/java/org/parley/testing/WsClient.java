package org.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A WebSocket client of the live protocol (docs/protocol.md) for tests: connects with a member's
 * session cookie, queues every message received, and sends commands with ids.
 */
public final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LinkedBlockingQueue<JsonNode> inbox;
    private final CompletableFuture<Close> closed;
    private final List<JsonNode> seen = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket socket;

    /** How the server closed the connection: RFC 6455 status code and reason (1006 when it just dropped). */
    public record Close(int code, String reason) {}

    private WsClient(WebSocket socket, LinkedBlockingQueue<JsonNode> inbox, CompletableFuture<Close> closed) {
        this.socket = socket;
        this.inbox = inbox;
        this.closed = closed;
    }

    /** Connects as the member signed in on {@code api}. */
    public static WsClient connect(String baseUrl, ApiClient api) {
        return connect(baseUrl, "parley_session=" + api.cookie("parley_session"), null);
    }

    public static WsClient connect(String baseUrl, String cookieHeader, String origin) {
        var inbox = new LinkedBlockingQueue<JsonNode>();
        var closed = new CompletableFuture<Close>();
        var listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket ws) {
                ws.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        inbox.add(JSON.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new AssertionError("server sent non-JSON: " + partial, e);
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(new Close(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(new Close(1006, String.valueOf(error)));
            }
        };
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (cookieHeader != null) {
            builder.header("Cookie", cookieHeader);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        WebSocket socket = builder.buildAsync(URI.create(baseUrl.replace("http", "ws") + "/ws"), listener).join();
        return new WsClient(socket, inbox, closed);
    }

    /** Sends a command and returns its id. */
    public String send(String type, Object... fields) {
        ObjectNode msg = JSON.createObjectNode().put("type", type);
        String id = "c" + ids.incrementAndGet();
        msg.put("id", id);
        for (int i = 0; i < fields.length; i += 2) {
            msg.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        sendRaw(msg.toString());
        return id;
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends a command and waits for its ack or error. */
    public JsonNode call(String type, Object... fields) {
        String id = send(type, fields);
        return await(m -> id.equals(m.path("id").asText()) && (m.path("type").asText().equals("ack")
                || m.path("type").asText().equals("error")));
    }

    /** The next message matching {@code match} (earlier non-matching ones stay seen, in order). */
    public JsonNode await(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (JsonNode m : seen) {
            if (match.test(m)) {
                seen.remove(m);
                return m;
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching message within 10 s; seen: " + seen);
            }
            JsonNode m;
            try {
                m = inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (m == null) {
                continue;
            }
            if (match.test(m)) {
                return m;
            }
            seen.add(m);
        }
    }

    public JsonNode awaitType(String type) {
        return await(m -> type.equals(m.path("type").asText()));
    }

    /** Everything received so far and not yet awaited, then cleared. */
    public List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>(seen);
        seen.clear();
        inbox.drainTo(all);
        return all;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Waits up to 10 s for the server to close the connection. */
    public Close awaitClose() {
        try {
            return closed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the connection was not closed within 10 s", e);
        }
    }

    /** Drops the connection without a goodbye, as a lost network would (the server sees it close). */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
