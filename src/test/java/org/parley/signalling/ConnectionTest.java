package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.nio.channels.WritePendingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;
import org.parley.accounts.Member;

/**
 * What one connection sends when Jetty's outgoing queue is full, and how it meets a flood. The
 * session stands in for Jetty's: past {@code maxOutgoingFrames} (SignallingSocket.MAX_QUEUED_FRAMES)
 * Jetty 12 fails a text frame's callback with {@link WritePendingException} and sends nothing — a
 * state the real network only reaches after megabytes of unread frames.
 */
class ConnectionTest {

    record Close(int code, String reason) {}

    final List<String> sent = new ArrayList<>();
    final List<Close> closes = new ArrayList<>();
    boolean queueFull;
    long now = 1_000_000_000L;

    final Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "sendText" -> {
                    Callback callback = (Callback) args[1];
                    if (queueFull) {
                        callback.fail(new WritePendingException());
                    } else {
                        sent.add((String) args[0]);
                        callback.succeed();
                    }
                    yield null;
                }
                case "close" -> {
                    closes.add(new Close((int) args[0], (String) args[1]));
                    ((Callback) args[2]).succeed();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "a test session";
                default -> throw new UnsupportedOperationException(method.getName());
            });

    final Connection conn = new Connection(session,
            new Member(7, "ada", "Ada", "", false, null, Instant.EPOCH), new FloodGuard(() -> now));

    @Test
    void an_answer_that_cannot_be_queued_closes_the_connection_with_1008_instead_of_vanishing() {
        queueFull = true;
        conn.reply(Replies.ack("c1", 3L));
        assertThat(closes).containsExactly(new Close(1008, Connection.UNREAD_CLOSE_REASON));
    }

    @Test
    void room_state_that_cannot_be_queued_is_dropped_and_the_connection_stays_open() {
        queueFull = true;
        conn.send("{\"type\":\"delta\"}");
        assertThat(closes).isEmpty();
    }

    @Test
    void a_flood_is_answered_rate_limited_then_closed_with_1008_and_later_frames_get_nothing() throws Exception {
        int admitted = 0;
        for (int i = 0; i < 1_000; i++) {
            if (conn.admit("f" + i)) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(CommandBudget.BURST);
        assertThat(sent).hasSize(FloodGuard.MAX_REFUSED);
        var json = new ObjectMapper();
        for (int i = 0; i < sent.size(); i++) {
            var error = json.readTree(sent.get(i));
            assertThat(error.get("code").asText()).isEqualTo("rate_limited");
            assertThat(error.get("id").asText()).isEqualTo("f" + (CommandBudget.BURST + i));
        }
        assertThat(closes).containsExactly(new Close(FloodGuard.CLOSE_CODE, FloodGuard.CLOSE_REASON));
    }
}
