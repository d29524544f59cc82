package org.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A minimal WebDriver BiDi client (https://w3c.github.io/webdriver-bidi/) over java.net.http's
 * WebSocket and Jackson, enough to drive Firefox ESR, which speaks BiDi natively on its
 * {@code --remote-debugging-port}: commands are {@code {id, method, params}} and answered by the
 * same id with {@code type: "success"} or {@code "error"}; events are {@code {type: "event", method, params}}.
 *
 * <p>Threading: {@link #send} may be called from any thread (sends are serialised); answers and
 * events arrive on the WebSocket's thread, where event listeners run and must be quick.
 */
final class BiDi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any single command the test sends (navigate waits for the page's load). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final Map<Long, CompletableFuture<JsonNode>> pending;
    private final List<Listener> listeners;
    private final AtomicLong ids = new AtomicLong();

    private record Listener(String method, Consumer<JsonNode> handler) {}

    private BiDi(WebSocket socket, Map<Long, CompletableFuture<JsonNode>> pending, List<Listener> listeners) {
        this.socket = socket;
        this.pending = pending;
        this.listeners = listeners;
    }

    /** Connects to {@code uri} (e.g. {@code ws://host:port/session}), retrying until {@code within} passes. */
    static BiDi connect(URI uri, Duration within) {
        Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        List<Listener> listeners = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                WebSocket socket = http.newWebSocketBuilder()
                        .buildAsync(uri, new Receiver(pending, listeners)).get(10, TimeUnit.SECONDS);
                return new BiDi(socket, pending, listeners);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no WebDriver BiDi endpoint at " + uri + " within " + within, e);
                }
                sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Calls {@code handler(params)} for every {@code method} event (subscribe with {@code session.subscribe}). */
    void on(String method, Consumer<JsonNode> handler) {
        listeners.add(new Listener(method, handler));
    }

    /** Sends a command and waits for its result; a BiDi error becomes an {@link AssertionError} with its message. */
    JsonNode send(String method, Map<String, ?> params) {
        return send(method, params, COMMAND_TIMEOUT);
    }

    JsonNode send(String method, Map<String, ?> params, Duration timeout) {
        long id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) {
                // A WebSocket allows one outstanding send at a time.
                socket.sendText(JSON.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
            }
            JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!"success".equals(reply.path("type").asText())) {
                throw new AssertionError("BiDi " + method + " failed: " + reply.path("error").asText() + ": "
                        + reply.path("message").asText());
            }
            return reply.path("result");
        } catch (IOException | ExecutionException e) {
            throw new AssertionError("BiDi " + method + " could not be sent", e);
        } catch (TimeoutException e) {
            throw new AssertionError("BiDi " + method + " got no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Puts a text message's fragments together and routes it to its waiting command or to the listeners. */
    private static final class Receiver implements WebSocket.Listener {
        private final Map<Long, CompletableFuture<JsonNode>> pending;
        private final List<Listener> listeners;
        private final StringBuilder text = new StringBuilder();

        Receiver(Map<Long, CompletableFuture<JsonNode>> pending, List<Listener> listeners) {
            this.pending = pending;
            this.listeners = listeners;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                dispatch(text.toString());
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        private void dispatch(String message) {
            JsonNode node;
            try {
                node = JSON.readTree(message);
            } catch (IOException e) {
                return; // not JSON: nothing a command waits for
            }
            if ("event".equals(node.path("type").asText())) {
                String method = node.path("method").asText();
                for (Listener l : listeners) {
                    if (l.method().equals(method)) {
                        l.handler().accept(node.path("params"));
                    }
                }
            } else if (node.hasNonNull("id")) {
                CompletableFuture<JsonNode> answer = pending.get(node.get("id").asLong());
                if (answer != null) {
                    answer.complete(node);
                }
            }
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            pending.values().forEach(f -> f.completeExceptionally(new IOException("BiDi closed: " + status + " " + reason)));
            return null;
        }
    }
}
