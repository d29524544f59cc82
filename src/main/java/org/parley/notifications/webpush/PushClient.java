package org.parley.notifications.webpush;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Sends one encrypted push message to a push service (RFC 8030 §5): an HTTP POST of the
 * {@code aes128gcm} body to the subscription's endpoint, signed with VAPID. It reads nothing of the
 * answer but its status and {@code Retry-After}, follows no redirect, and waits at most
 * {@link #TIMEOUT}. Thread-safe; one instance serves every send.
 */
public final class PushClient {

    /** Connecting and the whole exchange each give up after this long. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** RFC 8030 §5.3: how urgently the device should wake for it. */
    public enum Urgency { very_low, low, normal, high }

    /** What became of one send. */
    public enum Outcome {
        /** 201: the push service took it. */
        accepted,
        /** 404 or 410: the subscription is gone for good (RFC 8030 §7.3); forget it. */
        gone,
        /** 429, a 5xx, a timeout or a broken connection: worth trying again later. */
        retry,
        /** Any other answer (400, 401/403 on a key mismatch, 413): trying again will not help. */
        refused
    }

    /** @param retryAfter the push service's {@code Retry-After} in seconds, when it gave one */
    public record Result(Outcome outcome, int status, OptionalLong retryAfter) {}

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Vapid vapid;

    public PushClient(Vapid vapid) {
        this.vapid = vapid;
    }

    /**
     * @param ttl RFC 8030 §5.2: how long the push service keeps the message for an offline device;
     *            zero means deliver now or never
     */
    public Result send(URI endpoint, byte[] body, Duration ttl, Urgency urgency, Instant now) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "aes128gcm") // RFC 8291 §4
                .header("TTL", Long.toString(Math.max(0, ttl.toSeconds())))
                .header("Urgency", urgency.name().replace('_', '-'))
                .header("Authorization", vapid.authorization(endpoint, now))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            OptionalLong retryAfter = response.headers().firstValue("Retry-After")
                    .filter(v -> v.matches("\\d{1,9}")).map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
            return new Result(outcome(status), status, retryAfter);
        } catch (IOException e) {
            return new Result(Outcome.retry, 0, OptionalLong.empty());
        }
    }

    static Outcome outcome(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.accepted;
        }
        if (status == 404 || status == 410) {
            return Outcome.gone;
        }
        if (status == 429 || status >= 500) {
            return Outcome.retry;
        }
        return Outcome.refused;
    }
}
