package org.parley.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.parley.notifications.webpush.P256;

/**
 * A push service on 127.0.0.1 for tests (RFC 8030 §5 from the receiving side): it takes the POSTs
 * Parley sends to {@code /push/<name>} and keeps them, answering 201 unless {@link #answer} says
 * otherwise for a name. {@link #browser} makes a subscription as a browser would — its own key pair
 * and auth secret — so a test can decrypt what arrives.
 */
public final class LocalPushService implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A browser's side of a subscription. */
    public record Browser(String endpoint, KeyPair keys, byte[] auth) {
        /** The body of {@code subscribePush}: what {@code PushSubscription.toJSON()} gives. */
        public Map<String, Object> subscription() {
            return Map.of("endpoint", endpoint, "keys", Map.of("p256dh", P256.base64Url(P256.encode((ECPublicKey) keys.getPublic())),
                            "auth", P256.base64Url(auth)));
        }
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();

    public LocalPushService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/push/", exchange -> {
            var r = new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes());
            all.add(r);
            received.add(r);
            String name = r.path().substring("/push/".length());
            exchange.sendResponseHeaders(answers.getOrDefault(name, 201), -1);
            exchange.close();
        });
        server.start();
    }

    /** The origin to allow in {@code PARLEY_PUSH_DEV_ORIGINS}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Browser browser(String name) {
        byte[] auth = new byte[16];
        new java.security.SecureRandom().nextBytes(auth);
        return new Browser(origin() + "/push/" + name, P256.generate(), auth);
    }

    /** From now on, pushes to {@code name} are answered with {@code status}. */
    public void answer(String name, int status) {
        answers.put(name, status);
    }

    /** The next push received, or null after {@code timeout}. */
    public Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every push received so far. */
    public List<Received> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
