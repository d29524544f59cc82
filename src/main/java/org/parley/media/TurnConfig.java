package org.parley.media;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TURN relays for browsers behind UDP-blocking firewalls (e.g. coturn). Parley needs no TURN itself
 * (ICE-lite, one public UDP port); it hands clients short-lived credentials in the "TURN REST API"
 * scheme that coturn implements with {@code use-auth-secret} / {@code static-auth-secret}:
 * username = {@code <expiry unix time>:<member id>}, password = Base64(HMAC-SHA1(secret, username)).
 *
 * @param urls   {@code turn:}/{@code turns:} URLs; empty: no TURN
 * @param secret the shared secret configured in the TURN server
 * @param ttl    how long handed-out credentials stay valid
 */
public record TurnConfig(List<String> urls, String secret, Duration ttl) {

    /** Long enough for a long conversation; a reconnect fetches fresh ones with the next hello. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(12);

    public TurnConfig {
        urls = List.copyOf(urls);
        for (String url : urls) {
            if (!url.matches("turns?:[^\\s]+")) {
                throw new IllegalArgumentException("TURN URLs start with turn: or turns:, got '" + url + "'");
            }
        }
        if (!urls.isEmpty() && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("TURN URLs need the shared secret of the TURN server");
        }
    }

    public boolean enabled() {
        return !urls.isEmpty();
    }

    /** One ICE server entry for {@code RTCPeerConnection({iceServers})}. */
    public record IceServer(List<String> urls, String username, String credential) {}

    public IceServer credentialsFor(long memberId, Instant now) {
        String username = now.plus(ttl).getEpochSecond() + ":" + memberId;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String credential = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new IceServer(urls, username, credential);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }
}
